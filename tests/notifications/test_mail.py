"""Notification mail end to end, through a real SMTP server: subscribe,
confirm, one mail per event, unsubscribe in one click, nothing after."""

import re

import pytest
from django.conf import settings

from parley.discussions import actions
from parley.discussions.actions import Subscriber
from parley.discussions.models import Comment, Subscription
from parley.notifications.models import Delivery
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db

ANN = "ann@example.org"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a write queues after commit (signals), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def thread():
    return make_article(headline="Bridges of the river").thread


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def subject(message) -> str:
    """The subject as a reader sees it (a long encoded one is folded in transit)."""
    return " ".join(str(message["Subject"]).split())


def html_of(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def link(message, name: str) -> str:
    """Return the site path of a link in the text part (`confirm`, `unsubscribe`…)."""
    found = re.search(
        rf"https://news\.example(/notifications/{name}/\S+/)", text_of(message)
    )
    assert found, text_of(message)
    return found.group(1)


def subscribe_guest(commit, thread, email=ANN, kinds=("thread",), **kw):
    with commit():
        actions.subscribe(
            thread, subscriber=Subscriber(email=email), kinds=list(kinds), **kw
        )


def confirm(client, message) -> None:
    path = link(message, "confirm")
    page = client.get(path)
    assert page.status_code == 200
    assert "Confirm your notifications" in page.text
    done = client.post(path)
    assert done.status_code == 200
    assert "You're subscribed" in done.text
    assert re.search(
        r"about new comments on “<a href=\"[^\"]+\">[^<]+</a>”\.", done.text
    )


def write(commit, thread, body="A new comment.", **kw):
    with commit():
        return post(thread, body, **kw)


def test_guest_subscribes_confirms_gets_one_mail_and_unsubscribes_in_one_click(
    smtp, tasks, client, commit, thread
):
    """The whole way: confirmation, one multipart mail per comment, a one-click
    POST from the mail provider, and nothing after."""
    subscribe_guest(commit, thread, email="Ann@Example.org")
    tasks()
    (confirmation,) = smtp.messages
    assert confirmation["To"] == ANN
    assert "Please confirm" in subject(confirmation)
    assert "new follow-up comments" in text_of(confirmation)
    assert confirmation["List-Unsubscribe"] is None  # not a notification
    confirm(client, confirmation)

    write(
        commit, thread, "What about the old ferry?", name="Bob", email="bob@example.org"
    )
    tasks()
    assert len(smtp.messages) == 2
    mail = smtp.messages[-1]
    assert mail["To"] == ANN
    assert mail[
        "From"
    ] == f'"{settings.SITE_NAME}" <{settings.DEFAULT_FROM_EMAIL}>' or (
        mail["From"] == f"{settings.SITE_NAME} <{settings.DEFAULT_FROM_EMAIL}>"
    )
    assert subject(mail) == "New comment by Bob on “Bridges of the river”"
    assert mail.get_content_type() == "multipart/alternative"
    assert "What about the old ferry?" in text_of(mail)
    assert "<p>What about the old ferry?</p>" in html_of(mail)
    path = link(mail, "unsubscribe")
    # Long headers are folded in transit (RFC 5322 allows it before the "<").
    assert mail["List-Unsubscribe"].strip() == f"<https://news.example{path}>"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "#comment-" in text_of(mail)
    assert f'href="https://news.example{path}"' in html_of(mail)

    # RFC 8058: the provider POSTs from its own site, with no cookie.
    response = client.post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
        HTTP_SEC_FETCH_SITE="cross-site",
        HTTP_ORIGIN="https://mail.example",
    )
    assert response.status_code == 200
    assert "You're unsubscribed" in response.text
    assert not Subscription.objects.filter(email=ANN).exists()

    write(commit, thread, "Anyone still here?", name="Cy")
    tasks()
    assert len(smtp.messages) == 2


def test_unconfirmed_address_gets_only_the_confirmation(smtp, tasks, commit, thread):
    """Nothing is sent to an address that has not said yes."""
    subscribe_guest(commit, thread)
    write(commit, thread, name="Bob")
    write(commit, thread, name="Cy")
    tasks()
    assert [subject(m) for m in smtp.messages] == [
        "Please confirm: notifications of new comments on “Bridges of the river”"
    ]
    assert not Delivery.objects.exists()


def test_asking_again_sends_no_second_confirmation(smtp, tasks, commit, thread):
    """Repeated requests for one address and thread send one mail in the window."""
    for _ in range(3):
        subscribe_guest(commit, thread, kinds=("thread", "replies"))
    tasks()
    assert len(smtp.to(ANN)) == 1
    assert "new follow-up comments and new replies to your comments" in text_of(
        smtp.messages[0]
    )


