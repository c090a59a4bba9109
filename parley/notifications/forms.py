from django import forms
from django.utils.translation import gettext_lazy as _

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


def save_defaults(user, form: DefaultsForm, *, can_moderate: bool) -> None:
    """Keep the reader's defaults, and a moderator's wish for the queue digest."""
    data = form.cleaned_data
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
