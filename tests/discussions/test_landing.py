"""Without JavaScript, a reader lands on their own comment after writing: the
page of the thread that shows it, at its anchor, with the news next to it."""

import re
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from parley.discussions.models import Comment
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db


def _roots(article, count: int) -> list[Comment]:
    """`count` top-level comments, "number 0" the oldest, a minute apart."""
    base = timezone.now() - timedelta(days=1)
    made = []
    for i in range(count):
        comment = post(article.thread, f"number {i}", name=f"N{i}")
        Comment.objects.filter(pk=comment.pk).update(
            created_at=base + timedelta(minutes=i)
        )
        made.append(comment)
    return made


def _next_link(html: str, rel: str) -> str:
    found = re.search(rf'rel="{rel}" href="([^"]+)"', html)
    return unescape(found.group(1)) if found else ""


def _comment_html(html: str, pk: int) -> str:
    """The comment's own <article> (its replies left out)."""
    start = html.index(f'id="comment-{pk}"')
    return html[start : html.index("</article>", start)]


def test_a_reply_from_page_three_lands_on_page_three_with_the_news(client):
    """The reply shows on the page it was written from, at its anchor, with
    "Comment posted." next to it."""
    article = make_article()
    roots = _roots(article, 50)
    url = article.get_absolute_url()
    page2 = _next_link(client.get(url).content.decode(), "next")
    page3 = _next_link(client.get(url + page2.split("#")[0]).content.decode(), "next")
    third = client.get(url + page3.split("#")[0]).content.decode()
    assert "number 9" in third and "number 10" not in third
    parent = roots[5]
    reply_link = re.search(
        rf'href="([^"]*reply={parent.pk}#comment-form)"', third
    ).group(1)
    query = unescape(reply_link).split("#")[0]
    assert "cursor=" in query and "sort=newest" in query
    form = re.search(r'<form id="comment-form".*?</form>', third, re.S).group(0)
    assert f'name="parent" value="{parent.pk}"' not in form  # no reply asked yet
    response = client.post(
        url + query,
        {"body": "A reply from page three.", "name": "Ria", "parent": parent.pk},
    )
    assert response.status_code == 302
    reply = Comment.objects.get(body_markdown="A reply from page three.")
    location = response["Location"]
    assert location.endswith(f"#comment-{reply.pk}")
    cursor = parse_qs(urlsplit(location).query)["cursor"][0]
    assert cursor == parse_qs(urlsplit(query).query)["cursor"][0]
    landed = client.get(location).content.decode()
    mine = _comment_html(landed, reply.pk)
    assert "A reply from page three." in mine
    assert "Comment posted." in mine
    assert "number 5" in landed
    # Told once: the next page shows no news.
    assert "Comment posted." not in client.get(location).content.decode()


@pytest.mark.parametrize("sort", ["oldest", "votes"])
def test_a_new_comment_lands_on_the_page_that_shows_it_in_its_sort(client, sort):
    """Oldest first, a new comment is on the last page; the address finds it."""
    article = make_article()
    _roots(article, 45)
    url = article.get_absolute_url()
    response = client.post(
        f"{url}?sort={sort}", {"body": "Late to this.", "name": "Lu"}
    )
    mine = Comment.objects.get(body_markdown="Late to this.")
    location = response["Location"]
    landed = client.get(location).content.decode()
    assert "Late to this." in _comment_html(landed, mine.pk)
    assert "Comment posted." in _comment_html(landed, mine.pk)
    assert f"sort={sort}" in location
    if sort == "oldest":
        assert "cursor=" in location


def test_a_new_comment_sorted_newest_lands_on_the_article_itself(client):
    article = make_article()
    _roots(article, 30)
    url = article.get_absolute_url()
    response = client.post(url, {"body": "First on top.", "name": "Fi"})
    mine = Comment.objects.get(body_markdown="First on top.")
    assert response["Location"] == f"{url}#comment-{mine.pk}"


def test_a_held_comment_shows_at_its_anchor_with_why(client, full_intake):
    """Sent without JavaScript, a comment is held: its author sees it at its
    anchor, "Awaiting moderation", with the reason the intake gave."""
    article = make_article()
    url = article.get_absolute_url()
    response = client.post(url, {"body": "Held, surely.", "name": "Hal"})
    mine = Comment.objects.get(body_markdown="Held, surely.")
    assert mine.status == Comment.Status.PENDING
    assert response["Location"].endswith(f"#comment-{mine.pk}")
    landed = client.get(response["Location"]).content.decode()
    held = _comment_html(landed, mine.pk)
    assert "Awaiting moderation" in held
    assert "Your comment is awaiting moderation." in held
    assert "without JavaScript" in held


def test_a_guest_who_asks_is_remembered_for_the_next_form(client):
    article = make_article()
    url = article.get_absolute_url()
    client.post(
        url,
        {
            "body": "Remember me.",
            "name": "Mem",
            "email": "mem@example.org",
            "website": "https://mem.example",
            "remember": "on",
        },
    )
    html = client.get(url).content.decode()
    assert 'name="name" value="Mem"' in html
    assert 'value="mem@example.org"' in html
    assert 'value="https://mem.example"' in html
    assert re.search(r'name="remember"[^>]*checked', html)
    # Not ticked: forgotten.
    client.post(url, {"body": "Forget me.", "name": "Mem"})
    assert 'value="Mem"' not in client.get(url).content.decode()


