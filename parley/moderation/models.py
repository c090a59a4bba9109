from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """
    One decision about a comment or an author, automatic or human: who, what,
    when, why. Append-only: entries are created by the actions and never changed.
    """

    class Action(models.TextChoices):
        PUBLISHED = "published", _("Published by the intake")
        HELD = "held", _("Held by the intake")
        AUTO_REJECTED = "auto_rejected", _("Rejected by the intake")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        DELETED = "deleted", _("Deleted")
        FEATURED = "featured", _("Featured")
        UNFEATURED = "unfeatured", _("Unfeatured")
        REPORTED = "reported", _("Reported")
        HELD_BY_REPORTS = "held_by_reports", _("Held after reports")
        BANNED = "banned", _("Banned")
        UNBANNED = "unbanned", _("Ban lifted")
        PREMODERATED = "premoderated", _("Author pre-moderated")
        TRUSTED = "trusted", _("Author trusted")
        STANDING_CLEARED = "standing_cleared", _("Author standing cleared")

    comment = models.ForeignKey(
        "discussions.Comment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    # Kept when the comment row goes (a deleted comment without replies).
    comment_ref = models.BigIntegerField(null=True, blank=True, db_index=True)
    # Null: the intake decided, no person.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    reason = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        who = self.actor or "intake"
        return f"{self.get_action_display()} by {who}"

    @property
    def is_automatic(self) -> bool:
        return self.actor_id is None


class Report(models.Model):
    """A reader's report of a comment; one per reader per comment."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam")
        ABUSE = "abuse", _("Abuse")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Other")

    comment = models.ForeignKey(
        "discussions.Comment", on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.CharField(max_length=80)
    reason = models.CharField(max_length=10, choices=Reason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="one_report_per_reader"
            ),
            models.CheckConstraint(
                condition=Q(reason__in=["spam", "abuse", "off_topic", "other"]),
                name="report_reason_valid",
            ),
        ]
        indexes = [models.Index(fields=["resolved_at", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} report on comment {self.comment_id}"


class BanQuerySet(models.QuerySet):
    def in_force(self):
        now = timezone.now()
        return self.filter(lifted_at__isnull=True).filter(
            Q(until__isnull=True) | Q(until__gt=now)
        )


class Ban(models.Model):
    """An author kept from commenting: by account, e-mail or address hash."""

    class Kind(models.TextChoices):
        USER = "user", _("Account")
        EMAIL = "email", _("E-mail address")
        ADDRESS = "address", _("Network address (hashed)")
        READER = "reader", _("Reader token")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    # A user id, a lower-cased e-mail, an address hash or a reader identity.
    value = models.CharField(max_length=254)
    reason = models.TextField(blank=True)
    until = models.DateTimeField(null=True, blank=True, help_text=_("Empty: for good."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    objects = BanQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["kind", "value"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["user", "email", "address", "reader"]),
                name="ban_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ban ({self.value[:12]})"


def author_keys(*, user_id: int | None, identity: str, email: str) -> list[str]:
    """Return the keys an author is known by (AuthorStanding.author): the
    account, else the reader token, and the e-mail address."""
    keys = []
    if user_id:
        keys.append(f"u:{user_id}")
    elif identity:
        keys.append(identity)
    if email:
        keys.append(f"e:{email.lower()}")
    return keys


class AuthorStanding(models.Model):
    """How the intake treats one author: trusted, or every comment pre-moderated."""

    class Standing(models.TextChoices):
        TRUSTED = "trusted", _("Trusted: published without review")
        PREMODERATED = "premoderated", _("Pre-moderated: every comment held")

    # The author's key: "u:<pk>" for an account, "e:<e-mail>" for a guest's
    # address, "a:<id>" for a guest's reader token.
    author = models.CharField(max_length=260, unique=True)
    standing = models.CharField(max_length=12, choices=Standing.choices)
    note = models.TextField(blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(standing__in=["trusted", "premoderated"]),
                name="standing_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.get_standing_display()}"


class WordRule(models.Model):
    """A word, phrase or pattern the newsroom watches for in comments."""

    class Kind(models.TextChoices):
        BANNED = "banned", _("Banned: reject the comment")
        SUSPECT = "suspect", _("Suspect: hold the comment for review")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    # No regular expressions: one typed by an editor could take the intake down
    # (catastrophic backtracking); words, phrases and a trailing * cover the need.
    pattern = models.CharField(
        max_length=300,
        help_text=_(
            "A word or phrase, matched as whole words ignoring case, accents and "
            "look-alike letters; end it with * to match any ending (idiot*)."
        ),
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "pattern"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["banned", "suspect"]), name="word_rule_kind_valid"
            ),
            models.UniqueConstraint(fields=["kind", "pattern"], name="unique_rule"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.pattern}"
