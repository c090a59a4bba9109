"""The no-JavaScript vote form takes exactly the values its buttons send."""

import pytest
from django.test import Client

from parley.discussions.models import Vote
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db
VOTE_SENTENCE = "A vote is 1 (up), -1 (down) or 0 (none)."


@pytest.mark.parametrize(
    "value",
    ["1.0", " 1", "+1", "01", "\uff11", "true", "", "1e0", "99999999999999999999"],
)
def test_a_vote_other_than_the_buttons_values_answers_400(client, value):
    """Only "1", "-1" and "0" are votes; int() would have taken " 1" or "+1"."""
    article = make_article()
    comment = post(article.thread, "vote me")
    response = client.post(f"/comments/{comment.pk}/vote/", {"value": value})
    assert response.status_code == 400
    assert VOTE_SENTENCE in response.content.decode()
    assert not Vote.objects.exists()


def test_a_missing_vote_value_answers_400(client):
    comment = post(make_article().thread, "vote me")
    response = client.post(f"/comments/{comment.pk}/vote/")
    assert response.status_code == 400
    assert not Vote.objects.exists()


@pytest.mark.parametrize("action", ["vote", "edit", "delete"])
def test_a_comment_id_past_the_database_range_is_a_404(client, action):
    """SQLite raised OverflowError (a 500) for ids past 2**63 - 1."""
    response = client.post(f"/comments/{10**30}/{action}/", {"value": "1"})
    assert response.status_code == 404


def test_the_vote_buttons_values_still_vote(client):
    article = make_article()
    comment = post(article.thread, "vote me")
    for value, score in (("1", 1), ("-1", -1), ("0", 0)):
        response = client.post(f"/comments/{comment.pk}/vote/", {"value": value})
        assert response.status_code == 302
        comment.refresh_from_db()
        assert comment.score == score


def test_the_vote_form_refuses_another_site_for_a_signed_in_reader(reader_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader_user)
    comment = post(make_article().thread, "vote me")
    response = client.post(
        f"/comments/{comment.pk}/vote/",
        {"value": "1"},
        headers={"Sec-Fetch-Site": "same-site", "Origin": "http://forum.testserver"},
    )
    assert response.status_code == 403
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    ("method", "action", "allowed"),
    [
        ("put", "vote", "POST"),
        ("delete", "vote", "POST"),
        ("get", "vote", "POST"),
        ("patch", "edit", "GET, POST"),
        ("put", "delete", "GET, POST"),
    ],
)
def test_a_wrong_method_answers_405_before_the_csrf_check(method, action, allowed):
    """Not the CSRF failure page (403) the review saw for PUT and DELETE, even
    from another site."""
    client = Client(enforce_csrf_checks=True)
    comment = post(make_article().thread, "vote me")
    response = getattr(client, method)(
        f"/comments/{comment.pk}/{action}/",
        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
    )
    assert response.status_code == 405
    assert response["Allow"] == allowed
