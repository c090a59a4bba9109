"""Turn a comment's Markdown into safe HTML, once, when it is written."""

import nh3
from markdown_it import MarkdownIt

# The "zero" preset turns everything off; we enable only the safe subset readers
# need. Raw HTML stays off, so "<script>" arrives as text, and nh3 still cleans
# the output in case a rule ever lets something through.
_markdown = MarkdownIt("zero", {"breaks": True, "linkify": False}).enable(
    [
        "paragraph",
        "newline",
        "emphasis",
        "link",
        "blockquote",
        "backticks",
        "code",
        "fence",
        "list",
        "escape",
        "text",
    ]
)

ALLOWED_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "a",
    "blockquote",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
LINK_REL = "nofollow ugc noopener"


def render_comment_body(markdown_text: str) -> str:
    """Return sanitized HTML for a comment body written in the Markdown subset."""
    html = _markdown.render(markdown_text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        link_rel=LINK_REL,
        url_schemes={"http", "https", "mailto"},
    ).strip()
