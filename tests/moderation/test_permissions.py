"""Who may use the moderation desk: every page and action, for every role."""

import pytest
from django.contrib.auth.models import Group

from parley.moderation.roles import ADMINS, MODERATORS
from tests.factories import post

pytestmark = pytest.mark.django_db

PAGES = ["/moderate/", "/moderate/?queue=reported", "/moderate/log/", "comment"]
ACTIONS = [
    ("approve", {}),
    ("reject", {"reason": "Rude"}),
    ("feature", {"featured": "on"}),
    ("standing", {"standing": "premoderated"}),
    ("ban", {"kinds": ["email"], "days": "7"}),
    ("delete", {"reason": "Spam"}),
    ("bulk", {"action": "approve"}),
]


def _page_url(url, comment):
    return f"/moderate/comments/{comment.pk}/" if url == "comment" else url


def _action_url(action, comment):
    if action == "bulk":
        return "/moderate/bulk/"
    return f"/moderate/comments/{comment.pk}/{action}/"


def _data(action, comment, data):
    return {**data, "ids": [comment.pk]} if action == "bulk" else data


def test_the_migration_makes_both_roles():
    """Moderators may moderate comments; admins hold every permission of
    discussions, moderation and the newsroom."""
    moderators = Group.objects.get(name=MODERATORS)
    codenames = set(moderators.permissions.values_list("codename", flat=True))
    assert "moderate_comment" in codenames
    assert {"view_auditentry", "change_ban", "view_report"} <= codenames
    assert "delete_article" not in codenames
    admins = Group.objects.get(name=ADMINS)
    labels = set(admins.permissions.values_list("content_type__app_label", flat=True))
    assert labels == {"discussions", "moderation", "newsroom"}
    assert admins.permissions.filter(codename="delete_article").exists()
    assert admins.permissions.filter(codename="moderate_comment").exists()


@pytest.mark.parametrize("url", PAGES)
def test_pages_send_anonymous_visitors_to_sign_in(client, held, url):
    response = client.get(_page_url(url, held))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/?next=/moderate/")


@pytest.mark.parametrize("url", PAGES)
def test_pages_refuse_readers(client, reader_user, staff_user, held, url):
    """A reader, and staff without the moderation role, get 403."""
    for user in (reader_user, staff_user):
        client.force_login(user)
        assert client.get(_page_url(url, held)).status_code == 403


@pytest.mark.parametrize("role", ["moderator", "site_admin"])
@pytest.mark.parametrize("url", PAGES)
def test_pages_open_to_moderators_and_admins(client, request, held, role, url):
    client.force_login(request.getfixturevalue(role))
    assert client.get(_page_url(url, held)).status_code == 200


@pytest.mark.parametrize(("action", "data"), ACTIONS)
def test_actions_refuse_anonymous_visitors_and_readers(
    client, reader_user, held, action, data
):
    url = _action_url(action, held)
    assert client.post(url, _data(action, held, data)).status_code == 403
    client.force_login(reader_user)
    assert client.post(url, _data(action, held, data)).status_code == 403
    held.refresh_from_db()
    assert held.status == "pending"


@pytest.mark.parametrize("role", ["moderator", "site_admin"])
@pytest.mark.parametrize(("action", "data"), ACTIONS)
def test_actions_open_to_moderators_and_admins(
    client, request, held, role, action, data
):
    client.force_login(request.getfixturevalue(role))
    response = client.post(_action_url(action, held), _data(action, held, data))
    assert response.status_code == 302


def test_actions_answer_only_post(client, moderator, held):
    client.force_login(moderator)
    assert client.get(_action_url("approve", held)).status_code == 405


def test_a_missing_comment_is_404_for_moderators(client, moderator):
    client.force_login(moderator)
    assert client.post("/moderate/comments/999999/approve/").status_code == 404
    assert client.get("/moderate/comments/999999/").status_code == 404


def test_thread_controls_show_only_to_moderators(
    client, moderator, reader_user, article
):
    post(article.thread, "A fine comment.")
    url = article.get_absolute_url()
    assert "/moderate/comments/" not in client.get(url).content.decode()
    client.force_login(reader_user)
    assert "/moderate/comments/" not in client.get(url).content.decode()
    client.force_login(moderator)
    assert "/moderate/comments/" in client.get(url).content.decode()
