from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from parley.core.text import clean_name

from . import names, queries, throttle
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


NAME_TAKEN = _("Another reader goes by this name. Please choose another.")
EMAIL_TAKEN = _(
    "Another account uses this e-mail address. Please sign in to it, or use "
    "another address."
)


class SignUpForm(forms.ModelForm):
    """
    Only what a commenter needs: the name their comments show, an e-mail
    address and a password. The account's username is made from the name
    (see queries.new_username); readers sign in with their address.
    """

    name = forms.CharField(
        label=_("Name"),
        max_length=MAX_PUBLIC_NAME_LENGTH,
        help_text=_("Shown with your comments."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )

    field_order = ["name", "email", "password"]

    class Meta:
        model = User
        fields = ["email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].label = _("E-mail address")
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_name(self):
        """Refuse a name no reader may show (see accounts.names), and one
        another account is shown under, case aside: a reader is known by their
        name under every comment."""
        name = clean_name(self.cleaned_data.get("name") or "")
        if not name:
            raise ValidationError(self.fields["name"].error_messages["required"])
        if problem := names.name_error(name):
            raise ValidationError(problem, code="name")
        if queries.name_is_taken(name):
            raise ValidationError(NAME_TAKEN, code="unique")
        return name

    def clean_email(self):
        """Refuse an address another account has, case aside: an address links
        its gifts to one account (see parley.support)."""
        email = self.cleaned_data.get("email") or ""
        if queries.email_is_taken(email, exclude=self.instance.pk):
            raise ValidationError(EMAIL_TAKEN, code="unique")
        return email

    def _post_clean(self):
        # The name goes where the model shows it from, before the model's own
        # checks run (a staff member's name, too many accents).
        name = self.cleaned_data.get("name")
        if name:
            self.instance.first_name = name
            self.instance.username = queries.new_username(name)
        super()._post_clean()
        password = self.cleaned_data.get("password")
        if password:
            try:
                password_validation.validate_password(password, self.instance)
            except ValidationError as error:
                self.add_error("password", error)

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password"])
        if commit:
            user.save()
        return user


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
    """The site's sign-in form: a reader signs in with their e-mail address
    (sign-up made their username for them), staff with either."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail or username")
        self.fields["username"].widget.attrs["autocomplete"] = "username"

    def clean(self):
        typed = self.cleaned_data.get("username")
        if typed:
            self.cleaned_data["username"] = queries.sign_in_name(typed)
        return super().clean()


class AdminSignInForm(_SignInLockMixin, AdminAuthenticationForm):
    """The admin's sign-in form (admin.site.login_form)."""
