from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parley.discussions.models import Comment, Subscription


class Delivery(models.Model):
    """
    One comment told to one address: at most one row per comment and address,
    so an event mails a reader once whatever else happens to the comment (held,
    approved again) and however many of their subscriptions it matches.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Given up")
        DROPPED = "dropped", _("Not sent: no longer wanted")

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="deliveries"
    )
    address = models.EmailField()
    # The subscription that asked for it; gone (null) once it ended, and then
    # nothing more is sent.
    subscription = models.ForeignKey(
        Subscription, on_delete=models.SET_NULL, null=True, related_name="deliveries"
    )
    kind = models.CharField(max_length=10, choices=Subscription.Kind.choices)
    # Waits for the address's daily digest instead of going out at once.
    digest = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    # Which digest run took it (so two runs never send one row twice).
    claim = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "address"], name="one_delivery_per_comment_address"
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=["pending", "sending", "sent", "failed", "dropped"]
                ),
                name="delivery_status_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["address", "created_at"],
                condition=Q(digest=True, status="pending"),
                name="delivery_digest_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"comment {self.comment_id} to {self.address}: {self.status}"


class QueueDigest(models.Model):
    """A moderator's wish to get the held queue by e-mail once a day."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    last_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Queue digest for {self.user_id}"


class Schedule(models.Model):
    """The next run of a periodic task, so that starting a worker schedules it
    once rather than once per start."""

    name = models.CharField(max_length=50, unique=True)
    task_id = models.CharField(max_length=64)
    run_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.run_at:%Y-%m-%d %H:%M}"
