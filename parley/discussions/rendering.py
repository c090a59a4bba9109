"""Turn a comment's Markdown into safe HTML, once, when it is written."""

import nh3
from linkify_it import LinkifyIt
from markdown_it import MarkdownIt


class _Addresses(LinkifyIt):
    """Find the addresses a reader wrote bare: "http(s)://…" and "www.…" only,
    the ones moderation counts towards its link limit, never "example.com"
    or an e-mail address (text that merely looks like a domain stays text)."""

    def __init__(self):
        super().__init__(options={"fuzzy_email": False})
        for schema in ("ftp:", "//", "mailto:"):
            self.add(schema, None)

    def match(self, text):
        found = super().match(text) or []
        return [
            link for link in found if link.schema or link.raw.lower().startswith("www.")
        ] or None


# The "zero" preset turns everything off; we enable only the safe subset readers
# need. Raw HTML stays off, so "<script>" arrives as text, and nh3 still cleans
# the output in case a rule ever lets something through. Bare addresses
# ("https://…", "www.…") become links (linkify-it-py), under the same rules as
# written links: http(s) only, rel="nofollow ugc", and moderation's link limit
# counts them (it counts addresses in the text, written as links or not).
_markdown = MarkdownIt("zero", {"breaks": True, "linkify": True}).enable(
    [
        "linkify",
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
_markdown.linkify = _Addresses()

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
