from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import ValidationError

from . import throttle
from .models import User


class SignUpForm(UserCreationForm):
    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]


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
