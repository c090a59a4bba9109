"""The "Supporter" badge on comments: on the API's pages, the no-JS thread and
the cached copies of both, as readers choose it and as gifts come and go."""

import math
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from parley.discussions import actions, queries, supporters
from parley.discussions.models import Thread
from tests.factories import make_article, make_thread, post

pytestmark = pytest.mark.django_db
API = "/api/v1"
BADGE = '<span class="badge badge--supporter">Supporter</span>'


@pytest.fixture
def giver(django_user_model):
    """A reader who gave yesterday and chose to show the badge."""
    return django_user_model.objects.create_user(
        "giver",
        email="giver@example.org",
        confirmed_email="giver@example.org",
        first_name="Gail",
        supported_at=timezone.now() - timedelta(days=1),
        shows_supporter_badge=True,
    )


def _authors(client, key: str) -> dict[str, bool]:
    """Each comment's author name -> is_supporter, replies included."""
    found = {}

    def walk(comments):
        for comment in comments:
            found[comment["author"]["name"]] = comment["author"]["is_supporter"]
            walk(comment["replies"])

    walk(client.get(f"{API}/threads/{key}/comments").json()["comments"])
    return found


def test_a_supporters_comments_carry_the_badge_and_no_one_elses(
    client, giver, django_user_model
):
    thread = make_thread("k")
    top = post(thread, "From a guest.", name="Guest")
    post(thread, "A reply by a supporter.", user=giver, parent=top)
    chose_not = django_user_model.objects.create_user(
        "quiet", supported_at=timezone.now()
    )
    post(thread, "Gave, but keeps it quiet.", user=chose_not)
    assert _authors(client, "k") == {"Guest": False, "Gail": True, "quiet": False}


def test_the_no_js_thread_shows_the_badge(client, giver):
    article = make_article()
    post(article.thread, "Supporting.", user=giver)
    post(article.thread, "Just reading.", name="Guest")
    page = client.get(article.get_absolute_url()).text
    assert page.count(BADGE) == 1
    assert page.index(BADGE) > page.index('<span class="comment__author">Gail</span>')


def test_a_deleted_comments_placeholder_shows_no_badge(client, giver):
    thread = make_thread("k")
    top = post(thread, "Soon gone.", user=giver)
    post(thread, "A reply keeps the place.", parent=top, name="Guest")
    actions.delete_comment(top)
    comment = client.get(f"{API}/threads/k/comments").json()["comments"][0]
    assert comment["is_deleted"] is True
    assert comment["author"] == {
        "name": "",
        "website": "",
        "is_staff": False,
        "is_supporter": False,
    }


def test_badges_cost_no_query_of_their_own(client, giver, django_assert_num_queries):
    thread = make_thread("k")
    for i in range(10):
        top = post(thread, f"top {i}", user=giver)
        post(thread, "reply", parent=top, name="Guest")
    with django_assert_num_queries(3):  # thread, top-level slice, their replies
        comments = client.get(f"{API}/threads/k/comments").json()["comments"]
    assert all(comment["author"]["is_supporter"] for comment in comments)


def test_a_posted_and_an_edited_comment_answer_with_the_badge(client, giver):
    make_thread("k")
    client.force_login(giver)
    posted = client.post(
        f"{API}/threads/k/comments", {"body": "Hello"}, content_type="application/json"
    ).json()
    assert posted["author"]["is_supporter"] is True
    edited = client.patch(
        f"{API}/comments/{posted['id']}",
        {"body": "Hello again"},
        content_type="application/json",
    ).json()
    assert edited["author"]["is_supporter"] is True


def test_held_comments_carry_the_badge(client, giver):
    thread = make_thread("k")
    Thread.objects.filter(pk=thread.pk).update(premoderate=True)
    client.force_login(giver)
    client.post(
        f"{API}/threads/k/comments", {"body": "Held"}, content_type="application/json"
    )
    held = client.get(f"{API}/me/comments?thread=k").json()["comments"]
    assert [comment["author"]["is_supporter"] for comment in held] == [True]


# ----- the reader's choice, and the caches -----


def _choose(client, user, show: bool):
    client.force_login(user)
    data = {"action": "defaults", "delivery": "immediate"}
    if show:
        data["supporter_badge"] = "on"
    response = client.post("/notifications/", data)
    assert response.status_code == 302
    user.refresh_from_db()
    return user


def test_opting_in_shows_on_cached_pages_at_once(client, django_user_model):
    """The API's page (and its ETag) and the article's shared page both follow."""
    reader = django_user_model.objects.create_user(
        "late", supported_at=timezone.now() - timedelta(days=3)
    )
    article = make_article()
    post(article.thread, "Mine.", user=reader)
    key = article.thread_key
    reader_client, url = Client(), f"{API}/threads/{key}/comments"
    first = client.get(url)
    assert BADGE not in client.get(article.get_absolute_url()).text
    assert _choose(reader_client, reader, True).shows_supporter_badge is True
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert again.json()["comments"][0]["author"]["is_supporter"] is True
    assert BADGE in client.get(article.get_absolute_url()).text

    _choose(reader_client, reader, False)
    assert _authors(client, key) == {"late": False}
    assert BADGE not in client.get(article.get_absolute_url()).text


