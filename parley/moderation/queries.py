"""
Reads for the moderation desk: who may use it, its queues, what the desk shows
beside each comment (highlighted text, the intake's verdicts, the author's
history, the comment's audit trail) and the audit log.

Every queue page costs a fixed number of queries whatever its length: one for
the page, one per kind of detail for all its comments at once.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Lower, TruncDate
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from parley.discussions.links import thread_link
from parley.discussions.models import Comment
from parley.discussions.queries import can_moderate
from parley.discussions.readers import Reader, reader_from_cookies

from .models import AuditEntry, Ban, Report

PAGE_SIZE = 50
# Queue counts stop here ("10,000+"): counting further costs a scan for nothing.
COUNT_CAP = 10_000

Status = Comment.Status
Action = AuditEntry.Action

QUEUES = {
    "pending": pgettext_lazy("queue", "Pending"),
    "reported": pgettext_lazy("queue", "Reported"),
    "unmoderated": pgettext_lazy("queue", "Unmoderated"),
    "approved": pgettext_lazy("queue", "Approved"),
    "rejected": pgettext_lazy("queue", "Rejected"),
}
ORDERS = {
    "newest": gettext_lazy("Newest first"),
    "riskiest": gettext_lazy("Riskiest first"),
}

HELD_ACTIONS = (Action.HELD, Action.HELD_BY_REPORTS)
DECIDED_ACTIONS = (Action.APPROVED, Action.REJECTED, Action.DELETED, Action.BANNED)


def access_desk(request: HttpRequest) -> Reader:
    """Return the reader behind the request if they may moderate, else raise
    PermissionDenied. Every desk page and action starts here."""
    reader = reader_from_cookies(request)
    if not can_moderate(reader):
        raise PermissionDenied(_("Only moderators may use the moderation desk."))
    return reader


def queue_comments(queue: str) -> QuerySet[Comment]:
    """Return the comments of one queue, unordered."""
    comments = Comment.objects.all()
    if queue == "pending":
        return comments.filter(status=Status.PENDING)
    if queue == "reported":
        reported = Report.objects.filter(resolved_at__isnull=True).values("comment_id")
        return comments.filter(pk__in=reported).exclude(status=Status.DELETED)
    if queue == "unmoderated":
        return comments.filter(status=Status.PUBLISHED, reviewed_at__isnull=True)
    if queue == "approved":
        return comments.filter(status=Status.PUBLISHED, reviewed_at__isnull=False)
    if queue == "rejected":
        return comments.filter(status=Status.REJECTED)
    raise ValueError(f"No queue {queue!r}.")


def ordered(comments: QuerySet[Comment], order: str) -> QuerySet[Comment]:
    """Newest first, or riskiest first: the most toxic, then the least human."""
    if order == "riskiest":
        return comments.order_by(
            F("toxicity").desc(nulls_last=True),
            F("human_score").asc(nulls_last=True),
            "-created_at",
            "-id",
        )
    return comments.order_by("-created_at", "-id")


def queue_counts() -> dict[str, int]:
    """Return each queue's length, counted up to COUNT_CAP + 1."""
    return {
        name: queue_comments(name).values("pk")[: COUNT_CAP + 1].count()
        for name in QUEUES
    }


@dataclass
class QueuePage:
    items: list["DeskItem"]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def queue_page(queue: str, order: str = "newest", number: int = 1) -> QueuePage:
    """Return one page of a queue, each comment with what the desk shows of it."""
    number = max(1, number)
    start = (number - 1) * PAGE_SIZE
    comments = list(
        ordered(queue_comments(queue), order).select_related(
            "thread", "parent", "user"
        )[start : start + PAGE_SIZE + 1]
    )
    has_next = len(comments) > PAGE_SIZE
    return QueuePage(
        items=desk_items(comments[:PAGE_SIZE]), number=number, has_next=has_next
    )


@dataclass
class Segment:
    """A run of a comment's source text, marked when a scorer pointed at it."""

    text: str
    attribute: str = ""
    weight: float | None = None

    @property
    def marked(self) -> bool:
        return self.weight is not None


@dataclass
class History:
    """What an author has done before: comments written, rejected, reported."""

    known_by: str = ""
    comments: int = 0
    rejected: int = 0
    reports: int = 0


@dataclass
class DeskItem:
    comment: Comment
    segments: list[Segment]
    verdicts: list[dict]
    signals: list[dict]
    history: History
    reports: list[Report] = field(default_factory=list)
    entries: list[AuditEntry] = field(default_factory=list)

    @property
    def thread_link(self) -> str:
        """The comment on its page (on this site or an embed origin), or "" when
        the thread's recorded address is neither."""
        return thread_link(self.comment.thread, f"comment-{self.comment.pk}")

    @property
    def ban_kinds(self) -> list[tuple[str, str]]:
        """The ways this author can be banned, with their labels."""
        comment = self.comment
        available = {
            Ban.Kind.USER: bool(comment.user_id),
            Ban.Kind.EMAIL: bool(comment.author_email),
            Ban.Kind.ADDRESS: bool((comment.intake or {}).get("address_hash")),
            Ban.Kind.READER: bool(comment.author_key and not comment.user_id),
        }
        return [(kind, kind.label) for kind in Ban.Kind if available[kind]]


