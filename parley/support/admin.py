"""
The newsroom's side of reader support: campaigns, the ledger (read, filtered
and summed; offline entries added; CSV in and out) and the webhook's log.

Every write goes through support.actions (and support.csv_import), so that the
pages showing a goal bar follow; the ledger itself is never edited here, only
added to or refunded, so that it stays the history of the money.
"""

import secrets
from decimal import Decimal

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import F
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import ngettext

from parley.core.errors import ParleyError

from .actions import delete_campaign, record_donation, refund_donation, save_campaign
from .admin_csv import LedgerCsvAdmin
from .forms import CampaignForm, OfflineEntryForm
from .models import Campaign, Donation, DonationImport, WebhookDelivery
from .money import money
from .queries import counted_donations, current_campaign, goal_bar, ledger_totals

# A kind as a list's narrow column names it.
SHORT_KINDS = {
    Donation.Kind.ONE_OFF: "One-off",
    Donation.Kind.RECURRING_FIRST: "Recurring, first",
    Donation.Kind.RECURRING_RENEWAL: "Renewal",
    Donation.Kind.OFFLINE: "Offline",
}


def _moment(moment) -> str:
    """A list's date, and its time under it, in the site's time zone."""
    local = timezone.localtime(moment)
    return format_html(
        '<span class="nowrap">{}</span><span class="under">{}</span>',
        f"{local:%Y-%m-%d}",
        f"{local:%H:%M}",
    )


def _cut(text: str, *, wide: bool = False) -> str:
    """Text a list cuts to its column (with an ellipsis); whole in its title."""
    if not text:
        return ""
    return format_html(
        '<span class="cut{}" title="{}">{}</span>', " wide" if wide else "", text, text
    )


class RefusalsAsMessages:
    """Show a refusal from an action (a reference taken a moment ago, between
    the form's check and the write) as a message, never as an error page."""

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except ParleyError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(request.get_full_path())


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


class CampaignFilter(admin.SimpleListFilter):
    """The entries that count towards a campaign, as its bar counts them."""

    title = "counts towards"
    parameter_name = "campaign"

    def lookups(self, request, model_admin):
        return [(str(c.pk), c.title) for c in Campaign.objects.only("pk", "title")]

    def campaign(self) -> Campaign | None:
        value = self.value() or ""
        return Campaign.objects.filter(pk=value).first() if value.isdigit() else None

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        campaign = self.campaign()
        if campaign is None:
            return queryset.none()
        return queryset.filter(pk__in=counted_donations(campaign).values("pk"))


