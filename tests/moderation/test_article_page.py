"""A moderator signed in on an article page decides about its held comments
there, without JavaScript: every held comment, with Approve, Reject and a link
to its desk item. Other readers see only their own, and the shared page none."""

import re

import pytest
from django.test import Client

from parley.discussions.models import Comment
from tests.factories import post
from tests.moderation.conftest import TOXIC_BODY, hold

pytestmark = pytest.mark.django_db
MODERATOR_WIDGET = re.compile(r"<parley-comments [^>]* moderator[ >]")


def _held_section(page: str) -> str:
    match = re.search(r'<section class="held".*?</section>', page, re.S)
    return match.group(0) if match else ""


def _page(client, article) -> str:
    return client.get(article.get_absolute_url()).content.decode()


def test_a_moderator_sees_every_held_comment_and_readers_only_their_own(
    moderator, reader_user, article, held
):
    mine = hold(post(article.thread, "My own words.", user=reader_user), intake={})
    url = article.get_absolute_url()
    desk = Client()
    desk.force_login(moderator)
    page = _page(desk, article)
    section = _held_section(page)
    assert "2 comments awaiting moderation" in section
    for comment in (held, mine):
        assert f'id="comment-{comment.pk}"' in section
        assert f'action="/moderate/comments/{comment.pk}/approve/"' in section
        assert f'action="/moderate/comments/{comment.pk}/reject/"' in section
        assert f'href="/moderate/comments/{comment.pk}/"' in section
    assert f'name="next" value="{url}#comment-{held.pk}"' in section
    assert "Only you can see it" not in section
    assert MODERATOR_WIDGET.search(page)  # the widget shows its staff controls

    # Its author sees their own comment alone, without controls.
    author = Client()
    author.force_login(reader_user)
    page = _page(author, article)
    section = _held_section(page)
    assert "My own words." in section
    assert "Only you can see it" in section
    assert TOXIC_BODY not in page
    assert "/approve/" not in page
    assert not MODERATOR_WIDGET.search(page)
    # The shared page, as anyone unknown gets it, has none.
    page = _page(Client(), article)
    assert _held_section(page) == ""
    assert TOXIC_BODY not in page


def test_a_moderator_approves_on_the_article_page_and_returns_to_the_comment(
    client, moderator, article, held
):
    client.force_login(moderator)
    section = _held_section(_page(client, article))
    form = re.search(
        rf'<form method="post" action="(/moderate/comments/{held.pk}/approve/)"[^>]*>'
        r'<input type="hidden" name="next" value="([^"]+)">',
        section,
    )
    assert form, "no Approve form for the held comment"
    response = client.post(form.group(1), {"next": form.group(2)})
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{held.pk}"
    assert Comment.objects.get(pk=held.pk).status == "published"
    page = _page(client, article)
    assert _held_section(page) == ""
    assert f'id="comment-{held.pk}"' in page  # now among the published comments
    assert "Approved comment" in page


def _comment_item(page: str, comment) -> str:
    match = re.search(
        rf'<li class="comment[^"]*" id="comment-{comment.pk}".*?</li>', page, re.S
    )
    return match.group(0) if match else ""


def test_approving_on_the_article_page_says_so_next_to_the_comment(
    moderator, article, held
):
    """The news lands beside the comment the moderator is taken back to."""
    desk = Client()
    desk.force_login(moderator)
    url = article.get_absolute_url()
    desk.post(
        f"/moderate/comments/{held.pk}/approve/",
        {"next": f"{url}#comment-{held.pk}"},
    )
    assert "Approved comment" in _comment_item(_page(desk, article), held)


def test_rejecting_on_the_article_page_says_so_at_the_top_of_the_discussion(
    moderator, article, held
):
    desk = Client()
    desk.force_login(moderator)
    url = article.get_absolute_url()
    desk.post(f"/moderate/comments/{held.pk}/reject/", {"next": f"{url}#comments"})
    page = _page(desk, article)
    news = re.search(r'<div class="discussion__notices".*?</div>', page, re.S)
    assert news
    assert "Rejected comment" in news.group(0)
