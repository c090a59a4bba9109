"""A reader's public name fits where comments store it, from every entry point."""

import json

import pytest
from django.test import Client

from parley.accounts.forms import MAX_PUBLIC_NAME_LENGTH
from parley.discussions import conf
from parley.discussions.models import Comment
from tests.factories import make_article, make_thread

pytestmark = pytest.mark.django_db
SIGN_UP_SENTENCE = "Ensure this value has at most 100 characters"
ADMIN_SENTENCE = (
    "Please keep your name to 100 characters, first and last name together."
)
ACCOUNT_SENTENCE = (
    "The name on your account is longer than 100 characters; "
    "please ask the newsroom to shorten it."
)


def sign_up(client, name):
    return client.post(
        "/accounts/sign-up/",
        {"name": name, "email": "n@example.org", "password": "a-Long-pass-8421"},
    )


@pytest.fixture
def long_named(django_user_model):
    """A reader saved before the rule (or by hand): 150 + 1 + 150 characters."""
    return django_user_model.objects.create_user(
        username="longname",
        password="pw-long-123",
        first_name="F" * 150,
        last_name="L" * 150,
    )


def test_the_account_rule_is_the_comment_columns_limit():
    assert MAX_PUBLIC_NAME_LENGTH == conf.MAX_NAME_LENGTH
    assert Comment._meta.get_field("author_name").max_length == conf.MAX_NAME_LENGTH


@pytest.mark.parametrize("name", ["F" * 150 + " " + "L" * 150, "F" * 101])
def test_sign_up_refuses_a_name_over_100_characters(client, django_user_model, name):
    response = sign_up(client, name)
    assert response.status_code == 400
    assert SIGN_UP_SENTENCE in response.content.decode()
    assert not django_user_model.objects.exists()


def test_sign_up_takes_a_name_of_exactly_100_characters(client, django_user_model):
    response = sign_up(client, "F" * 49 + " " + "L" * 50)
    assert response.status_code == 302
    assert len(django_user_model.objects.get().public_name) == 100


def test_the_admin_refuses_a_full_name_over_100_characters(admin_client, long_named):
    user = long_named
    response = admin_client.post(
        f"/admin/accounts/user/{user.pk}/change/",
        {
            "username": user.username,
            "first_name": "F" * 150,
            "last_name": "L" * 150,
            "email": "",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 200  # the form again, with the sentence
    assert ADMIN_SENTENCE in response.content.decode()


def test_a_long_account_name_is_refused_on_the_api_not_stored(long_named):
    """SQLite kept all 301 characters in the 100-character column."""
    make_thread("k")
    client = Client()
    client.force_login(long_named)
    response = client.post(
        "/api/v1/threads/k/comments",
        data=json.dumps({"body": "Hello"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"errors": {"name": ACCOUNT_SENTENCE}}
    assert not Comment.objects.exists()


def test_a_long_account_name_is_refused_on_the_page_with_the_sentence(long_named):
    article = make_article()
    client = Client()
    client.force_login(long_named)
    response = client.post(article.get_absolute_url(), {"body": "Hello"})
    assert response.status_code == 400
    assert ACCOUNT_SENTENCE in response.content.decode()
    assert "Hello" in response.content.decode()  # what they wrote is kept
    assert not Comment.objects.exists()