def desk_items(comments: list[Comment]) -> list[DeskItem]:
    """Wrap comments with their highlights, verdicts, history, open reports and
    audit entries, fetching each kind of detail once for all of them."""
    ids = [comment.pk for comment in comments]
    histories = author_histories(comments)
    reports: dict[int, list[Report]] = defaultdict(list)
    entries: dict[int, list[AuditEntry]] = defaultdict(list)
    if ids:
        for report in Report.objects.filter(
            comment_id__in=ids, resolved_at__isnull=True
        ).order_by("created_at"):
            reports[report.comment_id].append(report)
        for entry in (
            AuditEntry.objects.filter(comment_id__in=ids)
            .select_related("actor")
            .order_by("created_at", "id")
        ):
            entries[entry.comment_id].append(entry)
    items = []
    for comment in comments:
        intake = comment.intake if isinstance(comment.intake, dict) else {}
        verdicts = [v for v in intake.get("verdicts", []) if isinstance(v, dict)]
        items.append(
            DeskItem(
                comment=comment,
                segments=highlight(comment.body_markdown, _spans(verdicts)),
                verdicts=verdicts,
                signals=_signals(verdicts),
                history=histories.get(comment.pk, History()),
                reports=reports[comment.pk],
                entries=entries[comment.pk],
            )
        )
    return items


def _detail(verdicts: list[dict], check: str) -> dict:
    for verdict in verdicts:
        if verdict.get("check") == check and isinstance(verdict.get("detail"), dict):
            return verdict["detail"]
    return {}


def _spans(verdicts: list[dict]) -> list[dict]:
    spans = _detail(verdicts, "toxicity").get("spans", [])
    return [span for span in spans if isinstance(span, dict)]


def _signals(verdicts: list[dict]) -> list[dict]:
    signals = _detail(verdicts, "human_score").get("signals", [])
    return [signal for signal in signals if isinstance(signal, dict)]


def highlight(text: str, spans: list[dict]) -> list[Segment]:
    """
    Cut the text into plain and marked segments by the spans' character offsets.

    Spans come from the intake's stored JSON: out-of-range or malformed ones are
    dropped, overlapping ones clipped, so any record gives a faithful text.
    """
    clean = []
    for span in spans:
        start, end = span.get("start"), span.get("end")
        if not (isinstance(start, int) and isinstance(end, int)):
            continue
        start, end = max(0, start), min(len(text), end)
        if start < end:
            weight = span.get("weight")
            weight = float(weight) if isinstance(weight, int | float) else 0.0
            clean.append((start, end, str(span.get("attribute", "")), weight))
    segments, position = [], 0
    for start, end, attribute, weight in sorted(clean):
        start = max(start, position)
        if start >= end:
            continue
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], attribute, weight))
        position = end
    if position < len(text) or not segments:
        segments.append(Segment(text[position:]))
    return segments


def author_histories(comments: list[Comment]) -> dict[int, History]:
    """
    Return each comment's author's history, keyed by comment id.

    An author is known by their account if they had one, else by their reader
    token, else by their e-mail address: one grouped query for each.
    """
    groups = {
        "user_id": {c.user_id for c in comments if c.user_id},
        "author_key": {
            c.author_key for c in comments if not c.user_id and c.author_key
        },
        "email": {
            c.author_email.lower()
            for c in comments
            if not c.user_id and not c.author_key and c.author_email
        },
    }
    found: dict[tuple[str, object], History] = {}
    for column, values in groups.items():
        if not values:
            continue
        if column == "email":
            same_address = Q()
            for email in sorted(values):
                same_address |= Q(author_email__iexact=email)
            rows = Comment.objects.filter(same_address).annotate(
                email=Lower("author_email")
            )
        else:
            rows = Comment.objects.filter(**{f"{column}__in": values})
        for row in rows.values(column).annotate(
            total=Count("id", distinct=True),
            rejected=Count("id", filter=Q(status=Status.REJECTED), distinct=True),
            reports=Count("reports", distinct=True),
        ):
            found[(column, row[column])] = History(
                "", row["total"], row["rejected"], row["reports"]
            )
    histories = {}
    for comment in comments:
        if comment.user_id:
            key, label = ("user_id", comment.user_id), _("account")
        elif comment.author_key:
            key, label = ("author_key", comment.author_key), _("reader token")
        elif comment.author_email:
            key, label = ("email", comment.author_email.lower()), _("e-mail")
        else:
            continue
        history = found.get(key, History())
        histories[comment.pk] = History(
            label, history.comments, history.rejected, history.reports
        )
    return histories


@dataclass
class ChartDay:
    day: date
    held: int
    decided: int


def queue_chart(days: int = 14) -> list[ChartDay]:
    """Return comments held and decided per day over the last `days` days,
    oldest first, from the audit log."""
    today = timezone.localdate()
    first = today - timedelta(days=days - 1)
    since = timezone.make_aware(datetime.combine(first, datetime.min.time()))
    counts: dict[tuple[date, str], int] = defaultdict(int)
    rows = (
        AuditEntry.objects.filter(
            created_at__gte=since, action__in=[*HELD_ACTIONS, *DECIDED_ACTIONS]
        )
        .annotate(day=TruncDate("created_at"))
        .values("day", "action")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        kind = "held" if row["action"] in HELD_ACTIONS else "decided"
        counts[(row["day"], kind)] += row["n"]
    return [
        ChartDay(day, counts[(day, "held")], counts[(day, "decided")])
        for day in (first + timedelta(days=n) for n in range(days))
    ]


def audit_log(
    *, action: str = "", actor: str = "", day: date | None = None
) -> QuerySet[AuditEntry]:
    """Return audit entries, newest first, filtered by action, by who acted
    ("automatic" for the intake, "person" for people) and by day."""
    entries = AuditEntry.objects.select_related("actor", "comment").order_by(
        "-created_at", "-id"
    )
    if action in Action.values:
        entries = entries.filter(action=action)
    if actor == "automatic":
        entries = entries.filter(actor__isnull=True)
    elif actor == "person":
        entries = entries.filter(actor__isnull=False)
    if day is not None:
        start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
        entries = entries.filter(
            created_at__gte=start, created_at__lt=start + timedelta(days=1)
        )
    return entries
