"""
The newsroom's side of reader support: campaigns, the ledger (read, filtered
and summed; offline entries added; CSV in and out) and the webhook's log.

Every write goes through support.actions (and support.csv_import), so that the
pages showing a goal bar follow; the ledger itself is never edited here, only
added to or refunded, so that it stays the history of the money.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

# The ledger's admin registers itself on import.
from . import admin_ledger  # noqa: F401
from .actions import delete_campaign, save_campaign
from .admin_display import RefusalsAsMessages, cut_cell, moment_cell
from .forms import CampaignForm
from .models import Campaign, DonationImport, WebhookDelivery
from .money import money
from .queries import counted_donations, goal_bar


@admin.register(Campaign)
class CampaignAdmin(RefusalsAsMessages, admin.ModelAdmin):
    """Campaigns, each with what it has raised so far (from the ledger)."""

    form = CampaignForm
    list_display = [
        "title",
        "period",
        "goal_text",
        "raised_text",
        "reached",
        "entries",
        "shows_from",
        "shows_until",
    ]
    search_fields = ["title", "slug", "text"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["raised_so_far"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "text", "give_url", "period_name"]}),
        ("Goal", {"fields": ["goal", "currency", "raised_so_far"]}),
        (
            "Money received in this window counts",
            {"fields": ["counts_from", "counts_until"]},
        ),
        ("The bar shows in this window", {"fields": ["shows_from", "shows_until"]}),
    ]

    @staticmethod
    def _bar(campaign: Campaign):
        # One sum per campaign and page, however many columns show it.
        if not hasattr(campaign, "_admin_bar"):
            campaign._admin_bar = goal_bar(campaign)
        return campaign._admin_bar

    @admin.display(description="Period")
    def period(self, campaign: Campaign) -> str:
        return self._bar(campaign).period_name

    @admin.display(description="Goal", ordering="goal")
    def goal_text(self, campaign: Campaign) -> str:
        return money(campaign.goal, campaign.currency)

    @admin.display(description="Raised")
    def raised_text(self, campaign: Campaign) -> str:
        return money(self._bar(campaign).raised, campaign.currency)

    @admin.display(description="Reached")
    def reached(self, campaign: Campaign) -> str:
        return f"{self._bar(campaign).percent} %"

    @admin.display(description="Entries")
    def entries(self, campaign: Campaign) -> str:
        count = counted_donations(campaign).count()
        url = reverse("admin:support_donation_changelist")
        return format_html('<a href="{}?campaign={}">{}</a>', url, campaign.pk, count)

    @admin.display(description="Raised so far")
    def raised_so_far(self, campaign: Campaign) -> str:
        if campaign.pk is None:
            return "Counted from the ledger once the campaign is saved."
        bar = self._bar(campaign)
        return format_html(
            "{} of {} ({} %), from {} ledger entries",
            money(bar.raised, campaign.currency),
            money(campaign.goal, campaign.currency),
            bar.percent,
            self.entries(campaign),
        )

    def save_model(self, request, obj, form, change):
        save_campaign(obj)

    def delete_model(self, request, obj):
        delete_campaign(obj)

    def delete_queryset(self, request, queryset):
        for campaign in queryset:
            delete_campaign(campaign)


@admin.register(DonationImport)
class DonationImportAdmin(admin.ModelAdmin):
    """Every CSV file uploaded, and whether (and when) its rows were imported."""

    list_display = [
        "file_name",
        "uploaded_by",
        "uploaded_at",
        "imported_at",
        "imported_rows",
        "refused_rows",
        "report",
    ]
    list_filter = ["imported_at"]
    readonly_fields = [
        "file_name",
        "uploaded_by",
        "uploaded_at",
        "imported_at",
        "imported_rows",
        "refused_rows",
        "refusals",
    ]
    exclude = ["content"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Report")
    def report(self, staged: DonationImport) -> str:
        url = reverse("admin:support_donation_import_check", args=[staged.pk])
        label = "Report" if staged.imported_at else "Check and import"
        return format_html('<a href="{}">{}</a>', url, label)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The payment webhook's log: every call, accepted or refused, read-only."""

    # Four narrow columns and the reason: the log fits a 1280 px window.
    list_display = [
        "received",
        "event",
        "outcome_text",
        "reason_text",
        "donation_text",
    ]
    list_display_links = ["received"]
    list_filter = ["outcome", "status_code", "event_type", "received_at"]
    search_fields = ["event_id", "event_type", "reason", "donation__reference"]
    list_select_related = ["donation"]
    date_hierarchy = "received_at"
    readonly_fields = [field.name for field in WebhookDelivery._meta.fields]

    class Media:
        css = {"all": ["support/admin.css"]}

    @admin.display(description="Received", ordering="received_at")
    def received(self, delivery: WebhookDelivery) -> str:
        return moment_cell(delivery.received_at)

    @admin.display(description="Event", ordering="event_id")
    def event(self, delivery: WebhookDelivery) -> str:
        return format_html(
            '<span class="cut" title="{}">{}</span><span class="under">{}</span>',
            delivery.event_id,
            delivery.event_id or "-",
            delivery.event_type,
        )

    @admin.display(description="Outcome", ordering="outcome")
    def outcome_text(self, delivery: WebhookDelivery) -> str:
        return format_html(
            '<span class="nowrap">{}</span><span class="under">{}</span>',
            delivery.get_outcome_display(),
            delivery.status_code,
        )

    @admin.display(description="Reason")
    def reason_text(self, delivery: WebhookDelivery) -> str:
        return cut_cell(delivery.reason, wide=True)

    @admin.display(description="Donation", ordering="donation__reference")
    def donation_text(self, delivery: WebhookDelivery) -> str:
        return cut_cell(delivery.donation.reference) if delivery.donation else "-"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
