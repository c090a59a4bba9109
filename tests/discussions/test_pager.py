"""The no-JavaScript pager: Newer and Older in every sort and view, a way back
to the top and the form, and links that keep the page's sort."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from parley.discussions import queries
from parley.discussions.models import Comment
from tests.discussions.test_landing import _roots
from tests.factories import make_article, make_thread, post

pytestmark = pytest.mark.django_db


def _link(html: str, rel: str) -> str | None:
    found = re.search(rf'rel="{rel}" href="([^"]+)"', html)
    return unescape(found.group(1)).split("#")[0] if found else None


def _numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r"<p>number (\d+)</p>", html)]


@pytest.mark.parametrize(
    ("sort", "first", "labels"),
    [
        ("newest", list(range(49, 29, -1)), ("Newer comments", "Older comments")),
        ("oldest", list(range(20)), ("Older comments", "Newer comments")),
        ("votes", list(range(49, 29, -1)), ("Higher voted", "Lower voted")),
    ],
)
def test_pages_go_forward_and_back_in_every_sort(client, sort, first, labels):
    """Older then Newer walks the pages there and back, each page its own."""
    article = make_article()
    _roots(article, 50)
    url = article.get_absolute_url()
    home = client.get(f"{url}?sort={sort}").content.decode()
    assert _numbers(home) == first
    assert _link(home, "prev") is None
    pages, html = [_numbers(home)], home
    while (forward := _link(html, "next")) is not None:
        html = client.get(url + forward).content.decode()
        pages.append(_numbers(html))
        assert f"sort={sort}" in forward
    assert [len(page) for page in pages] == [20, 20, 10]
    assert sorted(n for page in pages for n in page) == list(range(50))
    assert f">{labels[0]}</a>" in html and "Back to the top" in html
    assert 'href="#comment-form"' in html
    back, visited = [], []
    while (previous := _link(html, "prev")) is not None:
        visited.append(previous)
        html = client.get(url + previous).content.decode()
        back.append(_numbers(html))
    assert back == pages[-2::-1]
    # Back on the first page by its own address, the one every reader shares.
    assert "cursor=" not in visited[-1] and "cursor=" in visited[0]


def test_the_pager_keeps_the_inline_feedbacks_view(client):
    article = make_article()
    roots = _roots(article, 45)
    Comment.objects.filter(pk__in=[c.pk for c in roots[:25]]).update(
        quote_exact="First paragraph."
    )
    url = article.get_absolute_url()
    html = client.get(f"{url}?feedback=all").content.decode()
    assert _numbers(html) == list(range(24, 4, -1))
    forward = _link(html, "next")
    assert "feedback=all" in forward
    second = client.get(url + forward).content.decode()
    assert _numbers(second) == [4, 3, 2, 1, 0]
    assert "feedback=all" in _link(second, "prev")
    assert _numbers(client.get(url + _link(second, "prev")).content.decode()) == (
        list(range(24, 4, -1))
    )


def test_reply_and_sign_in_links_keep_the_sort_and_page(client):
    article = make_article()
    roots = _roots(article, 30)
    url = article.get_absolute_url()
    first = client.get(f"{url}?sort=oldest").content.decode()
    second_query = _link(first, "next")
    second = client.get(url + second_query).content.decode()
    reply = re.search(rf'href="([^"]*reply={roots[25].pk}[^"]*)"', second).group(1)
    assert parse_qs(urlsplit(unescape(reply)).query) == {
        **parse_qs(urlsplit(second_query).query),
        "reply": [str(roots[25].pk)],
    }
    sign_in = re.findall(r'href="/accounts/sign-in/\?next=([^"]+)"', second)
    assert sign_in and all("sort%3Doldest" in link for link in sign_in)


def test_a_later_page_costs_one_query_more_for_its_newer_link(
    django_assert_num_queries,
):
    thread = make_thread()
    for i in range(45):
        post(thread, f"c{i}")
    first = queries.comment_page(thread, sort="newest", with_previous=True)
    with django_assert_num_queries(3):
        page = queries.comment_page(
            thread, sort="newest", cursor=first.next_cursor, with_previous=True
        )
    assert page.previous_cursor == ""
    with django_assert_num_queries(2):
        queries.comment_page(thread, sort="newest", cursor=first.next_cursor)
