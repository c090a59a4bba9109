""" "Notify of" on the page and over the API: the form's block, the per-comment
page, answers that never tell whether an address is known, rate limits."""

import pytest
from django.conf import settings
from django.utils.html import escape

from parley.discussions import actions
from parley.discussions.actions import GUEST_ANSWER, Subscriber
from parley.discussions.models import Subscription
from parley.discussions.signals import subscription_requested
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db

ANN = "ann@example.org"


@pytest.fixture
def article():
    return make_article(headline="Tides")


@pytest.fixture
def requested():
    """The confirmations asked for (what the notifications app would mail)."""
    heard = []

    def listen(sender, **kwargs):
        heard.append((kwargs["email"], kwargs["thread_id"]))

    subscription_requested.connect(listen)
    yield heard
    subscription_requested.disconnect(listen)


def test_the_comment_form_offers_notify_of(client, article):
    page = client.get(article.get_absolute_url()).text
    assert "<legend>Notify of</legend>" in page
    assert 'value="thread"> new follow-up comments</label>' in page
    assert 'value="replies"> new replies to my comments</label>' in page


def test_each_comment_offers_notify_of_new_replies(client, article):
    comment = post(article.thread, "Something to follow.")
    page = client.get(article.get_absolute_url()).text
    assert (
        f'href="/comments/{comment.pk}/notify/" rel="nofollow">'
        "Notify of new replies to this comment</a>"
    ) in page


def test_posting_with_notify_ticked_subscribes_the_guest(
    client, article, requested, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            article.get_absolute_url(),
            {
                "body": "Count me in.",
                "name": "Ann",
                "email": "Ann@Example.org",
                "notify": ["thread", "replies"],
            },
            follow=True,
        )
    assert response.status_code == 200
    assert escape(str(GUEST_ANSWER)) in response.text
    rows = Subscription.objects.filter(email=ANN)
    assert sorted(rows.values_list("kind", flat=True)) == ["replies", "thread"]
    assert not rows.confirmed().exists()
    assert requested == [(ANN, article.thread_id)]


def test_notify_without_an_address_posts_nothing(client, article):
    response = client.post(
        article.get_absolute_url(),
        {"body": "Tell me.", "name": "Ann", "notify": ["thread"]},
    )
    assert response.status_code == 400
    assert "Please enter your e-mail address to be notified." in response.text
    assert not article.thread.comments.exists()
    # What the reader ticked is kept.
    assert 'value="thread" checked> new follow-up comments' in response.text


def test_signed_in_reader_is_subscribed_at_once_and_sees_their_defaults(
    client, article, reader_user
):
    client.force_login(reader_user)
    actions.save_defaults(
        reader_user, follow_thread=False, follow_replies=True, delivery="daily"
    )
    page = client.get(article.get_absolute_url()).text
    assert 'value="replies" checked> new replies to my comments' in page
    assert 'value="thread"> new follow-up comments' in page
    client.post(article.get_absolute_url(), {"body": "Mine.", "notify": ["replies"]})
    row = Subscription.objects.get(user=reader_user)
    assert (row.kind, row.delivery, row.is_confirmed) == ("replies", "daily", True)


def test_per_comment_page_answers_every_guest_alike(client, article, requested):
    """A second request for the same address answers byte for byte like the
    first, and asks for no second confirmation."""
    comment = post(article.thread, "Follow me.")
    url = f"/comments/{comment.pk}/notify/"
    assert "Your e-mail address" in client.get(url).text
    first = client.post(url, {"email": ANN})
    Subscription.objects.filter(email=ANN).update(confirmed_at="2026-01-01T00:00Z")
    second = client.post(url, {"email": ANN})
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert escape(str(GUEST_ANSWER)) in first.text
    assert Subscription.objects.get(email=ANN).comment == comment


def test_per_comment_page_says_what_is_wrong(client, article):
    comment = post(article.thread, "Follow me.")
    response = client.post(f"/comments/{comment.pk}/notify/", {"email": "nope"})
    assert response.status_code == 400
    assert "Please enter a valid e-mail address." in response.text


def test_api_answers_every_guest_alike(api_client, article, requested):
    url = f"/api/v1/threads/{article.thread.key}/subscriptions"
    body = {"kinds": ["thread"], "email": ANN}
    first = api_client.post(url, body, content_type="application/json")
    second = api_client.post(url, body, content_type="application/json")
    actions.confirm_subscriptions(ANN, article.thread_id, asked_at=_later())
    third = api_client.post(url, body, content_type="application/json")
    assert first.status_code == second.status_code == third.status_code == 202
    assert first.content == second.content == third.content
    assert first.json() == {"detail": str(GUEST_ANSWER)}
    assert sorted(first.headers.items()) == sorted(third.headers.items())


def _later():
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() + timedelta(seconds=1)


def test_api_subscribes_to_one_comment(api_client, article):
    comment = post(article.thread, "Follow me.")
    response = api_client.post(
        f"/api/v1/threads/{article.thread.key}/subscriptions",
        {"kinds": ["comment"], "comment": comment.pk, "email": ANN},
        content_type="application/json",
    )
    assert response.status_code == 202
    assert Subscription.objects.get().comment == comment


def test_api_refuses_a_subscription_from_a_foreign_page(api_client, article):
    """A hostile page can't make its visitors subscribe someone."""
    response = api_client.post(
        f"/api/v1/threads/{article.thread.key}/subscriptions",
        {"kinds": ["thread"], "email": ANN},
        content_type="application/json",
        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert not Subscription.objects.exists()


def test_api_takes_a_subscription_from_an_embed_origin(api_client, article):
    response = api_client.post(
        f"/api/v1/threads/{article.thread.key}/subscriptions",
        {"kinds": ["thread"], "email": ANN},
        content_type="application/json",
        headers={"Sec-Fetch-Site": "cross-site", "Origin": settings.EMBED_ORIGINS[0]},
    )
    assert response.status_code == 202


def test_api_says_what_is_missing(api_client, article):
    url = f"/api/v1/threads/{article.thread.key}/subscriptions"
    response = api_client.post(
        url, {"kinds": ["thread"]}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "email": "Please enter your e-mail address to be notified."
    }
    response = api_client.post(
        url, {"kinds": ["everything"], "email": ANN}, content_type="application/json"
    )
    assert response.status_code == 400


def test_subscribing_is_rate_limited(api_client, article, full_intake):
    full_intake.PARLEY_RATE_LIMITS = {
        **settings.PARLEY_RATE_LIMITS,
        "subscribe": "2/hour",
    }
    url = f"/api/v1/threads/{article.thread.key}/subscriptions"
    answers = [
        api_client.post(
            url,
            {"kinds": ["thread"], "email": f"p{n}@example.org"},
            content_type="application/json",
        )
        for n in range(3)
    ]
    assert [a.status_code for a in answers] == [202, 202, 429]
    assert answers[-1].has_header("Retry-After")


def test_me_subscriptions_tells_a_signed_in_reader_what_they_follow(
    client, article, reader_user
):
    client.force_login(reader_user)
    actions.subscribe(
        article.thread, subscriber=Subscriber(user=reader_user), kinds=["thread"]
    )
    data = client.get(f"/api/v1/me/subscriptions?thread={article.thread.key}").json()
    assert data["signed_in"] is True
    assert data["following"] == ["thread"]
    assert data["defaults"]["delivery"] == "immediate"
