"""
The ledger in the admin: read, filtered by campaign and refund, summed per
currency, offline entries added and entries refunded (after a confirmation),
CSV in and out (admin_csv). Entries are never edited: the ledger is the
history of the money.
"""

import secrets
from decimal import Decimal

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import F
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import ngettext

from parley.core.errors import ParleyError

from .actions import record_donation, refund_donation
from .admin_csv import LedgerCsvAdmin
from .admin_display import SHORT_KINDS, RefusalsAsMessages, cut_cell, moment_cell
from .forms import OfflineEntryForm
from .models import Campaign, Donation
from .money import money
from .queries import counted_donations, current_campaign, goal_bar, ledger_totals


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
        return moment_cell(donation.received_at)

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
        return cut_cell(donation.reference)

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
