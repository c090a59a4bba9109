"""
The signed links in notification mail: confirm a subscription, unsubscribe in
one click, manage an address's subscriptions, confirm an account's address.
The signature is the authority (no session, no cookie): whoever holds the mail
may use its links, for as long as they last (PARLEY_CONFIRM_LINK_DAYS,
PARLEY_MANAGE_LINK_DAYS).
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "parley.notifications.confirm"
UNSUBSCRIBE_SALT = "parley.notifications.unsubscribe"
MANAGE_SALT = "parley.notifications.manage"
ADDRESS_SALT = "parley.notifications.address"
DAY = 24 * 3600


class TokenError(Exception):
    """A link that can't be used: `expired` says whether it was once good."""

    def __init__(self, expired: bool):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


@dataclass(frozen=True)
class Confirmation:
    email: str
    thread_id: int
    asked_at: float  # when the link was made: it confirms what was asked by then


@dataclass(frozen=True)
class AddressConfirmation:
    user_id: int
    email: str  # the account's address when the link was made


@dataclass(frozen=True)
class Unsubscription:
    email: str
    subscription_ids: tuple[int, ...]  # empty: none (a queue digest's link)
    queue_digest_user: int | None = None


def _dumps(payload: dict, salt: str) -> str:
    return signing.TimestampSigner(salt=salt).sign_object(payload, compress=True)


def _loads(token: str, salt: str, days: int) -> dict:
    try:
        payload = signing.TimestampSigner(salt=salt).unsign_object(
            token, max_age=days * DAY
        )
    except signing.SignatureExpired:
        raise TokenError(expired=True) from None
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        raise TokenError(expired=False) from None
    if not isinstance(payload, dict):
        raise TokenError(expired=False)
    return payload


def confirm_token(email: str, thread_id: int) -> str:
    return _dumps({"e": email, "t": thread_id, "at": time.time()}, CONFIRM_SALT)


def read_confirm_token(token: str) -> Confirmation:
    """Return what a confirmation link confirms; raise TokenError if it can't."""
    payload = _loads(token, CONFIRM_SALT, settings.PARLEY_CONFIRM_LINK_DAYS)
    try:
        return Confirmation(str(payload["e"]), int(payload["t"]), float(payload["at"]))
    except (KeyError, TypeError, ValueError):
        raise TokenError(expired=False) from None


def unsubscribe_token(
    email: str, subscription_ids=(), *, queue_digest_user: int | None = None
) -> str:
    payload: dict = {"e": email, "s": sorted(set(subscription_ids))}
    if queue_digest_user is not None:
        payload["q"] = queue_digest_user
    return _dumps(payload, UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> Unsubscription:
    payload = _loads(token, UNSUBSCRIBE_SALT, settings.PARLEY_MANAGE_LINK_DAYS)
    try:
        ids = tuple(int(pk) for pk in payload["s"])
        user = payload.get("q")
        return Unsubscription(
            str(payload["e"]), ids, int(user) if user is not None else None
        )
    except (KeyError, TypeError, ValueError):
        raise TokenError(expired=False) from None


def manage_token(email: str) -> str:
    return _dumps({"e": email}, MANAGE_SALT)


def read_manage_token(token: str) -> str:
    """Return the address whose subscriptions the link manages."""
    payload = _loads(token, MANAGE_SALT, settings.PARLEY_MANAGE_LINK_DAYS)
    email = payload.get("e")
    if not isinstance(email, str) or not email:
        raise TokenError(expired=False)
    return email


def address_token(user_id: int, email: str) -> str:
    return _dumps({"u": user_id, "e": email}, ADDRESS_SALT)


def read_address_token(token: str) -> AddressConfirmation:
    """Return which account's address a link confirms; raise TokenError if it
    can't."""
    payload = _loads(token, ADDRESS_SALT, settings.PARLEY_CONFIRM_LINK_DAYS)
    try:
        user_id, email = int(payload["u"]), payload["e"]
    except (KeyError, TypeError, ValueError):
        raise TokenError(expired=False) from None
    if not isinstance(email, str) or not email:
        raise TokenError(expired=False)
    return AddressConfirmation(user_id, email)
