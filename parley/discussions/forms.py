import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from . import conf
from .anchors import TextQuote
from .models import Subscription

FORM_SALT = "parley.discussions.form"


# A shared page's form notes the start of the span it was rendered in, so that
# every process rendering the same page in that span renders the same bytes
# (and ETag). Pages are rebuilt at least as often (parley.core.pages).
SHARED_FORM_SPAN_SECONDS = 300


def new_form_token(*, shared: bool = False) -> str:
    """Return a signed note of when a comment form was rendered: how long the
    reader took to write is one of the intake's signals, and it can't be faked.
    On a shared page, the note is of the span it was rendered in."""
    now = time.time()
    if shared:
        now -= now % SHARED_FORM_SPAN_SECONDS
    return signing.dumps({"t": round(now, 3)}, salt=FORM_SALT)


NOTIFY_CHOICES = [
    (Subscription.Kind.THREAD, Subscription.Kind.THREAD.label),
    (Subscription.Kind.REPLIES, Subscription.Kind.REPLIES.label),
]


class CommentForm(forms.Form):
    """The reader's comment form. Rules live in actions.post_comment, so every
    field is optional here and the action's sentences are shown as they are."""

    body = forms.CharField(
        label=_("Comment"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": conf.MAX_BODY_LENGTH}),
    )
    # No max_length of the form's own: the action's limits and sentences apply,
    # as on the API (the request size limit bounds what arrives).
    name = forms.CharField(
        label=_("Name"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": conf.MAX_NAME_LENGTH}),
    )
    email = forms.CharField(
        label=_("E-mail (optional, never shown)"),
        required=False,
        widget=forms.EmailInput(attrs={"maxlength": conf.MAX_EMAIL_LENGTH}),
    )
    website = forms.CharField(
        label=_("Website (optional)"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": conf.MAX_WEBSITE_LENGTH}),
    )
    # A guest's consent to keep their name, e-mail and website in this browser
    # (a cookie) for their next comment: unticked unless they ticked it before.
    remember = forms.BooleanField(
        label=_("Keep my details in this browser for the next time I comment."),
        required=False,
    )
    parent = forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1
    )
    # Left empty by people (it is hidden from them); filled by form-filling bots.
    honeypot = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)
    # Inline feedback: the passage commented on (anchors.TextQuote), set by the
    # page that offers it. Checked by the action, like every other field.
    quote_exact = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    quote_prefix = forms.CharField(
        required=False, strip=False, widget=forms.HiddenInput
    )
    quote_suffix = forms.CharField(
        required=False, strip=False, widget=forms.HiddenInput
    )
    # Ticked after the second look: post a comment the scorer flagged, for review.
    post_anyway = forms.BooleanField(required=False)
    # "Notify of": new follow-up comments, new replies to my comments.
    notify = forms.MultipleChoiceField(
        label=_("Notify of"),
        required=False,
        choices=NOTIFY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.second_look = False
        self.contact_needed = False
        if not self.is_bound:
            self.initial.setdefault("form_token", new_form_token())

    @staticmethod
    def quote_initial(quote: TextQuote) -> dict[str, str]:
        """Return the initial values that make the form comment on a passage."""
        return {f"quote_{name}": value for name, value in quote.as_dict().items()}

    def quote(self) -> TextQuote | None:
        """Return the passage the cleaned form comments on, or None."""
        data = self.cleaned_data
        if not data.get("quote_exact"):
            return None
        return TextQuote(
            data["quote_exact"],
            data.get("quote_prefix", ""),
            data.get("quote_suffix", ""),
        )

    @property
    def quoted(self) -> str:
        """The passage the form comments on, as it was given to it."""
        value = self["quote_exact"].value()
        return value if isinstance(value, str) else ""

    def rendered_at(self) -> float | None:
        """Return when the form was rendered, if its token is genuine."""
        try:
            return float(
                signing.loads(
                    self.cleaned_data.get("form_token", ""),
                    salt=FORM_SALT,
                    max_age=24 * 3600,
                )["t"]
            )
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return None


class CommentEditForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": conf.MAX_BODY_LENGTH}),
    )


class NotifyForm(forms.Form):
    """ "Notify of new replies to this comment", without JavaScript: a guest's
    address (a signed-in reader's account has one)."""

    email = forms.CharField(
        label=_("Your e-mail address"),
        required=False,
        widget=forms.EmailInput(attrs={"maxlength": conf.MAX_EMAIL_LENGTH}),
    )
    honeypot = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
