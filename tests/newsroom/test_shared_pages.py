"""Pages are rendered once per change and shared; a reader's own parts layered on."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.test import Client

from parley.core.pages import local_pages
from parley.discussions import actions
from parley.discussions.models import Comment
from parley.discussions.tokens import (
    EDIT_COOKIE_PREFIX,
    VOTER_COOKIE,
    make_edit_token,
    new_voter_token,
    voter_from_token,
)
from parley.moderation.actions import approve_comment
from parley.newsroom.actions import save_article
from parley.newsroom.models import Article
from tests.factories import make_article, make_tag, post

pytestmark = pytest.mark.django_db

FORM_TIME = re.compile(rb'name="form_token" value="[^"]*"')


def _forget_pages():
    cache.clear()
    local_pages.clear()


def _without_form_time(body: bytes) -> bytes:
    """The no-JS form notes when it was rendered: the one part of a page that
    differs between two renderings for the same reader."""
    return FORM_TIME.sub(b'name="form_token" value=""', body)


@pytest.fixture
def story():
    article = make_article(headline="Night trains", tags=[make_tag("Transport")])
    make_article(headline="Another story", tags=article.tags.all())
    first = post(article.thread, "First comment.", name="Ana")
    post(article.thread, "A reply.", name="Ben", parent=first)
    post(article.thread, "Second comment.", name="Cy")
    return article


def _readers(story, django_user_model):
    """A client for every kind of reader a page can have."""
    token = new_voter_token()
    voted = actions.cast_vote(
        Comment.objects.get(body_markdown="First comment."),
        voter=voter_from_token(token),
        value=1,
    )
    assert voted.score == 1
    guest = Client()
    guest.cookies[VOTER_COOKIE] = token
    author = Client()
    own = post(story.thread, "Mine, still editable.", name="Dee")
    author.cookies[f"{EDIT_COOKIE_PREFIX}{own.pk}"] = make_edit_token(own.pk)
    member = Client()
    member.force_login(
        django_user_model.objects.create_user(username="member", password="pw-x-123")
    )
    moderator_user = django_user_model.objects.create_user(
        username="mod", password="pw-x-123"
    )
    moderator_user.user_permissions.add(
        Permission.objects.get(codename="moderate_comment")
    )
    moderator = Client()
    moderator.force_login(moderator_user)
    return {
        "unknown": Client(),
        "voter": guest,
        "author": author,
        "member": member,
        "moderator": moderator,
    }


@pytest.mark.parametrize("path", ["article", "home", "tag"])
def test_shared_page_is_byte_identical_to_a_fresh_render(
    story, django_user_model, settings, path
):
    """For every kind of reader: the page from the shared cache, the page built
    fresh into an empty cache, and the page rendered for that reader alone (no
    sharing at all) are the same bytes."""
    url = {
        "article": story.get_absolute_url(),
        "home": "/",
        "tag": story.tags.first().get_absolute_url(),
    }[path]
    for name, client in _readers(story, django_user_model).items():
        _forget_pages()
        fresh = client.get(url)
        cached = client.get(url)
        settings.PARLEY_SHARED_PAGES = False
        alone = client.get(url)
        settings.PARLEY_SHARED_PAGES = True
        assert fresh.status_code == cached.status_code == alone.status_code == 200
        assert _without_form_time(cached.content) == _without_form_time(
            fresh.content
        ), name
        assert _without_form_time(cached.content) == _without_form_time(
            alone.content
        ), name


def test_each_reader_sees_their_own_parts(story, django_user_model):
    readers = _readers(story, django_user_model)
    url = story.get_absolute_url()
    pages = {name: client.get(url).content.decode() for name, client in readers.items()}
    assert 'aria-pressed="true"' not in pages["unknown"]
    assert 'aria-pressed="true"' in pages["voter"]
    assert ">Edit</a>" in pages["author"] and ">Edit</a>" not in pages["voter"]
    assert "Commenting as <strong>member</strong>" in pages["member"]
    assert 'signed-in="member"' in pages["member"]
    assert "Signed in as" not in pages["unknown"]
    assert ">Approve</button>" in pages["moderator"]
    assert ">Approve</button>" not in pages["member"]


def test_unknown_reader_gets_shared_bytes_a_reader_their_own(story, client):
    url = story.get_absolute_url()
    shared = client.get(url)
    assert shared["Cache-Control"] == "public, max-age=0, s-maxage=5"
    # By reader (cookies) and by language (parley.core.languages).
    assert shared["ETag"].startswith('"')
    assert shared["Vary"] == "Cookie, Accept-Language"
    assert not shared.cookies, "a shared page sets no cookie"
    again = client.get(url, headers={"If-None-Match": shared["ETag"]})
    assert again.status_code == 304 and again.content == b""
    client.cookies[VOTER_COOKIE] = "anything"
    nothing_own = client.get(url)  # cookies, but nothing of theirs on the page
    assert nothing_own.content == shared.content
    token = new_voter_token()
    actions.cast_vote(
        story.thread.comments.first(), voter=voter_from_token(token), value=1
    )
    client.cookies[VOTER_COOKIE] = token
    own = client.get(url)
    assert own["Cache-Control"] == "private, no-cache" and "ETag" not in own


def test_held_comment_shows_to_its_author_alone(story):
    story.premoderate_comments = True
    save_article(story)
    author = Client()
    response = author.post(
        story.get_absolute_url(),
        {"body": "Please hold this one.", "name": "Eve"},
    )
    assert response.status_code == 302
    page = author.get(story.get_absolute_url()).content.decode()
    assert "Please hold this one." in page and "awaiting moderation" in page
    assert (
        "Please hold this one."
        not in Client().get(story.get_absolute_url()).content.decode()
    )


def test_every_write_shows_on_the_next_request(story, client, django_user_model):
    """Cached pages never outlive what they show."""
    url = story.get_absolute_url()
    comment = Comment.objects.get(body_markdown="Second comment.")

    def page() -> str:
        return client.get(url).content.decode()

    assert "Second comment." in page()
    actions.cast_vote(comment, voter="a:x", value=1)
    assert '<span class="votes__score" aria-label="Score">1</span>' in page()
    new = post(story.thread, "Brand new words.", name="Fay")
    assert "Brand new words." in page()
    actions.edit_comment(new, body="Changed words.")
    assert "Changed words." in page() and "Brand new words." not in page()
    actions.delete_comment(new)
    assert "Changed words." not in page()
    story.headline = "Night trains, revised"
    save_article(story)
    assert "Night trains, revised" in page()
    assert "Night trains, revised" in client.get("/").content.decode()
    later = make_article(headline="Just published")
    assert "Just published" in client.get("/").content.decode()
    assert "Just published" in page()  # Latest stories
    later.status = Article.Status.DRAFT
    save_article(later)
    assert "Just published" not in client.get("/").content.decode()
    story.premoderate_comments = True
    save_article(story)
    held = post(story.thread, "Held until approved.", name="Gil")
    assert held.status == Comment.Status.PENDING
    assert "Held until approved." not in page()
    moderator = django_user_model.objects.create_user(username="m", is_staff=True)
    approve_comment(held, by=moderator)
    assert "Held until approved." in page()


def test_cached_reads_cost_a_few_narrow_queries(
    story, client, django_assert_num_queries
):
    url = story.get_absolute_url()
    client.get(url)
    client.get("/")
    # The article's row, its versions, then the thread's own (a vote moves
    # only that one, and the page's scores are refreshed, not re-rendered).
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(2):  # the version, the counts the cards show
        assert client.get("/").status_code == 200


def test_a_vote_refreshes_the_scores_without_rendering_the_page_again(
    story, client, monkeypatch
):
    """Sorted by time, the page keeps its rendering across votes: only the
    voted comment's buttons are rendered, and the bytes are those a fresh
    rendering gives."""
    from parley.newsroom import views

    url = story.get_absolute_url()
    client.get(url)
    renders = []
    original = views._article_context
    monkeypatch.setattr(
        views, "_article_context", lambda *a: renders.append(1) or original(*a)
    )
    comment = Comment.objects.get(body_markdown="Second comment.")
    actions.cast_vote(comment, voter="a:refresh", value=1)
    refreshed = client.get(url)
    assert renders == []
    assert f'id="comment-{comment.pk}"'.encode() in refreshed.content
    _forget_pages()
    rebuilt = client.get(url)
    assert renders == [1]
    assert _without_form_time(refreshed.content) == _without_form_time(rebuilt.content)


def test_sorted_by_votes_a_vote_renders_the_page_again(story, client):
    url = f"{story.get_absolute_url()}?sort=votes"
    client.get(url)
    second = Comment.objects.get(body_markdown="Second comment.")
    for n in range(3):
        actions.cast_vote(second, voter=f"a:up{n}", value=1)
    page = client.get(url).content.decode()
    assert page.index("Second comment.") < page.index("First comment.")


def test_a_reply_to_a_comment_gone_meanwhile_says_so_and_keeps_the_text(story):
    """The review saw a silent 400, on every retry."""
    gone = post(story.thread, "Soon gone.", name="Hal")
    reader = Client()
    form_page = reader.get(f"{story.get_absolute_url()}?reply={gone.pk}")
    assert f'name="parent" value="{gone.pk}"'.encode() in form_page.content
    actions.delete_comment(gone)
    answer = reader.post(
        story.get_absolute_url(),
        {"body": "My reply stands.", "name": "Ivy", "parent": str(gone.pk)},
    )
    page = answer.content.decode()
    assert answer.status_code == 400
    assert "Post again to add yours as a new comment." in page
    assert "My reply stands." in page and 'name="parent" value=' not in page
    again = reader.post(
        story.get_absolute_url(), {"body": "My reply stands.", "name": "Ivy"}
    )
    assert again.status_code == 302
    unknown = Client().get(f"{story.get_absolute_url()}?reply=999999").content
    assert b'name="parent" value=' not in unknown
