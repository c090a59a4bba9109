import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from parley.discussions import actions, queries
from parley.discussions.errors import DiscussionError
from parley.discussions.models import Comment, Thread, Vote
from parley.discussions.readers import Reader
from tests.factories import make_thread, post

pytestmark = pytest.mark.django_db


def _errors(call) -> tuple[dict, int]:
    with pytest.raises(DiscussionError) as raised:
        call()
    return raised.value.errors, raised.value.status


def test_empty_body_is_refused_with_the_exact_sentence():
    """An empty or blank body reads "Please enter your comment!"."""
    thread = make_thread()
    for body in ["", "   \n\t"]:
        errors, status = _errors(lambda b=body: post(thread, b))
        assert errors == {"body": "Please enter your comment!"}
        assert status == 400


def test_guest_without_name_is_refused_with_the_exact_sentence():
    """A guest must give a name: "Please enter your name here"."""
    errors, _ = _errors(lambda: post(make_thread(), "Hello", name="  "))
    assert errors == {"name": "Please enter your name here"}


def test_both_sentences_arrive_together():
    """Empty body and missing name are reported in one answer."""
    errors, _ = _errors(lambda: post(make_thread(), "", name=""))
    assert errors == {
        "body": "Please enter your comment!",
        "name": "Please enter your name here",
    }


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("email", "not-an-address", "valid e-mail"),
        ("website", "javascript:alert(1)", "http:// or https://"),
        ("website", "ftp://example.org", "http:// or https://"),
    ],
)
def test_bad_optional_fields_get_a_sentence(field, value, fragment):
    errors, status = _errors(lambda: post(make_thread(), "Hi", **{field: value}))
    assert fragment in errors[field]
    assert status == 400


def test_body_longer_than_ten_thousand_characters_is_refused():
    errors, status = _errors(lambda: post(make_thread(), "x" * 10_001))
    assert "10,000" in errors["body"]
    assert status == 413
    assert post(make_thread(), "x" * 10_000).body_markdown == "x" * 10_000


@pytest.mark.parametrize("bad", ["nul \x00 byte", "lone \ud800 surrogate"])
def test_unstorable_text_is_refused_not_crashed(bad):
    errors, status = _errors(lambda: post(make_thread(), bad))
    assert status == 400
    assert "body" in errors


def test_closed_thread_refuses_comments():
    thread = make_thread()
    Thread.objects.filter(pk=thread.pk).update(is_closed=True)
    thread.refresh_from_db()
    errors, status = _errors(lambda: post(thread, "Too late?"))
    assert errors == {"thread": "This discussion is closed to new comments."}
    assert status == 403


def test_reply_records_parent_root_and_depth():
    thread = make_thread()
    top = post(thread, "top")
    child = post(thread, "child", parent=top)
    grandchild = post(thread, "grandchild", parent=child)
    assert (child.parent_id, child.root_id, child.depth) == (top.pk, top.pk, 1)
    assert (grandchild.parent_id, grandchild.root_id, grandchild.depth) == (
        child.pk,
        top.pk,
        2,
    )


def test_reply_to_comment_of_another_thread_is_refused():
    top = post(make_thread(), "elsewhere")
    errors, status = _errors(lambda: post(make_thread(), "reply", parent=top))
    assert status == 404
    assert "parent" in errors


def test_signed_in_author_uses_account_name_and_staff_badge(staff_user):
    comment = actions.post_comment(
        make_thread(),
        author=actions.CommentAuthor(user=staff_user),
        body="From the desk",
    )
    assert comment.author_name == "Sta Ffer"
    assert comment.author_is_staff
    assert comment.user == staff_user


def test_comment_count_follows_posts_and_deletes():
    thread = make_thread()
    first = post(thread, "one")
    post(thread, "two", parent=first)
    thread.refresh_from_db()
    assert thread.comment_count == 2
    actions.delete_comment(first)
    thread.refresh_from_db()
    assert thread.comment_count == 1


def test_deleted_comment_with_replies_stays_as_placeholder():
    thread = make_thread()
    top = post(thread, "secret opinion", name="Named", email="me@example.org")
    reply = post(thread, "reply", parent=top)
    actions.delete_comment(top)
    top.refresh_from_db()
    assert top.is_deleted
    assert (top.body_html, top.author_name, top.author_email) == ("", "", "")
    reply.refresh_from_db()
    assert reply.parent_id == top.pk


def test_deleting_last_reply_removes_an_orphaned_placeholder():
    thread = make_thread()
    top = post(thread, "top")
    reply = post(thread, "reply", parent=top)
    actions.delete_comment(top)
    actions.delete_comment(reply)
    assert not Comment.objects.filter(thread=thread).exists()


