"""The moderation checks of the intake, as a table of cases."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parley.discussions import actions
from parley.discussions.errors import DiscussionError
from parley.discussions.intake import IntakeContext
from parley.moderation.models import AuditEntry, AuthorStanding, Ban, WordRule
from tests.factories import make_thread, post

pytestmark = pytest.mark.django_db


def _post(thread, body="A fair point about the budget.", *, email="", ctx=None, **kw):
    return actions.post_comment(
        thread,
        author=actions.CommentAuthor(name="Reader", email=email),
        body=body,
        context=ctx or IntakeContext(identity="a:reader-1", address_hash="h1"),
        **kw,
    )


@pytest.fixture
def rules():
    WordRule.objects.create(kind="banned", pattern="vermin")
    WordRule.objects.create(kind="suspect", pattern="traitor*")
    WordRule.objects.create(kind="suspect", pattern="go back home")


@pytest.mark.parametrize(
    ("body", "status", "reason"),
    [
        ("The minister's plan is wrong, and here is why.", "published", ""),
        ("They are VERMIN.", "rejected", "banned words: vermin"),
        ("They are v3rm1n, all of them.", "rejected", "banned words: vermin"),
        ("They are v\u0435rmin.", "rejected", "banned words: vermin"),  # a Cyrillic e
        ("Vermineux is a French word here.", "published", ""),  # whole words only
        ("A bunch of traitors in parliament.", "pending", "watched words: traitor*"),
        ("Why don't you go   back\nhome?", "pending", "watched words: go back home"),
        (
            "See http://a.example http://b.example http://c.example http://d.example",
            "pending",
            "4 links",
        ),
    ],
)
def test_content_rules(rules, body, status, reason):
    comment = _post(make_thread(), body)
    assert comment.status == status
    recorded = " ".join(v["reason"] for v in comment.intake["verdicts"])
    assert reason in recorded


def test_same_text_in_another_thread_is_held():
    text = "Buy cheap watches at my shop, best prices in town!"
    assert _post(make_thread(), text).status == "published"
    assert _post(make_thread(), text).status == "pending"


@pytest.mark.parametrize("kind", ["email", "address", "reader"])
def test_banned_authors_are_refused(kind):
    values = {"email": "bad@example.org", "address": "h1", "reader": "a:reader-1"}
    Ban.objects.create(kind=kind, value=values[kind])
    with pytest.raises(DiscussionError) as refused:
        _post(make_thread(), email="Bad@Example.org")
    assert refused.value.status == 403
    assert refused.value.code == "banned"


def test_expired_or_lifted_bans_do_not_count():
    Ban.objects.create(
        kind="address", value="h1", until=timezone.now() - timedelta(days=1)
    )
    Ban.objects.create(kind="address", value="h1", lifted_at=timezone.now())
    assert _post(make_thread()).status == "published"


def test_banned_account_is_refused(reader_user):
    Ban.objects.create(kind="user", value=str(reader_user.pk))
    with pytest.raises(DiscussionError):
        actions.post_comment(
            make_thread(),
            author=actions.CommentAuthor(user=reader_user),
            body="Hello",
        )


def test_premoderated_author_is_held_and_trusted_author_skips_first_n(settings):
    AuthorStanding.objects.create(author="e:held@example.org", standing="premoderated")
    assert _post(make_thread(), email="held@example.org").status == "pending"
    settings.PARLEY_PREMODERATE_FIRST_COMMENTS = 2
    AuthorStanding.objects.create(author="a:trusted", standing="trusted")
    ctx = IntakeContext(identity="a:trusted")
    assert _post(make_thread(), "Trusted words.", ctx=ctx).status == "published"


def test_first_comments_of_a_new_commenter_are_held(settings):
    settings.PARLEY_PREMODERATE_FIRST_COMMENTS = 1
    thread = make_thread()
    first = _post(thread)
    assert first.status == "pending"
    actions.set_comment_status(first, "published")
    assert _post(thread, "A second, different thought.").status == "published"


def test_premoderated_thread_holds_everything():
    thread = make_thread()
    thread.premoderate = True
    thread.save()
    assert _post(thread).status == "pending"


def test_every_automatic_decision_is_in_the_audit_log(
    rules, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        held = _post(make_thread(), "What a traitor.")
    entry = AuditEntry.objects.get(comment=held)
    assert entry.action == "held"
    assert entry.actor is None
    assert "traitor" in entry.reason
    assert entry.detail["decision"] == "pending"


def test_existing_factories_still_publish():
    assert post(make_thread(), "Hello").status == "published"
