"""The moderation desk: its queues, what each item shows, its actions and the log."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parley.discussions.models import Comment
from parley.moderation import actions
from parley.moderation.models import AuditEntry, AuthorStanding, Ban, Report
from parley.moderation.queries import highlight, queue_chart
from tests.factories import make_thread, post
from tests.moderation.conftest import TOXIC_BODY, hold

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, moderator):
    client.force_login(moderator)
    return client


def _queue(desk, queue, order="newest") -> list[int]:
    response = desk.get("/moderate/", {"queue": queue, "order": order})
    assert response.status_code == 200
    return [item.comment.pk for item in response.context["page"].items]


def _status(comment) -> str:
    return Comment.objects.get(pk=comment.pk).status


# ----- what an item shows


def test_an_item_shows_its_text_escaped_with_the_scored_span_marked(desk, held):
    html = desk.get("/moderate/").content.decode()
    assert 'You are an <mark title="insult (0.90)">idiot</mark> and everyone' in html
    assert ">0.91<" in html and ">0.35<" in html  # toxicity, human score
    assert "Written in 2 seconds." in html  # a human-score signal with its note
    assert "Toxicity 0.91 is over the hold threshold 0.80." in html  # a reason


def test_markup_in_a_comment_is_shown_as_text(desk, article):
    hold(post(article.thread, "<script>alert(1)</script> **bold**"), intake={})
    html = desk.get("/moderate/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **bold**" in html
    assert "<script>alert" not in html


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([], [("abcdef", False)]),
        ([{"start": 1, "end": 3}], [("a", False), ("bc", True), ("def", False)]),
        (  # overlapping spans are clipped, not doubled
            [{"start": 0, "end": 3}, {"start": 2, "end": 5}],
            [("abc", True), ("de", True), ("f", False)],
        ),
        (  # out of range or malformed spans are dropped or cut to the text
            [
                {"start": 4, "end": 99},
                {"start": "x", "end": 2},
                {"start": 9, "end": 12},
            ],
            [("abcd", False), ("ef", True)],
        ),
    ],
)
def test_highlight_cuts_the_text_by_its_spans(spans, expected):
    segments = highlight("abcdef", spans)
    assert [(s.text, s.marked) for s in segments] == expected


def test_an_item_shows_its_context_history_reports_and_audit_trail(desk, article):
    parent = post(article.thread, "The trains were always late.", name="Olu")
    earlier = post(
        article.thread, "Earlier words.", name="Grumpy", email="g@example.org"
    )
    actions.reject_comment(earlier, by=None, reason="Rude")
    Report.objects.create(comment=earlier, reporter="a:1", reason="abuse")
    comment = hold(
        post(
            article.thread,
            TOXIC_BODY,
            name="Grumpy",
            email="G@example.org",
            parent=parent,
        )
    )
    Report.objects.create(comment=comment, reporter="a:2", reason="spam", note="Ads")
    AuditEntry.objects.create(comment=comment, action="held", reason="held: because")

    html = desk.get("/moderate/").content.decode()
    assert "In reply to Olu:</span> The trains were always late." in html
    assert f'href="{article.get_absolute_url()}#comment-{comment.pk}"' in html
    # History by e-mail, case aside: two comments, one rejected, one report.
    assert "History (by e-mail)</dt><dd>2 comments · 1 rejected · 2 reports" in html
    assert "Ads" in html and "Spam" in html
    assert "held: because" in html


# ----- queues


@pytest.fixture
def every_state(article):
    """One comment in each queue, written a minute apart."""
    thread = article.thread
    made = {
        "pending": hold(post(thread, "Held")),
        "unmoderated": post(thread, "Published, nobody looked"),
        "approved": post(thread, "Published and approved"),
        "rejected": post(thread, "Rejected"),
        "reported": post(thread, "Reported"),
    }
    actions.approve_comment(made["approved"], by=None)
    actions.reject_comment(made["rejected"], by=None)
    Report.objects.create(comment=made["reported"], reporter="a:9", reason="spam")
    resolved = post(thread, "Reported, then approved")
    Report.objects.create(comment=resolved, reporter="a:9", reason="spam")
    actions.approve_comment(resolved, by=None)
    made["approved_after_report"] = resolved
    return made


def test_each_queue_holds_its_comments(desk, every_state):
    made = {name: comment.pk for name, comment in every_state.items()}
    assert _queue(desk, "pending") == [made["pending"]]
    assert _queue(desk, "reported") == [made["reported"]]
    assert set(_queue(desk, "unmoderated")) == {made["unmoderated"], made["reported"]}
    assert set(_queue(desk, "approved")) == {
        made["approved"],
        made["approved_after_report"],
    }
    assert _queue(desk, "rejected") == [made["rejected"]]
    tabs = {tab["name"]: tab["count"] for tab in desk.get("/moderate/").context["tabs"]}
    assert tabs == {
        "pending": 1,
        "reported": 1,
        "unmoderated": 2,
        "approved": 2,
        "rejected": 1,
    }


def test_queues_sort_newest_or_riskiest_first(desk, article):
    now = timezone.now()
    scores = [(0.2, 0.9), (0.9, 0.8), (0.9, 0.1), (None, None), (0.5, None)]
    made = []
    for n, (toxicity, human) in enumerate(scores):
        comment = hold(post(article.thread, f"Comment {n}"))
        Comment.objects.filter(pk=comment.pk).update(
            toxicity=toxicity, human_score=human, created_at=now - timedelta(minutes=n)
        )
        made.append(comment.pk)
    assert _queue(desk, "pending") == made
    # Most toxic first; among equals the least human first; unscored last.
    assert _queue(desk, "pending", "riskiest") == [
        made[2],
        made[1],
        made[4],
        made[0],
        made[3],
    ]


def test_a_page_of_a_ten_thousand_comment_queue_costs_fixed_queries(
    desk, article, django_assert_num_queries
):
    """Fifty items with their history, reports and audit trail, the queue counts
    and the chart: 14 queries, four of them the session and permissions."""
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            thread=article.thread,
            author_name=f"Guest {n % 300}",
            author_key=f"a:guest-{n % 300}",
            body_markdown=f"Held comment {n}",
            body_html=f"<p>Held comment {n}</p>",
            status="pending",
            is_public=False,
            toxicity=(n % 97) / 97,
            human_score=(n % 13) / 13,
            created_at=now - timedelta(seconds=n),
        )
        for n in range(10_000)
    )
    for order in ("newest", "riskiest"):
        with django_assert_num_queries(14):
            response = desk.get("/moderate/", {"order": order, "page": 3})
        assert len(response.context["page"].items) == 50
        assert response.context["page"].has_next
    assert desk.get("/moderate/", {"page": 200}).context["page"].has_next is False
    tab = response.context["tabs"][0]
    assert (tab["count"], tab["more"]) == (10_000, False)


# ----- actions


def _entry(comment, action) -> AuditEntry:
    return AuditEntry.objects.get(comment_ref=comment.pk, action=action)


def test_approve_publishes_and_logs_the_moderator(desk, moderator, held):
    response = desk.post(
        f"/moderate/comments/{held.pk}/approve/", {"next": "/moderate/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/moderate/"
    comment = Comment.objects.get(pk=held.pk)
    assert comment.status == "published" and comment.reviewed_at is not None
    assert _entry(held, "approved").actor == moderator


def test_reject_keeps_the_reason(desk, moderator, held):
    desk.post(f"/moderate/comments/{held.pk}/reject/", {"reason": "Name-calling"})
    assert _status(held) == "rejected"
    entry = _entry(held, "rejected")
    assert (entry.actor, entry.reason) == (moderator, "Name-calling")


def test_delete_removes_the_comment_and_keeps_it_in_the_log(desk, moderator, held):
    desk.post(f"/moderate/comments/{held.pk}/delete/", {"reason": "Spam"})
    assert not Comment.objects.filter(pk=held.pk).exists()
    entry = _entry(held, "deleted")
    assert entry.actor == moderator
    assert entry.detail["body"] == TOXIC_BODY


def test_feature_and_unfeature(desk, moderator, article):
    comment = post(article.thread, "A thoughtful comment.")
    desk.post(f"/moderate/comments/{comment.pk}/feature/", {"featured": "on"})
    assert Comment.objects.get(pk=comment.pk).is_featured
    assert _entry(comment, "featured").actor == moderator
    desk.post(f"/moderate/comments/{comment.pk}/feature/", {})
    assert not Comment.objects.get(pk=comment.pk).is_featured
    assert _entry(comment, "unfeatured").actor == moderator


@pytest.mark.parametrize(("days", "for_good"), [("7", False), ("", True)])
def test_ban_by_email_for_days_or_for_good(desk, moderator, held, days, for_good):
    desk.post(
        f"/moderate/comments/{held.pk}/ban/",
        {"kinds": ["email"], "days": days, "reason": "Abuse"},
    )
    ban = Ban.objects.get()
    assert (ban.kind, ban.value, ban.created_by) == (
        "email",
        "g@example.org",
        moderator,
    )
    assert (ban.until is None) == for_good
    assert _status(held) == "rejected"
    assert _entry(held, "banned").actor == moderator


def test_ban_needs_something_to_match_the_author_by(desk, article):
    comment = hold(post(article.thread, "No e-mail given"))
    response = desk.post(
        f"/moderate/comments/{comment.pk}/ban/", {"kinds": ["email"]}, follow=True
    )
    assert "can&#x27;t be banned that way" in response.content.decode()
    assert not Ban.objects.exists()


@pytest.mark.parametrize(
    ("standing", "action"),
    [("trusted", "trusted"), ("premoderated", "premoderated")],
)
def test_trust_or_premoderate_the_author(desk, moderator, held, standing, action):
    desk.post(f"/moderate/comments/{held.pk}/standing/", {"standing": standing})
    assert AuthorStanding.objects.get(author="e:g@example.org").standing == standing
    assert _entry(held, action).actor == moderator
    desk.post(f"/moderate/comments/{held.pk}/standing/", {"standing": "clear"})
    assert not AuthorStanding.objects.exists()


def test_bulk_approve_and_reject(desk, moderator, article):
    first, second, third = (hold(post(article.thread, f"Held {n}")) for n in range(3))
    response = desk.post(
        "/moderate/bulk/",
        {"action": "approve", "ids": [first.pk, second.pk]},
        follow=True,
    )
    assert "Approved 2 comments." in response.content.decode()
    assert [_status(c) for c in (first, second, third)] == [
        "published",
        "published",
        "pending",
    ]
    desk.post(
        "/moderate/bulk/", {"action": "reject", "ids": [third.pk], "reason": "Off"}
    )
    assert _status(third) == "rejected"
    assert _entry(third, "rejected").reason == "Off"
    assert AuditEntry.objects.filter(actor=moderator).count() == 3


def test_bulk_needs_a_selection(desk, held):
    response = desk.post("/moderate/bulk/", {"action": "approve"}, follow=True)
    assert "Select some comments first." in response.content.decode()
    assert _status(held) == "pending"


def test_actions_never_redirect_off_the_site(desk, held):
    response = desk.post(
        f"/moderate/comments/{held.pk}/approve/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/moderate/"


def test_thread_controls_redirect_back_to_the_comment(desk, article):
    comment = post(article.thread, "Worth featuring.")
    page = desk.get(article.get_absolute_url()).content.decode()
    assert f'action="/moderate/comments/{comment.pk}/feature/"' in page
    next_url = f"{article.get_absolute_url()}#comment-{comment.pk}"
    response = desk.post(
        f"/moderate/comments/{comment.pk}/feature/",
        {"featured": "on", "next": next_url},
    )
    assert response["Location"] == next_url
    assert Comment.objects.get(pk=comment.pk).is_featured


# ----- the chart and the log


def test_the_chart_counts_held_and_decided_per_day(moderator):
    comment = post(make_thread(), "x")
    now = timezone.now()
    for days_ago, action, actor in [
        (0, "held", None),
        (0, "held_by_reports", None),
        (0, "approved", moderator),
        (2, "rejected", moderator),
        (2, "published", None),  # neither held nor decided
        (20, "held", None),  # before the chart
    ]:
        AuditEntry.objects.create(
            comment=comment,
            action=action,
            actor=actor,
            created_at=now - timedelta(days=days_ago),
        )
    days = queue_chart()
    assert len(days) == 14 and days[-1].day == timezone.localdate()
    assert (days[-1].held, days[-1].decided) == (2, 1)
    assert (days[-3].held, days[-3].decided) == (0, 1)
    assert sum(day.held for day in days) == 2


def test_the_desk_draws_the_chart_as_inline_svg(desk, held):
    html = desk.get("/moderate/").content.decode()
    assert '<svg class="desk-chart__svg"' in html
    assert html.count('class="desk-chart__held"') == 14


def test_the_log_filters_by_action_actor_and_day(desk, moderator, held, article):
    actions.approve_comment(held, by=moderator)
    old = post(article.thread, "Old")
    AuditEntry.objects.create(
        comment=old,
        action="rejected",
        actor=moderator,
        reason="Long ago",
        created_at=timezone.now() - timedelta(days=3),
    )

    AuditEntry.objects.create(comment=held, action="held", reason="By the intake")

    def shown(**filters) -> list[str]:
        response = desk.get("/moderate/log/", filters)
        assert response.status_code == 200
        return [entry.action for entry in response.context["page"]]

    assert shown(action="approved") == ["approved"]
    assert shown(actor="automatic") == ["held"]
    assert set(shown(actor="person")) == {"approved", "rejected"}
    day = (timezone.now() - timedelta(days=3)).date().isoformat()
    assert shown(date=day) == ["rejected"]
    assert desk.get("/moderate/log/", {"date": "not-a-day"}).status_code == 200


@pytest.mark.parametrize("next_url", ["abc", "1", "?x=1", "#top", "//evil.example"])
def test_a_next_that_is_no_site_path_goes_to_the_desk(desk, held, next_url):
    response = desk.post(f"/moderate/comments/{held.pk}/approve/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/moderate/"


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_the_log_refuses_days_it_cannot_hold(desk, day):
    response = desk.get("/moderate/log/", {"date": day})
    assert response.status_code == 200
    assert "Pick a day between" in response.content.decode()
