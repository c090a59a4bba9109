from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import (
    AuthenticationForm,
    UserChangeForm,
    UserCreationForm,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import queries, throttle
from .models import User

# A reader's public name is shown as their comments' author, and a comment
# stores at most this many characters of it (discussions' MAX_NAME_LENGTH).
MAX_PUBLIC_NAME_LENGTH = 100


class PublicNameMixin:
    """Refuse a first and last name that together make too long a public name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            if name in self.fields:
                self.fields[name].widget.attrs["maxlength"] = MAX_PUBLIC_NAME_LENGTH

    def clean(self):
        cleaned = super().clean()
        first = cleaned.get("first_name") or ""
        last = cleaned.get("last_name") or ""
        # The public name is "first last", or the username when both are empty.
        full = f"{first} {last}".strip()
        username = cleaned.get("username") or ""
        if not full and len(username) > MAX_PUBLIC_NAME_LENGTH:
            self.add_error(
                "username",
                _(
                    "Please keep your username to %(limit)d characters, or give "
                    "your first and last name."
                )
                % {"limit": MAX_PUBLIC_NAME_LENGTH},
            )
        elif len(full) > MAX_PUBLIC_NAME_LENGTH:
            self.add_error(
                "last_name" if last else "first_name",
                _(
                    "Please keep your name to %(limit)d characters, first and "
                    "last name together."
                )
                % {"limit": MAX_PUBLIC_NAME_LENGTH},
            )
        return cleaned


USERNAME_TAKEN = _("This username is taken. Please choose another.")
EMAIL_TAKEN = _(
    "Another account uses this e-mail address. Please sign in to it, or use "
    "another address."
)


class SignUpForm(PublicNameMixin, UserCreationForm):
    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def clean_username(self):
        """Refuse a username another account has, case aside, with one sentence."""
        # Django's own check returns None for a taken name, which would reach
        # the model's checks as the username.
        username = self.cleaned_data.get("username")
        if username and User.objects.filter(username__iexact=username).exists():
            raise ValidationError(USERNAME_TAKEN, code="unique")
        return username

    def clean_email(self):
        """Refuse an address another account has, case aside: an address links
        its gifts to one account (see parley.support)."""
        email = self.cleaned_data.get("email") or ""
        if queries.email_is_taken(email, exclude=self.instance.pk):
            raise ValidationError(EMAIL_TAKEN, code="unique")
        return email


class AccountChangeForm(PublicNameMixin, UserChangeForm):
    """The admin's form for an account, with the same rule for the name."""


class _SignInLockMixin:
    """Say why an attempt that had to wait was refused (see accounts.throttle),
    instead of calling the password wrong."""

    def get_invalid_login_error(self):
        wait = getattr(self.request, throttle.WAIT_ATTRIBUTE, 0)
        if wait:
            return ValidationError(throttle.waiting_message(wait), code="locked")
        return super().get_invalid_login_error()


class SignInForm(_SignInLockMixin, AuthenticationForm):
    """The site's sign-in form."""


class AdminSignInForm(_SignInLockMixin, AdminAuthenticationForm):
    """The admin's sign-in form (admin.site.login_form)."""
