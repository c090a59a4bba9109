from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .anchors import TextQuote


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
    # Inline feedback: the passage of the page the comment is on, as a text
    # quote (anchors.TextQuote); empty for a comment on the whole page. Pages
    # find the passage again in their text as it is now (anchors.locate).
    quote_exact = models.CharField(max_length=1000, blank=True, default="")
    quote_prefix = models.CharField(max_length=32, blank=True, default="")
    quote_suffix = models.CharField(max_length=32, blank=True, default="")

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
            models.Index(
                fields=["thread", "-created_at", "-id"],
                condition=Q(parent__isnull=True, is_public=True) & ~Q(quote_exact=""),
                name="comment_feedback_by_time",
            ),
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
    def quote(self) -> "TextQuote | None":
        """The passage this comment is on, or None for the whole page."""
        if not self.quote_exact:
            return None
        return TextQuote(self.quote_exact, self.quote_prefix, self.quote_suffix)

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


# ----- "Notify of" subscriptions (notifications send the mail; see
# docs/notifications.md) -----


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        """Subscriptions whose address said yes: only these are ever mailed."""
        return self.filter(confirmed_at__isnull=False)


class Subscription(models.Model):
    """
    One address's wish to hear by e-mail of new comments in a thread: all of
    them, replies to the subscriber's own comments, or replies to one comment.

    A guest's subscription waits for its address to confirm it (a link in the
    one mail it may get before then); a signed-in reader's is confirmed as it
    is made. Ending one deletes the row.
    """

    class Kind(models.TextChoices):
        THREAD = "thread", _("new follow-up comments")
        REPLIES = "replies", _("new replies to my comments")
        COMMENT = "comment", _("new replies to this comment")

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("as they come")
        DAILY = "daily", _("in a daily digest")

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="subscriptions"
    )
    # The comment whose replies are wanted (kind "comment" only).
    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # Lower-cased; for an account, its address when the subscription was made.
    email = models.EmailField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    delivery = models.CharField(
        max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Null until the address confirms: nothing but the confirmation is sent.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # When a confirmation was last asked for: one mail per address and thread
    # in a window, however often the form is sent.
    confirmation_requested_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["email", "thread"], name="subscription_by_email"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "kind", "email"],
                condition=Q(comment__isnull=True),
                name="one_thread_subscription_per_address",
            ),
            models.UniqueConstraint(
                fields=["comment", "email"],
                condition=Q(comment__isnull=False),
                name="one_comment_subscription_per_address",
            ),
            models.CheckConstraint(
                condition=(Q(kind="comment") & Q(comment__isnull=False))
                | (Q(kind__in=["thread", "replies"]) & Q(comment__isnull=True)),
                name="subscription_kind_matches_comment",
            ),
            models.CheckConstraint(
                condition=Q(delivery__in=["immediate", "daily"]),
                name="subscription_delivery_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email}: {self.get_kind_display()} in {self.thread_id}"

    @property
    def wish(self) -> str:
        """What the subscriber asked for, said to them: the form's own words
        ("new replies to my comments") are the reader's, mail and pages answer
        with "your"."""
        if self.kind == self.Kind.REPLIES:
            return str(_("new replies to your comments"))
        return self.get_kind_display()

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class SubscriptionDefaults(models.Model):
    """A signed-in reader's choices for new subscriptions: which "Notify of"
    boxes their comment form starts ticked, and how mail comes."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscription_defaults",
    )
    follow_thread = models.BooleanField(default=False)
    follow_replies = models.BooleanField(default=False)
    delivery = models.CharField(
        max_length=10,
        choices=Subscription.Delivery.choices,
        default=Subscription.Delivery.IMMEDIATE,
    )

    def __str__(self) -> str:
        return f"Notification defaults of {self.user_id}"
