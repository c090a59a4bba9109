from html.parser import HTMLParser

import pytest

from parley.discussions.rendering import render_comment_body


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("*em* and **strong**", "<p><em>em</em> and <strong>strong</strong></p>"),
        ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
        ("`x = 1`", "<p><code>x = 1</code></p>"),
        ("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        ("line one\nline two", "<p>line one<br>\nline two</p>"),
    ],
)
def test_safe_subset_renders(markdown, html):
    assert render_comment_body(markdown) == html


def test_links_get_nofollow_ugc_noopener():
    html = render_comment_body("[site](https://example.org)")
    assert (
        html
        == '<p><a href="https://example.org" rel="nofollow ugc noopener">site</a></p>'
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="https://x" onclick="steal()">x</a>',
        "# heading\n\n![img](https://x/y.png)",
    ],
)
def test_hostile_input_is_inert(hostile):
    """Whatever arrives, the output holds only allowed tags with safe attributes."""
    parser = _TagCollector()
    parser.feed(render_comment_body(hostile))
    for tag, attributes in parser.tags:
        assert tag in {
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
        for name, value in attributes:
            assert name in {"href", "rel", "start"}
            assert not (value or "").lower().startswith("javascript")


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


@pytest.mark.parametrize(
    ("markdown", "href"),
    [
        ("see https://example.org/a?b=1.", "https://example.org/a?b=1"),
        ("www.example.org/page", "http://www.example.org/page"),
        ("(http://example.org/x)", "http://example.org/x"),
    ],
)
def test_bare_addresses_become_nofollow_ugc_links(markdown, href):
    """A bare http(s) or www. address is a link under the written links' rules."""
    html = render_comment_body(markdown)
    assert f'<a href="{href}" rel="nofollow ugc noopener">' in html


@pytest.mark.parametrize(
    "text",
    [
        "example.com",
        "write to a@b.org",
        "ftp://example.org/file",
        "`https://example.org`",
        "javascript:alert(1)",
    ],
)
def test_text_that_only_looks_like_an_address_stays_text(text):
    assert "<a " not in render_comment_body(text)
