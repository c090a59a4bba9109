"""The intake seam: checks listed in a setting decide; discussions write what they
decided, and readers' pages change only when something is published."""

import pytest
from django.test import Client

from parley.discussions import actions, queries
from parley.discussions.errors import DiscussionError
from parley.discussions.intake import Outcome, Verdict
from parley.discussions.models import Comment, Thread
from parley.discussions.readers import Reader
from tests.factories import make_article, make_thread, post

pytestmark = pytest.mark.django_db
HERE = "tests.discussions.test_intake"


class HoldEverything:
    name = "hold_all"

    def check(self, submission):
        return Verdict(self.name, Outcome.HOLD, "Held by the test.", score=0.9)


class RejectEverything:
    name = "reject_all"

    def check(self, submission):
        return Verdict(self.name, Outcome.REJECT, "Rejected by the test.")


class RefuseEverything:
    name = "refuse_all"

    def check(self, submission):
        return Verdict(
            self.name,
            Outcome.REFUSE,
            "Captcha verification failed!",
            status=429,
            retry_after=30,
            code="captcha",
        )


@pytest.mark.parametrize(
    ("checks", "status"),
    [
        ([], "published"),
        ([f"{HERE}.HoldEverything"], "pending"),
        ([f"{HERE}.RejectEverything"], "rejected"),
        ([f"{HERE}.HoldEverything", f"{HERE}.RejectEverything"], "rejected"),
    ],
)
def test_the_intake_decides_the_state_and_records_why(settings, checks, status):
    settings.PARLEY_INTAKE_CHECKS = checks
    comment = post(make_thread(), "Hello")
    assert comment.status == status
    assert comment.intake["decision"] == status
    assert [v["check"] for v in comment.intake["verdicts"]] == [
        path.rsplit(".", 1)[1].replace("Everything", "_all").lower() for path in checks
    ]


def test_a_refusal_writes_nothing_not_even_the_new_thread(settings):
    """A refused first comment on an embedding page leaves no Thread row behind."""
    settings.PARLEY_INTAKE_CHECKS = [f"{HERE}.RefuseEverything"]
    page = actions.ThreadPage("blog:new", title="New", url="http://embed.example/new")
    with pytest.raises(DiscussionError) as refused:
        actions.post_comment(
            page, author=actions.CommentAuthor(name="Bo"), body="First!"
        )
    assert refused.value.status == 429
    assert refused.value.headers == {"Retry-After": "30"}
    assert refused.value.code == "captcha"
    assert not Thread.objects.filter(key="blog:new").exists()
    assert not Comment.objects.exists()


def test_a_validation_error_writes_no_thread_either():
    page = actions.ThreadPage("blog:empty", url="http://embed.example/empty")
    with pytest.raises(DiscussionError):
        actions.post_comment(page, author=actions.CommentAuthor(name="Bo"), body=" ")
    assert not Thread.objects.filter(key="blog:empty").exists()


@pytest.mark.parametrize(
    "url",
    ["", "https://evil.example/page", "javascript:alert(1)", "//embed.example/x"],
)
def test_threads_start_only_from_pages_on_embed_origins(url):
    page = actions.ThreadPage("blog:elsewhere", url=url)
    with pytest.raises(DiscussionError) as refused:
        actions.post_comment(page, author=actions.CommentAuthor(name="Bo"), body="Hi")
    assert refused.value.status == 403
    assert not Thread.objects.filter(key="blog:elsewhere").exists()


def test_reserved_keys_are_never_created_by_a_comment():
    page = actions.ThreadPage("article-77", url="http://embed.example/x")
    with pytest.raises(DiscussionError) as refused:
        actions.post_comment(page, author=actions.CommentAuthor(name="Bo"), body="Hi")
    assert refused.value.status == 404


def test_held_comment_changes_neither_count_nor_version(settings):
    thread = make_thread()
    post(thread, "Published first")
    before = Thread.objects.get(pk=thread.pk)
    settings.PARLEY_INTAKE_CHECKS = [f"{HERE}.HoldEverything"]
    post(thread, "Held")
    after = Thread.objects.get(pk=thread.pk)
    assert (after.comment_count, after.version) == (
        before.comment_count,
        before.version,
    )


