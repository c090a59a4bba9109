"""The admin's forms for campaigns, offline ledger entries and CSV files."""

from django import forms
from django.core.exceptions import ValidationError

from . import csv_import
from .actions import received_at_error
from .currencies import is_currency
from .models import Campaign, Donation

CURRENCY_HELP = "A three-letter ISO 4217 code in use: EUR, USD, GBP, …"


def clean_currency_code(value: str) -> str:
    code = (value or "").strip().upper()
    if not is_currency(code):
        raise ValidationError(
            f"“{value}” is not a currency code in use. {CURRENCY_HELP}"
        )
    return code


class CampaignForm(forms.ModelForm):
    give_url = forms.URLField(
        required=False,
        max_length=200,
        assume_scheme="https",
        label="Give URL",
        help_text="Where readers are sent to give; empty: the Support page.",
    )

    class Meta:
        model = Campaign
        fields = [
            "title",
            "slug",
            "text",
            "give_url",
            "period_name",
            "goal",
            "currency",
            "counts_from",
            "counts_until",
            "shows_from",
            "shows_until",
        ]
        help_texts = {"currency": CURRENCY_HELP}

    def clean_currency(self):
        return clean_currency_code(self.cleaned_data["currency"])


class OfflineEntryForm(forms.ModelForm):
    """Money the newsroom received by other means: a cheque, a grant, cash."""

    class Meta:
        model = Donation
        fields = [
            "amount",
            "currency",
            "received_at",
            "reference",
            "donor_name",
            "is_public",
            "email",
            "message",
        ]
        labels = {"is_public": "Name the donor publicly"}
        help_texts = {
            "reference": "Yours, unique in the ledger: a cheque's number, a "
            "grant's file.",
            "currency": CURRENCY_HELP,
        }

    def clean_currency(self):
        return clean_currency_code(self.cleaned_data["currency"])

    def clean_received_at(self):
        received_at = self.cleaned_data["received_at"]
        if problem := received_at_error(received_at):
            raise ValidationError(problem)
        return received_at


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8, a header row naming the columns (see docs/support.md); "
        f"at most {csv_import.MAX_BYTES // 2**20} MB.",
    )
