from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

# ISO 4217: three capital letters ("EUR", "USD").
currency_code = RegexValidator(r"^[A-Z]{3}$", _("Use a three-letter code, e.g. EUR."))
CENT = Decimal("0.01")


class Campaign(models.Model):
    """
    A period's appeal (usually a month): a goal, the window whose money counts
    towards it and the window in which its bar shows (they may differ: a bar
    that shows from the 25th for next month's money). What it has raised is
    always computed from the ledger (support.queries.raised), never stored.
    """

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    text = models.TextField(blank=True, help_text=_("Shown on the Support page."))
    goal = models.DecimalField(
        max_digits=14, decimal_places=2, validators=[MinValueValidator(CENT)]
    )
    currency = models.CharField(max_length=3, validators=[currency_code])
    # Money received in [counts_from, counts_until) counts towards the goal.
    counts_from = models.DateTimeField()
    counts_until = models.DateTimeField()
    # The bar shows in [shows_from, shows_until).
    shows_from = models.DateTimeField()
    shows_until = models.DateTimeField()
    # The bar's period name ("MARCH 2025"); empty: the month counts_from is in.
    period_name = models.CharField(max_length=60, blank=True)
    # Where readers are sent to give; empty: the Support page's ways to give.
    give_url = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-shows_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(goal__gt=0), name="campaign_goal_positive"
            ),
            models.CheckConstraint(
                condition=Q(counts_until__gt=F("counts_from")),
                name="campaign_counts_window",
            ),
            models.CheckConstraint(
                condition=Q(shows_until__gt=F("shows_from")),
                name="campaign_shows_window",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """Name the window that ends before it starts, on its end's field (the
        constraints would only say one is violated)."""
        errors = {}
        for start, end, sentence in (
            (
                "counts_from",
                "counts_until",
                _("Counts until must be after counts from."),
            ),
            ("shows_from", "shows_until", _("Shows until must be after shows from.")),
        ):
            begins, ends = getattr(self, start), getattr(self, end)
            if begins is not None and ends is not None and ends <= begins:
                errors[end] = sentence
        if errors:
            raise ValidationError(errors)


class Donation(models.Model):
    """
    One entry of the ledger: money received (or, for an offline entry, money
    the newsroom records by hand). Amounts are decimals in `currency`; a refund
    reverses all or part of it (refunded), so the row stays as the history.
    """

    class Kind(models.TextChoices):
        ONE_OFF = "one_off", _("One-off")
        RECURRING_FIRST = "recurring_first", _("Recurring: first payment")
        RECURRING_RENEWAL = "recurring_renewal", _("Recurring: renewal")
        OFFLINE = "offline", _("Offline (cheque, grant, …)")

    amount = models.DecimalField(
        max_digits=14, decimal_places=2, validators=[MinValueValidator(CENT)]
    )
    currency = models.CharField(max_length=3, validators=[currency_code])
    kind = models.CharField(max_length=20, choices=Kind.choices)
    donor_name = models.CharField(max_length=100, blank=True)
    # Only a donor who asked to be named is shown (name and message) publicly.
    is_public = models.BooleanField(default=False)
    email = models.EmailField(blank=True, help_text=_("Private: never shown."))
    message = models.TextField(max_length=1000, blank=True)
    source = models.CharField(
        max_length=40, help_text=_("Where it came from: webhook, csv, admin.")
    )
    received_at = models.DateTimeField()
    # The payment provider's (or the newsroom's) own reference: one row each.
    reference = models.CharField(max_length=200, unique=True)
    refunded = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    refunded_at = models.DateTimeField(null=True, blank=True)
    # The reader's account, when the donor's e-mail is one (support.actions).
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="donations",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["currency", "received_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="donation_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(refunded__gte=0) & Q(refunded__lte=F("amount")),
                name="donation_refund_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "one_off",
                        "recurring_first",
                        "recurring_renewal",
                        "offline",
                    ]
                ),
                name="donation_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} ({self.reference})"

    @property
    def net(self) -> Decimal:
        return self.amount - self.refunded


class WebhookDelivery(models.Model):
    """
    One call of the payment webhook, accepted or not, for the admin to read.
    An event is processed once: a second row with the same event id that is
    processed too cannot exist (the constraint decides between two at once).
    """

    class Outcome(models.TextChoices):
        RECORDED = "recorded", _("Donation recorded")
        REFUNDED = "refunded", _("Refund recorded")
        IGNORED = "ignored", _("Event of a kind not handled")
        DUPLICATE = "duplicate", _("Already processed")
        REFUSED = "refused", _("Refused")

    PROCESSED = (Outcome.RECORDED, Outcome.REFUNDED, Outcome.IGNORED)

    received_at = models.DateTimeField(auto_now_add=True)
    event_id = models.CharField(max_length=200, blank=True)
    event_type = models.CharField(max_length=100, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    status_code = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=300, blank=True)
    remote_addr = models.GenericIPAddressField(null=True, blank=True)
    donation = models.ForeignKey(
        Donation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
    )

    class Meta:
        verbose_name_plural = "webhook deliveries"
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event_id"],
                condition=Q(outcome__in=["recorded", "refunded", "ignored"])
                & ~Q(event_id=""),
                name="webhook_event_processed_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id or '-'} {self.outcome}"


class DonationImport(models.Model):
    """
    A CSV file of ledger entries as it was uploaded: checked first, its rows
    imported only when an editor confirms what the check found, and kept as
    the record of who imported what (support.csv_import).
    """

    file_name = models.CharField(max_length=200)
    content = models.TextField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    imported_rows = models.PositiveIntegerField(default=0)
    refused_rows = models.PositiveIntegerField(default=0)
    # The rows refused when it was imported, with their reasons ("Row 3: …").
    refusals = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "CSV import"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name
