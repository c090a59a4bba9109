from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, AuthorStanding, Ban
from .queries import PAGE_SIZE

FIRST_LOG_DAY = date(2000, 1, 1)
LAST_LOG_DAY = date(9000, 12, 31)
BAN_DAYS = [
    ("1", _("1 day")),
    ("7", _("7 days")),
    ("30", _("30 days")),
    ("365", _("1 year")),
    ("", _("For good")),
]


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False, max_length=1000)


class BanForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        choices=Ban.Kind.choices, error_messages={"required": _("Choose how to ban.")}
    )
    days = forms.ChoiceField(choices=BAN_DAYS, required=False)
    reason = forms.CharField(required=False, max_length=1000)

    def clean_days(self) -> int | None:
        days = self.cleaned_data["days"]
        return int(days) if days else None


class StandingForm(forms.Form):
    standing = forms.ChoiceField(
        choices=[*AuthorStanding.Standing.choices, ("clear", _("Clear"))]
    )


class FeatureForm(forms.Form):
    featured = forms.BooleanField(required=False)


class BulkForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))]
    )
    ids = forms.TypedMultipleChoiceField(
        coerce=int,
        error_messages={"required": _("Select some comments first.")},
    )
    reason = forms.CharField(required=False, max_length=1000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any positive id is a choice; access_comment decides what exists.
        self.fields["ids"].valid_value = lambda value: str(value).isdigit()

    def clean_ids(self) -> list[int]:
        ids = list(dict.fromkeys(self.cleaned_data["ids"]))
        if len(ids) > PAGE_SIZE * 2:
            raise forms.ValidationError(
                _("Select at most %(n)s comments at once."), params={"n": PAGE_SIZE * 2}
            )
        return ids


class LogFilterForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("", _("Any action")), *AuditEntry.Action.choices], required=False
    )
    actor = forms.ChoiceField(
        choices=[
            ("", _("Anyone")),
            ("automatic", _("Automatic (the intake)")),
            ("person", _("A person")),
        ],
        required=False,
    )
    date = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Choose a valid day (YYYY-MM-DD).")},
    )

    def clean_date(self):
        """Refuse days the log can't hold (and whose bounds overflow in UTC)."""
        day = self.cleaned_data["date"]
        if day is not None and not (FIRST_LOG_DAY <= day <= LAST_LOG_DAY):
            raise forms.ValidationError(
                _("Pick a day between %(first)s and %(last)s.")
                % {"first": FIRST_LOG_DAY.isoformat(), "last": LAST_LOG_DAY.isoformat()}
            )
        return day
