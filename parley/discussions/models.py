from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def thread_is_visible(published_at: datetime | None) -> bool:
    """Return True if readers may see a thread published at this time: the rule
    ThreadQuerySet.visible() applies in SQL, for code that holds the value."""
    return published_at is not None and published_at <= timezone.now()


class ThreadQuerySet(models.QuerySet):
    def visible(self):
        """Threads readers may see: their page is public (published_at has come)."""
        return self.filter(published_at__lte=timezone.now())


class Thread(models.Model):
    """
    The discussion under one page, found by its key.

    Discussions know nothing of what owns a page: the newsroom keeps its
    articles' threads in step (title, URL, when the page becomes public), and
    threads of pages on embedding sites are created by their first accepted
    comment.
    """

    key = models.CharField(max_length=255, unique=True)
    title = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    # When the page becomes public; null while it is not (a draft article).
    # Comments of a thread readers can't see are read and written by nobody
    # but staff.
    published_at = models.DateTimeField(null=True, blank=True)
    is_closed = models.BooleanField(default=False)
    close_after_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_("Close the discussion this many days after publication."),
    )
    premoderate = models.BooleanField(
        default=False,
        help_text=_("Hold every new comment for review before readers see it."),
    )
    comment_count = models.PositiveIntegerField(default=0)
    # Bumped by every write that changes what readers see; cached pages and ETags
    # are keyed by it, so nothing has to be found and invalidated.
    version = models.PositiveBigIntegerField(default=1)
    # Bumped by the same writes except votes: a shared page of the thread keeps
    # its rendering across votes and only refreshes the scores it shows.
    content_version = models.PositiveBigIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ThreadQuerySet.as_manager()

    def __str__(self) -> str:
        return self.title or self.key

    @property
    def is_visible(self) -> bool:
        return thread_is_visible(self.published_at)

    @property
    def closes_at(self) -> datetime | None:
        if self.close_after_days is None or self.published_at is None:
            return None
        return self.published_at + timedelta(days=self.close_after_days)

    @property
    def is_open(self) -> bool:
        """Return True if the thread takes new comments now."""
        closes_at = self.closes_at
        return not self.is_closed and (closes_at is None or timezone.now() < closes_at)


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """Comments every reader sees: published ones, and placeholders of removed
        ones that still have visible replies."""
        return self.filter(is_public=True)


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        PENDING = "pending", _("Awaiting moderation")
        REJECTED = "rejected", _("Rejected")
        DELETED = "deleted", _("Deleted")

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    # The top-level comment this one hangs under (itself for a top-level one is
    # left null): one indexed lookup fetches the replies of a whole page.
    root = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    # The reader identity that wrote it ("u:<pk>", or "a:<token id>" for a guest
    # holding a reader token): how a guest sees their own held comment.
    author_key = models.CharField(max_length=80, blank=True, db_index=True)
    author_name = models.CharField(max_length=100)
    author_email = models.EmailField(blank=True)
    author_website = models.URLField(max_length=500, blank=True)
    author_is_staff = models.BooleanField(default=False)
    body_markdown = models.TextField()
    body_html = models.TextField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    # Readers see the row: it is published, or it is the placeholder of a
    # removed comment that still has visible replies. Kept by the actions on
    # every change of state, so that public reads are one indexed filter.
    is_public = models.BooleanField(default=True)
    is_featured = models.BooleanField(default=False)
    # What the intake decided and why: every check's verdict, scores, signals.
    intake = models.JSONField(default=dict, blank=True)
    toxicity = models.FloatField(null=True, blank=True)
    human_score = models.FloatField(null=True, blank=True)
    # When a moderator last looked at it (null: not yet moderated by a person).
    reviewed_at = models.DateTimeField(null=True, blank=True)
    score = models.IntegerField(default=0)
    upvotes = models.PositiveIntegerField(default=0)
    downvotes = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        permissions = [("moderate_comment", "Can moderate comments")]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="comment_by_status"),
            models.Index(
                fields=["thread", "-created_at", "-id"],
                condition=Q(parent__isnull=True, is_public=True),
                name="comment_top_by_time",
            ),
            models.Index(
                fields=["thread", "-score", "-created_at", "-id"],
                condition=Q(parent__isnull=True, is_public=True),
                name="comment_top_by_score",
            ),
            models.Index(fields=["root", "created_at"], name="comment_by_root"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["published", "pending", "rejected", "deleted"]),
                name="comment_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(score=F("upvotes") - F("downvotes")),
                name="comment_score_is_vote_sum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body_markdown[:40]}"

    @property
    def is_deleted(self) -> bool:
        return self.status == self.Status.DELETED

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_placeholder(self) -> bool:
        """Shown to readers only as "[deleted]", to keep its replies' place."""
        return self.is_public and not self.is_published


class Vote(models.Model):
    """One reader's vote on one comment; the voter is a user or an anonymous cookie."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="votes")
    voter = models.CharField(max_length=80)
    value = models.SmallIntegerField()
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "voter"], name="one_vote_per_voter"
            ),
            models.CheckConstraint(
                condition=Q(value__in=[1, -1]), name="vote_is_up_or_down"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voter} {self.value:+d} on comment {self.comment_id}"