class RefundFilter(admin.SimpleListFilter):
    title = "refunded"
    parameter_name = "refunded"

    def lookups(self, request, model_admin):
        return [("no", "No"), ("part", "In part"), ("full", "In full")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(refunded=0)
        if self.value() == "part":
            return queryset.filter(refunded__gt=0, refunded__lt=F("amount"))
        if self.value() == "full":
            return queryset.filter(refunded=F("amount"))
        return queryset


@admin.register(Donation)
class DonationAdmin(LedgerCsvAdmin, RefusalsAsMessages, admin.ModelAdmin):
    """
    The ledger: every entry, filtered and summed per currency above the list.
    Entries are added (offline money here, the rest by the webhook or a CSV
    import) and refunded, never edited or deleted.
    """

    change_list_template = "admin/support/donation/change_list.html"
    # Five narrow columns: the list fits a 1280 px window (docs/support.md).
    list_display = [
        "received",
        "amount_text",
        "kind_text",
        "donor",
        "reference_text",
    ]
    list_display_links = ["received"]
    list_filter = [
        CampaignFilter,
        "kind",
        "currency",
        "source",
        RefundFilter,
        "is_public",
        "received_at",
    ]
    search_fields = ["reference", "donor_name", "email", "message"]
    date_hierarchy = "received_at"
    actions = ["export_selected", "refund_in_full"]
    fieldsets = [
        (None, {"fields": ["amount", "currency", "kind", "received_at", "reference"]}),
        ("Donor", {"fields": ["donor_name", "is_public", "email", "message"]}),
        ("Record", {"fields": ["source", "refunded", "refunded_at", "reader"]}),
    ]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_refund_permission(self, request) -> bool:
        return request.user.has_perm("support.change_donation")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = OfflineEntryForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": OfflineEntryForm._meta.fields})]
        return super().get_fieldsets(request, obj)

    def get_changeform_initial_data(self, request):
        today = timezone.localdate().strftime("%Y%m%d")
        campaign = current_campaign()
        return {
            "currency": campaign.currency if campaign else "",
            "received_at": timezone.now(),
            "reference": f"offline-{today}-{secrets.token_hex(3)}",
            **super().get_changeform_initial_data(request),
        }

    def save_model(self, request, obj, form, change):
        donation = record_donation(
            kind=Donation.Kind.OFFLINE, source="admin", **form.cleaned_data
        )
        obj.pk = donation.pk
        obj.refresh_from_db()

    class Media:
        css = {"all": ["support/admin.css"]}

    @admin.display(description="Received", ordering="received_at")
    def received(self, donation: Donation) -> str:
        return _moment(donation.received_at)

    @admin.display(description="Amount", ordering="amount")
    def amount_text(self, donation: Donation) -> str:
        amount = money(donation.amount, donation.currency)
        if not donation.refunded:
            return format_html('<span class="nowrap">{}</span>', amount)
        refunded = (
            "refunded in full"
            if donation.net == 0
            else f"{money(donation.refunded, donation.currency)} refunded"
        )
        return format_html(
            '<span class="nowrap">{}</span><span class="under">{}</span>',
            amount,
            refunded,
        )

    @admin.display(description="Kind", ordering="kind")
    def kind_text(self, donation: Donation) -> str:
        return format_html(
            '<span class="nowrap">{}</span><span class="under">{}</span>',
            SHORT_KINDS.get(donation.kind, donation.kind),
            donation.source,
        )

    @admin.display(description="Donor", ordering="donor_name")
    def donor(self, donation: Donation) -> str:
        if not donation.donor_name:
            return "anonymous"
        return format_html(
            '<span class="cut" title="{}">{}</span><span class="under">{}</span>',
            donation.donor_name,
            donation.donor_name,
            "" if donation.is_public else "private",
        )

    @admin.display(description="Reference", ordering="reference")
    def reference_text(self, donation: Donation) -> str:
        return _cut(donation.reference)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None) or {}
        if "cl" in context:
            changelist = context["cl"]
            context["ledger_totals"] = [
                {
                    "currency": total.currency,
                    "entries": total.entries,
                    "amount": money(total.amount, total.currency),
                    "refunded": money(total.refunded, total.currency),
                    "net": money(total.net, total.currency),
                }
                for total in ledger_totals(changelist.queryset)
            ]
            for spec in changelist.filter_specs:
                if isinstance(spec, CampaignFilter) and spec.campaign():
                    context["ledger_campaign"] = goal_bar(spec.campaign())
        return response

    @admin.action(
        description="Mark the selected entries refunded in full",
        permissions=["refund"],
    )
    def refund_in_full(self, request, queryset):
        """Ask first (a refund can't be undone), listing the entries and what
        each gives back; refund them when the editor confirms."""
        to_refund = list(queryset.filter(refunded__lt=F("amount")))
        already = [
            donation.reference
            for donation in queryset.filter(refunded__gte=F("amount"))
        ]
        if not to_refund:
            self._say_already(request, len(already))
            return None
        if request.POST.get("post") != "yes":
            return self._confirm_refund(request, to_refund, already)
        count = 0
        for donation in to_refund:
            try:
                refund_donation(donation.reference, at=timezone.now())
            except ParleyError as error:
                messages.error(request, f"{donation.reference}: {error.message}")
            else:
                count += 1
        if count:
            messages.success(
                request,
                ngettext(
                    "%(count)d entry marked refunded in full.",
                    "%(count)d entries marked refunded in full.",
                    count,
                )
                % {"count": count},
            )
        self._say_already(request, len(already))
        return None

    def _confirm_refund(self, request, to_refund: list[Donation], already):
        sums: dict[str, Decimal] = {}
        for donation in to_refund:
            sums[donation.currency] = sums.get(donation.currency, 0) + donation.net
        totals = [money(sums[code], code) for code in sorted(sums)]
        return TemplateResponse(
            request,
            "admin/support/donation/refund_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": "Mark entries refunded in full",
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "to_refund": [
                    {
                        "donation": donation,
                        "amount": money(donation.amount, donation.currency),
                        "left": money(donation.net, donation.currency),
                    }
                    for donation in to_refund
                ],
                "totals": totals,
                "already": already,
            },
        )

    @staticmethod
    def _say_already(request, count: int) -> None:
        if count:
            messages.warning(
                request,
                ngettext(
                    "%(count)d selected entry was refunded in full already: "
                    "nothing changed for it.",
                    "%(count)d selected entries were refunded in full already: "
                    "nothing changed for them.",
                    count,
                )
                % {"count": count},
            )


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
        return _moment(delivery.received_at)

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
        return _cut(delivery.reason, wide=True)

    @admin.display(description="Donation", ordering="donation__reference")
    def donation_text(self, delivery: WebhookDelivery) -> str:
        return _cut(delivery.donation.reference) if delivery.donation else "-"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
