from django import forms
from django.utils.translation import gettext_lazy as _

from parley.accounts import supporters
from parley.core.db import write_transaction
from parley.discussions import actions
from parley.discussions.models import Subscription

from .models import QueueDigest


class DefaultsForm(forms.Form):
    """A signed-in reader's notification settings."""

    follow_thread = forms.BooleanField(
        label=_("Tick “new follow-up comments” on my comment forms"), required=False
    )
    follow_replies = forms.BooleanField(
        label=_("Tick “new replies to my comments” on my comment forms"),
        required=False,
    )
    delivery = forms.ChoiceField(
        label=_("Send my notifications"),
        choices=Subscription.Delivery.choices,
        widget=forms.RadioSelect,
    )
    queue_digest = forms.BooleanField(
        label=_("E-mail me a daily digest of the comments awaiting moderation"),
        required=False,
    )
    supporter_badge = forms.BooleanField(
        label=_("Show a “Supporter” badge on my comments"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Off by the site's setting: no badges, so nothing to choose.
        if not supporters.badges_are_on():
            del self.fields["supporter_badge"]
        else:
            self.fields["supporter_badge"].widget.attrs["aria-describedby"] = (
                "supporter-badge-hint"
            )


def save_defaults(user, form: DefaultsForm, *, can_moderate: bool) -> None:
    """Keep the reader's defaults, a moderator's wish for the queue digest,
    and whether their comments show a "Supporter" badge."""
    data = form.cleaned_data
    if "supporter_badge" in data:
        actions.choose_supporter_badge(user, show=data["supporter_badge"])
    actions.save_defaults(
        user,
        follow_thread=data["follow_thread"],
        follow_replies=data["follow_replies"],
        delivery=data["delivery"],
    )
    with write_transaction():
        if can_moderate and data["queue_digest"]:
            QueueDigest.objects.get_or_create(user=user)
        else:
            QueueDigest.objects.filter(user=user).delete()
