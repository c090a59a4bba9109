import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_community_guidelines_exist_on_a_fresh_install(settings):
    """The migrations create the page and the site it belongs to, so the link
    beside every comment form works before anyone edits anything."""
    response = Client().get("/community-guidelines/")
    assert response.status_code == 200
    assert "Community guidelines" in response.text
    assert "never the person" in response.text


def test_sign_in_page_carries_the_site_name(settings):
    response = Client().get("/accounts/sign-in/")
    assert f"<title>Sign in · {settings.SITE_NAME}" in response.text
    assert "example.com" not in response.text
