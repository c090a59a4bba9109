"""
How often anyone may fail to sign in, by account and by address.

Accounts ask; an outer app answers: the setting PARLEY_SIGN_IN_THROTTLE names an
object with `wait(*, account, address_hash) -> int` (seconds until an attempt
may be made, 0 when it may now) and `failed(*, account, address_hash)` (count a
failed attempt). Unset, nothing is limited. Both keys are keyed hashes: the
counters hold neither addresses nor usernames (nor a password typed into the
username field).

The site's sign-in page and the admin's both authenticate through
SignInThrottleBackend, which refuses any attempt that must wait before the
password is checked, and failures are counted when Django reports them
(user_login_failed), whether the account exists or not.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.module_loading import import_string
from django.utils.translation import ngettext

from parley.core.addresses import HASH_LENGTH, request_address_hash

# Set on the request by SignInThrottleBackend when an attempt must wait: the
# seconds it must, for the form's sentence and the Retry-After header.
WAIT_ATTRIBUTE = "parley_sign_in_wait"


def sign_in_wait(request: HttpRequest, username: str) -> int:
    """Return the seconds before this attempt to sign in may be made; 0 if now."""
    limits = _limits()
    if limits is None:
        return 0
    return limits.wait(
        account=account_key(username), address_hash=request_address_hash(request)
    )


def count_failed_sign_in(request: HttpRequest, username: str) -> None:
    """Count a failed attempt to sign in against the account and the address."""
    limits = _limits()
    if limits is not None:
        limits.failed(
            account=account_key(username), address_hash=request_address_hash(request)
        )


def waiting_message(seconds: int) -> str:
    """Return the sentence a locked-out attempt is answered with."""
    minutes = max(1, -(-seconds // 60))
    return ngettext(
        "Too many failed attempts to sign in. Please try again in %(n)d minute.",
        "Too many failed attempts to sign in. Please try again in %(n)d minutes.",
        minutes,
    ) % {"n": minutes}


def account_key(username: str) -> str:
    """Return the keyed hash the counters know an account by: one for every
    spelling of a username's case; "" for no username."""
    username = (username or "").strip().casefold()
    if not username:
        return ""
    return salted_hmac(
        "parley.accounts.sign-in", username, algorithm="sha256"
    ).hexdigest()[:HASH_LENGTH]


def _limits():
    path = getattr(settings, "PARLEY_SIGN_IN_THROTTLE", "")
    return import_string(path) if path else None


def on_sign_in_failed(sender, credentials: dict, request=None, **kwargs) -> None:
    """Count a failure Django reports (user_login_failed), unless the attempt
    was refused unchecked because it had to wait."""
    if request is None or getattr(request, WAIT_ATTRIBUTE, 0):
        return
    username = credentials.get("username")
    if isinstance(username, str) and username:
        count_failed_sign_in(request, username)