def test_an_address_gets_confirmations_for_few_threads_a_day(smtp, tasks, commit):
    """Past the daily cap, a stranger's address gets nothing more."""
    for _ in range(settings.PARLEY_CONFIRMATIONS_PER_ADDRESS_PER_DAY + 3):
        subscribe_guest(commit, make_article().thread)
    tasks()
    assert len(smtp.to(ANN)) == settings.PARLEY_CONFIRMATIONS_PER_ADDRESS_PER_DAY


def test_held_comment_notifies_only_once_approved_and_once(
    smtp, tasks, client, commit, thread
):
    """Held: nothing; approved: one mail; held and approved again: no second."""
    subscribe_guest(commit, thread)
    tasks()
    confirm(client, smtp.messages[0])
    thread.premoderate = True
    thread.save(update_fields=["premoderate"])
    comment = write(commit, thread, "Held for now.", name="Bob")
    assert comment.status == Comment.Status.PENDING
    tasks()
    assert len(smtp.messages) == 1
    with commit():
        actions.set_comment_status(comment, Comment.Status.PUBLISHED)
    tasks()
    assert len(smtp.messages) == 2
    assert "Held for now." in text_of(smtp.messages[-1])
    for status in (Comment.Status.PENDING, Comment.Status.PUBLISHED):
        with commit():
            actions.set_comment_status(comment, status)
    tasks()
    assert len(smtp.messages) == 2


def test_rejected_comment_never_notifies(smtp, tasks, client, commit, thread):
    subscribe_guest(commit, thread)
    tasks()
    confirm(client, smtp.messages[0])
    thread.premoderate = True
    thread.save(update_fields=["premoderate"])
    comment = write(commit, thread, name="Bob")
    with commit():
        actions.set_comment_status(comment, Comment.Status.REJECTED)
    tasks()
    assert len(smtp.messages) == 1


def test_reply_to_my_comment_in_a_thread_i_follow_is_one_mail(
    smtp, tasks, client, commit, thread
):
    """Two subscriptions match one event: one mail, naming the closer reason;
    and the author is never told of their own comment."""
    subscribe_guest(commit, thread, kinds=("thread", "replies"))
    tasks()
    confirm(client, smtp.messages[0])
    mine = write(commit, thread, "My view.", name="Ann", email=ANN)
    tasks()
    assert len(smtp.messages) == 1  # my own comment: no mail
    write(commit, thread, "I disagree.", name="Bob", parent=mine)
    tasks()
    assert len(smtp.messages) == 2
    assert (
        subject(smtp.messages[-1])
        == "Bob replied to your comment on “Bridges of the river”"
    )
    assert Delivery.objects.get().kind == Subscription.Kind.REPLIES


def test_replies_to_one_comment(smtp, tasks, client, commit, thread):
    """ "Notify of new replies to this comment": replies to it, nothing else."""
    followed = write(commit, thread, "Worth following.", name="Dee")
    subscribe_guest(commit, thread, kinds=("comment",), comment=followed)
    tasks()
    confirm(client, smtp.messages[0])
    write(commit, thread, "Elsewhere.", name="Bob")
    write(commit, thread, "Right here.", name="Cy", parent=followed)
    tasks()
    assert len(smtp.messages) == 2
    assert subject(smtp.messages[-1]) == (
        "Cy replied to the comment you follow on “Bridges of the river”"
    )


def test_failed_send_is_retried_and_delivered(smtp, tasks, client, commit, thread):
    """The SMTP server refuses once (451): the worker tries again later and the
    mail arrives, once."""
    subscribe_guest(commit, thread)
    tasks()
    confirm(client, smtp.messages[0])
    smtp.refuse = 1
    write(commit, thread, "Try, try again.", name="Bob")
    tasks()
    assert smtp.refused == 1
    assert len(smtp.messages) == 2
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.attempts == 2


def test_mail_is_given_up_after_the_last_attempt(
    smtp, tasks, client, commit, thread, settings
):
    settings.PARLEY_MAIL_ATTEMPTS = 3
    subscribe_guest(commit, thread)
    tasks()
    confirm(client, smtp.messages[0])
    smtp.refuse = 10
    write(commit, thread, name="Bob")
    tasks()
    assert smtp.refused == 3
    assert Delivery.objects.get().status == Delivery.Status.FAILED


def test_signed_in_reader_subscribes_without_confirmation(
    smtp, tasks, commit, thread, reader_user
):
    with commit():
        actions.subscribe(
            thread, subscriber=Subscriber(user=reader_user), kinds=["thread"]
        )
    write(commit, thread, name="Bob")
    tasks()
    (mail,) = smtp.messages
    assert mail["To"] == "reader@example.org"
    assert subject(mail).startswith("New comment by Bob")
