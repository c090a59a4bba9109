"""Daily digests, the moderators' queue digest, the schedule that runs them,
and the pages mail links to."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from parley.discussions import actions
from parley.discussions.actions import Subscriber
from parley.discussions.models import Comment
from parley.moderation.roles import MODERATORS, sync_roles
from parley.notifications import tasks, tokens
from parley.notifications.models import QueueDigest, Schedule
from tests.factories import make_article, post

from .test_mail import ANN, html_of, subject, text_of

pytestmark = pytest.mark.django_db


def test_daily_subscription_waits_for_the_digest(smtp, tasks, reader_user, commit_all):
    """Comments to a daily subscriber wait; the daily run mails them in one
    multipart digest with a one-click unsubscribe."""
    run = tasks
    threads = [make_article(headline=h).thread for h in ("Rain", "Snow")]
    for thread in threads:
        actions.subscribe(
            thread,
            subscriber=Subscriber(user=reader_user),
            kinds=["thread"],
            delivery="daily",
        )
    for thread in threads:
        with commit_all():
            post(thread, f"About {thread.title}.", name="Bob")
    run()
    assert smtp.messages == []
    tasks_module_run_daily()
    run()
    (digest,) = smtp.messages
    assert subject(digest).startswith("2 new comments: your daily digest from")
    assert "About Rain." in text_of(digest) and "About Snow." in text_of(digest)
    assert "<p>About Snow.</p>" in html_of(digest)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    tasks_module_run_daily()
    run()
    assert len(smtp.messages) == 1  # nothing new: no second digest


def tasks_module_run_daily():
    tasks.daily_digests.enqueue()


def test_moderators_can_get_the_queue_by_mail(smtp, tasks, django_user_model):
    sync_roles()
    mona = django_user_model.objects.create_user("mona", email="mona@example.org")
    mona.groups.add(Group.objects.get(name=MODERATORS))
    QueueDigest.objects.create(user=mona)
    thread = make_article(headline="Tides").thread
    comment = post(thread, "Hold me.", name="Bob")
    actions.set_comment_status(comment, Comment.Status.PENDING)
    tasks_module_run_daily()
    tasks()
    (mail,) = smtp.to("mona@example.org")
    assert subject(mail).startswith("1 comment awaits moderation on")
    assert f"/moderate/comments/{comment.pk}/" in text_of(mail)
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    tasks_module_run_daily()
    tasks()
    assert len(smtp.messages) == 1  # at most one a day


def test_the_daily_run_is_scheduled_once_and_reschedules_itself(tasks):
    first = tasks_schedule()
    assert tasks_schedule() == first  # a second worker start adds nothing
    row = Schedule.objects.get()
    assert row.run_at > timezone.now()
    assert row.run_at.hour == 7 and row.run_at.minute == 0
    # When it comes due, it runs and queues the next one.
    DBTaskResult.objects.filter(id=first).update(run_after=timezone.now())
    tasks()
    assert DBTaskResult.objects.get(id=first).status == "SUCCESSFUL"
    assert Schedule.objects.get().task_id != first
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def tasks_schedule():
    return tasks.ensure_schedule()


def test_next_run_is_the_next_digest_hour():
    before = datetime(2026, 3, 1, 6, 59, tzinfo=UTC)
    assert tasks.next_run(before) == datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
    after = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
    assert tasks.next_run(after) == datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


def test_a_queue_outage_never_fails_a_comment(monkeypatch, caplog, commit_all):
    """Enqueueing fails: the comment is posted, the failure logged."""

    def broken(*args, **kwargs):
        raise ConnectionError("queue away")

    monkeypatch.setattr(DatabaseBackend, "enqueue", broken)
    thread = make_article().thread
    with commit_all():
        comment = post(thread, "Still posted.")
    assert comment.pk
    assert "Could not queue" in caplog.text


@pytest.fixture
def commit_all(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.parametrize("kind", ["confirm", "unsubscribe", "manage"])
def test_bad_links_get_a_clear_page(client, kind):
    response = client.get(f"/notifications/{kind}/not-a-real-token/")
    assert response.status_code == 400
    assert "This link doesn't work" in response.text


def test_expired_links_say_so(client, monkeypatch):
    token = tokens.manage_token(ANN)
    real = signing.TimestampSigner.unsign_object

    def aged(self, value, **kwargs):
        raise signing.SignatureExpired("old")

    monkeypatch.setattr(signing.TimestampSigner, "unsign_object", aged)
    response = client.get(f"/notifications/manage/{token}/")
    monkeypatch.setattr(signing.TimestampSigner, "unsign_object", real)
    assert response.status_code == 400
    assert "This link has expired" in response.text


def test_the_manage_link_lists_and_ends_subscriptions(client):
    thread = make_article(headline="Tides").thread
    actions.subscribe(
        thread, subscriber=Subscriber(email=ANN), kinds=["thread", "replies"]
    )
    actions.confirm_subscriptions(
        ANN, thread.pk, asked_at=timezone.now() + timedelta(seconds=1)
    )
    url = f"/notifications/manage/{tokens.manage_token(ANN)}/"
    page = client.get(url)
    assert page["Cache-Control"] == "private, no-store"
    assert "<strong>New follow-up comments</strong> on “Tides”" in page.text
    # The form's words are the reader's ("my comments"); the page answers them.
    assert "<strong>New replies to your comments</strong> on “Tides”" in page.text
    client.post(url, {"action": "end_all"})
    assert "You follow no discussions." in client.get(url).text


def test_the_account_page_keeps_defaults_and_the_queue_digest(
    client, django_user_model
):
    sync_roles()
    mona = django_user_model.objects.create_user("mona", email="mona@example.org")
    mona.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(mona)
    page = client.get("/notifications/")
    assert "E-mail me a daily digest of the comments awaiting moderation" in page.text
    response = client.post(
        "/notifications/",
        {
            "action": "defaults",
            "follow_thread": "on",
            "delivery": "daily",
            "queue_digest": "on",
        },
    )
    assert response.status_code == 302
    assert QueueDigest.objects.filter(user=mona).exists()
    defaults = mona.subscription_defaults
    assert (defaults.follow_thread, defaults.follow_replies, defaults.delivery) == (
        True,
        False,
        "daily",
    )


def test_confirm_link_is_not_used_up_by_a_mail_scanner(client):
    """A GET (a scanner opening the link) confirms nothing; the button does."""
    thread = make_article().thread
    actions.subscribe(thread, subscriber=Subscriber(email=ANN), kinds=["thread"])
    url = f"/notifications/confirm/{tokens.confirm_token(ANN, thread.pk)}/"
    client.get(url)
    assert not thread.subscriptions.confirmed().exists()
    client.post(url)
    assert thread.subscriptions.confirmed().exists()
