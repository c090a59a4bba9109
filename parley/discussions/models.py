from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Thread(models.Model):
    """The discussion under one article or one external page, found by its key."""

    key = models.CharField(max_length=255, unique=True)
    title = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    article = models.OneToOneField(
        "newsroom.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="thread",
    )
    is_closed = models.BooleanField(default=False)
    comment_count = models.PositiveIntegerField(default=0)
    # Bumped by every write that changes what readers see; cached pages and ETags
    # are keyed by it, so nothing has to be found and invalidated.
    version = models.PositiveBigIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title or self.key


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
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
    author_name = models.CharField(max_length=100)
    author_email = models.EmailField(blank=True)
    author_website = models.URLField(max_length=500, blank=True)
    author_is_staff = models.BooleanField(default=False)
    body_markdown = models.TextField()
    body_html = models.TextField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    score = models.IntegerField(default=0)
    upvotes = models.PositiveIntegerField(default=0)
    downvotes = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["thread", "-created_at", "-id"],
                condition=Q(parent__isnull=True),
                name="comment_top_by_time",
            ),
            models.Index(
                fields=["thread", "-score", "-created_at", "-id"],
                condition=Q(parent__isnull=True),
                name="comment_top_by_score",
            ),
            models.Index(fields=["root", "created_at"], name="comment_by_root"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["published", "deleted"]),
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
