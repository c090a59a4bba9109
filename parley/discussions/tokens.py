"""
Signed tokens that stand in for an account: a guest's right to edit a comment,
and an anonymous reader's voter identity.

Same-origin pages keep them in cookies, as Isso does; the embedded widget keeps
them in its own storage and sends them in headers, since a cross-origin call
carries no cookies.
"""

import secrets

from django.core import signing

from . import conf

EDIT_SALT = "parley.discussions.edit"
VOTER_SALT = "parley.discussions.voter"
EDIT_COOKIE_PREFIX = "parley-edit-"
VOTER_COOKIE = "parley-voter"
EDIT_HEADER = "X-Parley-Edit-Token"
VOTER_HEADER = "X-Parley-Voter"


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
