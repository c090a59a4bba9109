"""Writes the notifications pages ask for: mailing a reader the link that
confirms their account's address, and confirming it."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from parley.accounts import actions as accounts
from parley.discussions import conf

from . import tasks

NO_ADDRESS = _(
    "Your account has no e-mail address; please ask the newsroom to add one."
)
ALREADY_CONFIRMED = _("Your e-mail address is confirmed already.")
SENT_RECENTLY = _(
    "We sent you a link a short while ago: please look for it in your inbox "
    "(or your spam folder), or ask again later."
)
SENT = _("Check your inbox: we've sent %(email)s a link to confirm it.")


def ask_to_confirm_address(user) -> tuple[bool, str]:
    """
    Mail the account's address a link that confirms it, at most once per
    confirmation window (PARLEY_CONFIRMATION_WINDOW_SECONDS, as a guest's
    subscriptions). Return whether a mail was queued and the sentence to show.
    """
    email = (user.email or "").strip().lower()
    if not email:
        return False, NO_ADDRESS
    if user.email_is_confirmed:
        return False, ALREADY_CONFIRMED
    if not accounts.claim_confirmation_mail(user, every=conf.confirmation_window()):
        return False, SENT_RECENTLY
    tasks.enqueue(tasks.send_address_confirmation, user.pk, email)
    return True, SENT % {"email": email}


def confirm_address(user_id: int, email: str):
    """Confirm that the account's address is `email`; return the account if
    it is now confirmed, or None (no such account, or another address)."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not accounts.confirm_email(user, email):
        return None
    return user
