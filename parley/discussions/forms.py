from django import forms
from django.utils.translation import gettext_lazy as _

from . import conf


class CommentForm(forms.Form):
    """The reader's comment form. Rules live in actions.post_comment, so every
    field is optional here and the action's sentences are shown as they are."""

    body = forms.CharField(
        label=_("Comment"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": conf.MAX_BODY_LENGTH}),
    )
    name = forms.CharField(label=_("Name"), required=False, max_length=1000)
    email = forms.CharField(
        label=_("E-mail (optional, never shown)"),
        required=False,
        max_length=1000,
        widget=forms.EmailInput,
    )
    website = forms.CharField(
        label=_("Website (optional)"), required=False, max_length=1000
    )
    parent = forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1
    )


class CommentEditForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": conf.MAX_BODY_LENGTH}),
    )
