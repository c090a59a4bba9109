"""Reports and the in-thread moderation controls over the API."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from parley.discussions.models import Comment
from parley.moderation.models import AuditEntry, Report
from tests.factories import make_thread, post

pytestmark = pytest.mark.django_db
API = "/api/v1"


def _reader() -> tuple[Client, dict]:
    """A guest with a reader token, as the widget holds one."""
    client = Client()
    comment = post(make_thread(), "To vote on")
    token = client.post(
        f"{API}/comments/{comment.pk}/vote",
        {"value": 1},
        content_type="application/json",
    ).json()["voter_token"]
    return Client(), {"X-Parley-Voter": token}


def _report(client, headers, comment, reason="abuse", note=""):
    return client.post(
        f"{API}/comments/{comment.pk}/report",
        {"reason": reason, "note": note},
        content_type="application/json",
        headers=headers,
    )


def test_one_report_per_reader_and_enough_reports_hold(settings):
    settings.PARLEY_REPORTS_TO_HOLD = 2
    thread = make_thread()
    comment = post(thread, "Rude words")
    client, headers = _reader()
    assert _report(client, headers, comment).status_code == 201
    assert _report(client, headers, comment).status_code == 200
    assert Report.objects.filter(comment=comment).count() == 1
    assert Comment.objects.get(pk=comment.pk).status == "published"
    other, other_headers = _reader()
    assert _report(other, other_headers, comment, "spam").status_code == 201
    assert Comment.objects.get(pk=comment.pk).status == "pending"
    assert AuditEntry.objects.filter(comment=comment, action="held_by_reports").exists()


def test_report_needs_a_known_reason_and_a_note_for_other():
    comment = post(make_thread(), "Hm")
    client, headers = _reader()
    assert _report(client, headers, comment, "boring").status_code == 400
    response = _report(client, headers, comment, "other")
    assert response.status_code == 400
    assert response.json()["errors"] == {"note": "Please tell us what is wrong."}


def test_moderation_controls_answer_403_to_anyone_but_moderators(
    django_user_model, reader_user
):
    comment = post(make_thread(), "Borderline")
    url = f"{API}/moderation/comments/{comment.pk}/reject"
    anonymous = Client().post(url, {}, content_type="application/json")
    assert anonymous.status_code == 403
    signed_in = Client()
    signed_in.force_login(reader_user)
    assert signed_in.post(url, {}, content_type="application/json").status_code == 403
    moderator = django_user_model.objects.create_user("mod", password="pw-mod-123")
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    client = Client()
    client.force_login(moderator)
    response = client.post(url, {"reason": "Off"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert AuditEntry.objects.get(comment=comment, action="rejected").actor == moderator


def test_a_first_time_guest_can_report_and_gets_a_reader_token():
    comment = post(make_thread(), "Off topic entirely")
    response = Client().post(
        f"{API}/comments/{comment.pk}/report",
        {"reason": "off_topic"},
        content_type="application/json",
    )
    assert response.status_code == 201
    token = response.json()["voter_token"]
    assert token
    again = Client().post(
        f"{API}/comments/{comment.pk}/report",
        {"reason": "spam"},
        content_type="application/json",
        headers={"X-Parley-Voter": token},
    )
    assert again.status_code == 200
    assert Report.objects.filter(comment=comment).count() == 1


def test_moderators_see_every_held_comment_of_a_thread(django_user_model, settings):
    settings.PARLEY_INTAKE_CHECKS = ["parley.moderation.checks.ThreadPolicyCheck"]
    thread = make_thread("held-here")
    thread.premoderate = True
    thread.save()
    held = post(thread, "Waiting")
    moderator = django_user_model.objects.create_user("mod2", password="pw-mod-123")
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    client = Client()
    client.force_login(moderator)
    listed = client.get(f"{API}/me/comments?thread=held-here").json()["comments"]
    assert [(c["id"], c["mine"]) for c in listed] == [(held.pk, False)]
    assert Client().get(f"{API}/me/comments?thread=held-here").json() == {
        "comments": []
    }