def test_a_guest_who_does_not_ask_is_not_remembered(client):
    article = make_article()
    url = article.get_absolute_url()
    response = client.post(url, {"body": "Passing by.", "name": "Pat"})
    assert "parley-guest" not in response.cookies or not (
        response.cookies["parley-guest"].value
    )
    assert 'value="Pat"' not in client.get(url).content.decode()


def test_controls_show_the_time_left_and_go_when_the_window_ends(client, settings):
    article = make_article()
    url = article.get_absolute_url()
    client.post(url, {"body": "Mine to change.", "name": "Mo"})
    mine = Comment.objects.get(body_markdown="Mine to change.")
    html = _comment_html(client.get(url).content.decode(), mine.pk)
    assert f"/comments/{mine.pk}/edit/?next=" in html
    assert f"/comments/{mine.pk}/delete/?next=" in html
    assert "left to edit" in html
    settings.PARLEY_EDIT_WINDOW_SECONDS = 0  # the window has ended
    html = _comment_html(client.get(url).content.decode(), mine.pk)
    assert "/edit/" not in html and "/delete/" not in html


def test_an_edit_saves_back_at_the_comment_with_the_news(client):
    article = make_article()
    roots = _roots(article, 30)
    url = article.get_absolute_url()
    page2 = _next_link(client.get(url).content.decode(), "next").split("#")[0]
    back = url + page2
    client.post(
        back + f"&reply={roots[3].pk}",
        {"body": "Edit me later.", "name": "Ed", "parent": roots[3].pk},
    )
    mine = Comment.objects.get(body_markdown="Edit me later.")
    page = client.get(f"/comments/{mine.pk}/edit/?next={back}")
    assert page.status_code == 200
    assert "You can change or delete this comment for" in page.content.decode()
    response = client.post(
        f"/comments/{mine.pk}/edit/", {"body": "Edited.", "next": back}
    )
    assert response["Location"] == f"{back}#comment-{mine.pk}"
    landed = _comment_html(client.get(response["Location"]).content.decode(), mine.pk)
    assert "Edited." in landed and "Comment updated." in landed


def test_an_edit_sent_after_the_window_keeps_the_text_and_says_why(client):
    article = make_article()
    url = article.get_absolute_url()
    client.post(url, {"body": "Too slow.", "name": "Sl"})
    mine = Comment.objects.get(body_markdown="Too slow.")
    Comment.objects.filter(pk=mine.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    response = client.post(
        f"/comments/{mine.pk}/edit/", {"body": "My careful rewrite.", "next": url}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "My careful rewrite." in html
    assert "The time to change this comment has ended." in html
    assert "Save changes" not in html
    assert Comment.objects.get(pk=mine.pk).body_markdown == "Too slow."


def test_delete_asks_first_and_cancel_goes_back_to_the_comment(client):
    article = make_article()
    url = article.get_absolute_url()
    client.post(url, {"body": "Delete me.", "name": "De"})
    mine = Comment.objects.get(body_markdown="Delete me.")
    page = client.get(f"/comments/{mine.pk}/delete/?next={url}")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Delete your comment?" in html
    assert f'href="{url}#comment-{mine.pk}">Cancel</a>' in html
    assert Comment.objects.get(pk=mine.pk).is_published
    response = client.post(f"/comments/{mine.pk}/delete/", {"next": url})
    assert response["Location"] == f"{url}#discussion-news"
    assert not Comment.objects.filter(pk=mine.pk, status="published").exists()
    landed = client.get(response["Location"]).content.decode()
    notices = landed[landed.index('id="comments"') :]
    assert "Comment deleted." in notices


def test_a_vote_refused_says_so_next_to_the_comment(client, settings):
    """An error about a comment shows next to it, not at the top of the page."""
    settings.PARLEY_THROTTLE = "parley.protection.throttle.throttle"
    settings.PARLEY_RATE_LIMITS = {**settings.PARLEY_RATE_LIMITS, "vote": "1/hour"}
    article = make_article()
    url = article.get_absolute_url()
    first, second = post(article.thread, "one"), post(article.thread, "two")
    client.post(f"/comments/{first.pk}/vote/", {"value": "1", "next": url})
    response = client.post(f"/comments/{second.pk}/vote/", {"value": "1", "next": url})
    landed = client.get(response["Location"]).content.decode()
    notice = re.search(r'class="comment__notices"', _comment_html(landed, second.pk))
    assert notice is not None
    assert 'class="wrap messages"' not in landed


def test_a_held_reply_says_whom_it_answers_and_keeps_the_sort(client, settings):
    from parley.config.settings.base import BOT_PROTECTION_CHECKS, CONTENT_CHECKS

    article = make_article()
    roots = _roots(article, 3)
    settings.PARLEY_INTAKE_CHECKS = BOT_PROTECTION_CHECKS + CONTENT_CHECKS
    url = article.get_absolute_url()
    response = client.post(
        f"{url}?sort=oldest&reply={roots[1].pk}",
        {"body": "A held reply.", "name": "Hel", "parent": roots[1].pk},
    )
    mine = Comment.objects.get(body_markdown="A held reply.")
    assert response["Location"] == f"{url}?sort=oldest#comment-{mine.pk}"
    held = _comment_html(client.get(response["Location"]).content.decode(), mine.pk)
    assert f'href="#comment-{roots[1].pk}">in reply to N1</a>' in held
    assert "Your comment is awaiting moderation." in held
