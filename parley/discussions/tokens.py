"""
Signed tokens that stand in for an account: a guest's right to edit a comment,
and an anonymous reader's voter identity.

Same-origin pages keep them in cookies, as Isso does; the embedded widget keeps
them in its own storage and sends them in headers, since a cross-origin call
carries no cookies. The cookies are HttpOnly, SameSite=Lax, and Secure whenever
the session cookie is (in production, unless PARLEY_PLAIN_HTTP).
"""

import secrets

from django.conf import settings
from django.core import signing

from . import conf

EDIT_SALT = "parley.discussions.edit"
VOTER_SALT = "parley.discussions.voter"
EDIT_COOKIE_PREFIX = "parley-edit-"
VOTER_COOKIE = "parley-voter"
EDIT_HEADER = "X-Parley-Edit-Token"
VOTER_HEADER = "X-Parley-Voter"
VOTER_COOKIE_MAX_AGE = 365 * 24 * 3600


def make_edit_token(comment_id: int) -> str:
    return signing.TimestampSigner(salt=EDIT_SALT).sign(str(comment_id))


def edit_token_is_valid(token: str, comment_id: int) -> bool:
    """Return True if this token grants editing this comment, within the window."""
    try:
        value = signing.TimestampSigner(salt=EDIT_SALT).unsign(
            token, max_age=conf.edit_window()
        )
    except signing.BadSignature:
        return False
    return value == str(comment_id)


def new_voter_token() -> str:
    return signing.Signer(salt=VOTER_SALT).sign(secrets.token_urlsafe(16))


def voter_from_token(token: str) -> str | None:
    """Return the anonymous voter id inside a token, or None if it was forged."""
    try:
        return "a:" + signing.Signer(salt=VOTER_SALT).unsign(token)
    except signing.BadSignature:
        return None


def set_edit_cookie(response, comment_id: int) -> str:
    """Let this browser edit the comment for the edit window; return the token."""
    token = make_edit_token(comment_id)
    response.set_cookie(
        f"{EDIT_COOKIE_PREFIX}{comment_id}",
        token,
        max_age=int(conf.edit_window().total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return token


def set_voter_cookie(response, token: str) -> None:
    """Remember this browser's anonymous voter token."""
    response.set_cookie(
        VOTER_COOKIE,
        token,
        max_age=VOTER_COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