def test_pending_comment_is_hidden_from_other_readers_but_not_its_author(settings):
    settings.PARLEY_INTAKE_CHECKS = [f"{HERE}.HoldEverything"]
    thread = make_thread("page-held")
    author = Reader(voter_token=_token())
    comment = actions.post_comment(
        thread,
        author=actions.CommentAuthor(name="Held"),
        body="Wait for me",
        context=actions.IntakeContext(identity=author.identity),
    )
    page = queries.comment_page(thread)
    assert page.nodes == []
    assert queries.own_held_comments(author, thread) == [comment]
    assert queries.own_held_comments(Reader(voter_token=_token()), thread) == []
    client = Client()
    listed = client.get("/api/v1/threads/page-held/comments").json()
    assert listed["comments"] == []
    assert client.get(f"/api/v1/comments/{comment.pk}").status_code == 404
    mine = client.get(
        "/api/v1/me/comments?thread=page-held",
        headers={"X-Parley-Voter": author.voter_token},
    ).json()
    assert [c["id"] for c in mine["comments"]] == [comment.pk]
    assert mine["comments"][0]["status"] == "pending"


def test_approving_publishes_and_rejecting_unpublishes():
    thread = make_thread()
    comment = post(thread, "Hello")
    actions.set_comment_status(comment, "rejected")
    thread.refresh_from_db()
    assert thread.comment_count == 0
    assert queries.comment_page(thread).nodes == []
    actions.set_comment_status(comment, "published")
    thread.refresh_from_db()
    assert thread.comment_count == 1
    assert [n.comment.pk for n in queries.comment_page(thread).nodes] == [comment.pk]


def test_rejected_comment_with_replies_stays_as_a_placeholder():
    thread = make_thread()
    parent = post(thread, "Nasty")
    reply = post(thread, "A fair answer", parent=parent)
    actions.set_comment_status(parent, "rejected")
    nodes = queries.comment_page(thread).nodes
    assert [n.comment.pk for n in nodes] == [parent.pk]
    assert nodes[0].comment.is_placeholder
    assert [r.comment.pk for r in nodes[0].replies] == [reply.pk]
    listed = Client().get(f"/api/v1/threads/{thread.key}/comments").json()
    shown = listed["comments"][0]
    assert shown["is_deleted"] and shown["body_html"] == ""
    assert shown["author"]["name"] == ""
    # Once the last public reply goes, so does the placeholder.
    actions.set_comment_status(reply, "rejected")
    assert queries.comment_page(thread).nodes == []


def test_an_edit_never_moves_a_held_comment_to_readers(settings):
    settings.PARLEY_INTAKE_CHECKS = [f"{HERE}.HoldEverything"]
    comment = post(make_thread(), "Held")
    settings.PARLEY_INTAKE_CHECKS = []
    edited = actions.edit_comment(comment, body="Rephrased")
    assert edited.status == "pending"


def test_an_edit_that_is_held_unpublishes(settings):
    thread = make_thread()
    comment = post(thread, "Fine")
    settings.PARLEY_INTAKE_CHECKS = [f"{HERE}.HoldEverything"]
    edited = actions.edit_comment(comment, body="Not fine any more")
    assert edited.status == "pending"
    thread.refresh_from_db()
    assert thread.comment_count == 0


def test_comments_of_an_unpublished_article_are_hidden_everywhere():
    """One visibility rule: the thread's publication time, for every read."""
    article = make_article()
    comment = post(article.thread, "Visible while live")
    client = Client()
    assert client.get(f"/api/v1/comments/{comment.pk}").status_code == 200
    article.status = article.Status.DRAFT
    from parley.newsroom.actions import save_article

    save_article(article)
    assert client.get(f"/api/v1/comments/{comment.pk}").status_code == 404
    counts = client.get(f"/api/v1/counts?thread={article.thread_key}").json()
    assert counts == {"counts": {article.thread_key: 0}}
    vote = client.post(
        f"/api/v1/comments/{comment.pk}/vote",
        data={"value": 1},
        content_type="application/json",
    )
    assert vote.status_code == 404


def test_one_access_rule_for_pages_and_api():
    """Another reader may neither edit through the page nor through the API."""
    comment = post(make_thread(), "Mine")
    page = Client().get(f"/comments/{comment.pk}/edit/")
    api = Client().patch(
        f"/api/v1/comments/{comment.pk}",
        data={"body": "hijack"},
        content_type="application/json",
    )
    assert (page.status_code, api.status_code) == (403, 403)


def _token() -> str:
    from parley.discussions.tokens import new_voter_token

    return new_voter_token()


def test_close_after_n_days_closes_by_the_clock():
    """An article set to close its discussion after a day refuses comments after
    it, and its page says so, with no write in between."""
    article = make_article(days_ago=2, close_comments_after_days=1)
    with pytest.raises(DiscussionError) as refused:
        post(article.thread, "Too late")
    assert refused.value.status == 403
    listed = Client().get(f"/api/v1/threads/{article.thread_key}/comments").json()
    assert listed["thread"]["is_closed"] is True
    assert "closed to new comments" in Client().get(article.get_absolute_url()).text
    fresh = make_article(days_ago=0.5, close_comments_after_days=1)
    assert post(fresh.thread, "In time").status == "published"