def test_deleted_comment_takes_no_replies_edits_or_votes():
    thread = make_thread()
    top = post(thread, "top")
    post(thread, "keeps it", parent=top)
    actions.delete_comment(top)
    top.refresh_from_db()
    assert _errors(lambda: post(thread, "late", parent=top))[1] == 409
    assert _errors(lambda: actions.edit_comment(top, body="new"))[1] == 409
    assert _errors(lambda: actions.cast_vote(top, voter="a:x", value=1))[1] == 409


def test_edit_rerenders_and_marks_edited():
    comment = post(make_thread(), "*old*")
    actions.edit_comment(comment, body="**new**")
    comment.refresh_from_db()
    assert comment.body_html == "<p><strong>new</strong></p>"
    assert comment.edited_at is not None


def test_edit_window_closes(settings):
    comment = post(make_thread(), "mine")
    from parley.discussions.tokens import make_edit_token

    token = make_edit_token(comment.pk)
    assert queries.can_edit(comment, Reader(edit_tokens=[token]))
    other = Reader(edit_tokens=[make_edit_token(comment.pk + 1)])
    assert not queries.can_edit(comment, other)
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - timedelta(minutes=16)
    )
    comment.refresh_from_db()
    assert not queries.can_edit(comment, Reader(edit_tokens=[token]))


def _run_at_once(work, count: int) -> list[Exception]:
    """Run work(n) in `count` threads together; return what they raised."""
    failures: list[Exception] = []

    def run(n: int) -> None:
        try:
            work(n)
        except Exception as error:  # collected and asserted by the caller
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return failures


def _assert_scores_are_vote_sums(thread):
    for comment in Comment.objects.filter(thread=thread):
        total = Vote.objects.filter(comment=comment).aggregate(s=Sum("value"))["s"] or 0
        assert comment.score == total
        assert comment.upvotes == Vote.objects.filter(comment=comment, value=1).count()
        assert (
            comment.downvotes == Vote.objects.filter(comment=comment, value=-1).count()
        )


def test_votes_are_changeable_retractable_and_idempotent():
    comment = post(make_thread(), "vote on me")
    steps = [(1, 1), (1, 1), (-1, -1), (0, 0), (0, 0), (-1, -1), (1, 1)]
    for value, expected_score in steps:
        result = actions.cast_vote(comment, voter="a:one", value=value)
        assert result.score == expected_score
        assert result.my_vote == value
    actions.cast_vote(comment, voter="u:2", value=1)
    assert actions.cast_vote(comment, voter="a:three", value=-1).score == 1
    _assert_scores_are_vote_sums(comment.thread)


@pytest.mark.parametrize("bad", [2, -2, "1", True, None, 1.0])
def test_vote_values_other_than_up_down_none_are_refused(bad):
    comment = post(make_thread(), "x")
    assert _errors(lambda: actions.cast_vote(comment, voter="a:v", value=bad))[1] == 400


def test_upvotes_only_site_refuses_downvotes(settings):
    settings.PARLEY_UPVOTES_ONLY = True
    comment = post(make_thread(), "x")
    errors, _ = _errors(lambda: actions.cast_vote(comment, voter="a:v", value=-1))
    assert errors == {"value": "This site counts up-votes only."}
    assert actions.cast_vote(comment, voter="a:v", value=1).score == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_keep_score_equal_to_vote_sum():
    """Sixteen voters, each flipping their vote many times at once, never drift."""
    comment = post(make_thread(), "popular")

    def voter(n: int) -> None:
        for i in range(12):
            actions.cast_vote(comment, voter=f"a:{n}", value=[1, -1, 0, 1][(i + n) % 4])

    failures = _run_at_once(voter, 16)
    assert not failures
    _assert_scores_are_vote_sums(comment.thread)


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_votes_by_one_voter_record_one_vote():
    comment = post(make_thread(), "raced")
    barrier = threading.Barrier(8)

    def vote(_n: int) -> None:
        barrier.wait(timeout=10)
        actions.cast_vote(comment, voter="a:same", value=1)

    failures = _run_at_once(vote, 8)
    assert not failures
    assert Vote.objects.filter(comment=comment).count() == 1
    comment.refresh_from_db()
    assert comment.score == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_deletes_of_one_comment_count_once():
    thread = make_thread()
    keep = post(thread, "stays")
    target = post(thread, "goes")
    barrier = threading.Barrier(6)

    def delete(_n: int) -> None:
        stale = Comment.objects.get(pk=target.pk)
        barrier.wait(timeout=10)
        actions.delete_comment(stale)

    failures = _run_at_once(delete, 6)
    assert not failures
    thread.refresh_from_db()
    assert thread.comment_count == 1
    assert list(Comment.objects.filter(thread=thread)) == [keep]


def test_editing_a_comment_deleted_meanwhile_is_refused_not_crashed():
    thread = make_thread()
    comment = post(thread, "original")
    stale = Comment.objects.get(pk=comment.pk)
    actions.delete_comment(comment)
    _errors_found, status = _errors(
        lambda: actions.edit_comment(stale, body="too late")
    )
    assert status == 409