def test_opting_in_without_a_recent_gift_changes_no_page(django_user_model):
    """Nothing would show, so no thread is read anew."""
    reader = django_user_model.objects.create_user("hopeful")
    thread = make_thread("k")
    post(thread, "Mine.", user=reader)
    before = Thread.objects.get(pk=thread.pk).version
    _choose(Client(), reader, True)
    assert reader.shows_supporter_badge is True
    assert Thread.objects.get(pk=thread.pk).version == before


def test_choosing_touches_only_the_threads_the_reader_wrote_in(giver):
    mine, held, other = make_thread("mine"), make_thread("held"), make_thread("other")
    post(mine, "Mine.", user=giver)
    post(other, "Someone else's.", name="Guest")
    hidden = post(held, "Rejected.", user=giver)
    actions.set_comment_status(hidden, "rejected")
    versions = dict(Thread.objects.values_list("key", "version"))
    actions.choose_supporter_badge(giver, show=False)
    after = dict(Thread.objects.values_list("key", "version"))
    assert after == {**versions, "mine": versions["mine"] + 1}


def test_the_notifications_page_offers_the_choice(client, giver, settings):
    client.force_login(giver)
    page = client.get("/notifications/").text
    assert "Show a “Supporter” badge on my comments" in page
    assert "Your comments show it until" in page
    settings.PARLEY_SUPPORTER_BADGE_DAYS = 0
    assert "Supporter" not in client.get("/notifications/").text


# ----- badges that come and go by the clock -----


BADGE_CLOCK = supporters.badge_clock


def _at(monkeypatch, moment: float) -> None:
    """Read the thread pages as if the badge clock said `moment`."""
    monkeypatch.setattr(supporters, "badge_clock", lambda: BADGE_CLOCK(now=moment))


def test_a_badge_that_lapses_leaves_the_api_page_when_its_tick_ends(
    client, giver, settings, monkeypatch
):
    settings.PARLEY_SUPPORTER_BADGE_DAYS = 30
    now = timezone.now()
    giver.supported_at = now - timedelta(days=30) + timedelta(seconds=30)
    giver.save()
    post(make_thread("k"), "Mine.", user=giver)
    tick = supporters.BADGE_TICK_SECONDS
    _at(monkeypatch, now.timestamp() - tick)  # a tick before: shown
    assert _authors(client, "k") == {"Gail": True}
    # Two ticks on, the tick's start (whose badges a page shows) is past the
    # moment the gift turned 30 days old, wherever `now` falls in its tick.
    _at(monkeypatch, now.timestamp() + 2 * tick)
    assert _authors(client, "k") == {"Gail": False}


def test_a_gift_that_starts_a_badge_shows_within_a_tick(
    client, django_user_model, monkeypatch
):
    """The ledger moves no thread version: the next tick's page shows it."""
    from parley.support.actions import record_donation

    reader = django_user_model.objects.create_user(
        "renewing",
        email="renewing@example.org",
        confirmed_email="renewing@example.org",
        shows_supporter_badge=True,
    )
    article = make_article()
    post(article.thread, "Mine.", user=reader)
    now = timezone.now().timestamp()
    _at(monkeypatch, now)
    assert _authors(client, article.thread_key) == {"renewing": False}
    record_donation(
        amount="10.00",
        currency="EUR",
        kind="one_off",
        reference="gift-1",
        received_at=timezone.now(),
        source="test",
        email="renewing@example.org",
    )
    # The article's shared page depends on the ledger (its goal bar): at once.
    assert BADGE in client.get(article.get_absolute_url()).text
    _at(monkeypatch, now + supporters.BADGE_TICK_SECONDS)
    assert _authors(client, article.thread_key) == {"renewing": True}


def test_the_badge_clock(settings):
    tick = supporters.BADGE_TICK_SECONDS
    clock = supporters.badge_clock(now=10 * tick + 7)
    assert clock.tick == 10
    assert clock.as_of.timestamp() == 10 * tick
    assert clock.until == 11 * tick
    settings.PARLEY_SUPPORTER_BADGE_DAYS = 0
    assert supporters.badge_clock(now=10 * tick) == supporters.BadgeClock(
        0, None, math.inf
    )


def test_the_fast_path_keeps_a_thread_page_no_longer_than_its_tick():
    state = queries.thread_state(make_thread("k").key)
    assert queries.thread_page_fast_entry(state).valid_until == math.inf
    assert queries.thread_page_fast_entry(state, 1234.0).valid_until == 1234.0


def test_the_api_page_is_kept_for_one_tick(client, monkeypatch):
    make_thread("k")
    now = timezone.now().timestamp()
    _at(monkeypatch, now)
    response = client.get(f"{API}/threads/k/comments")
    entry = response.wsgi_request.META["parley.shared_page"]
    assert entry.valid_until == BADGE_CLOCK(now=now).until
    revalidate = {"If-None-Match": response["ETag"]}
    assert (
        client.get(f"{API}/threads/k/comments", headers=revalidate).status_code == 304
    )
    _at(monkeypatch, now + supporters.BADGE_TICK_SECONDS)
    assert (
        client.get(f"{API}/threads/k/comments", headers=revalidate).status_code == 200
    )
