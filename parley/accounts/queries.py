"""Reads of accounts."""

import secrets

from django.contrib.auth import get_user_model
from django.db.models import Q, Value
from django.db.models.functions import Concat, Trim
from django.utils.text import slugify


def email_is_taken(address: str, *, exclude: int | None = None) -> bool:
    """Return whether an account other than `exclude` has this e-mail address,
    case aside."""
    address = (address or "").strip()
    if not address:
        return False
    accounts = get_user_model().objects.filter(email__iexact=address)
    if exclude is not None:
        accounts = accounts.exclude(pk=exclude)
    return accounts.exists()


def name_is_taken(name: str) -> bool:
    """Return whether an account is shown under this name (see
    User.public_name), case aside."""
    shown = Trim(Concat("first_name", Value(" "), "last_name"))
    accounts = get_user_model().objects.annotate(shown_name=shown)
    return accounts.filter(
        Q(shown_name__iexact=name)
        | Q(first_name="", last_name="", username__iexact=name)
    ).exists()


def new_username(name: str) -> str:
    """Return a username no account has, made from a reader's name: readers
    never type it (they sign in with their address), staff see it in the admin."""
    base = slugify(name, allow_unicode=True)[:40].strip("-_") or "reader"
    candidate = base
    User = get_user_model()
    while User.objects.filter(username__iexact=candidate).exists():
        candidate = f"{base}-{secrets.token_hex(3)}"
    return candidate


def sign_in_name(typed: str) -> str:
    """Return the username to check a password against for what a reader typed
    at sign-in: a username as it is, or the username of the one account with
    this e-mail address. Anything else is returned as typed (and fails)."""
    User = get_user_model()
    if "@" not in typed or User.objects.filter(username=typed).exists():
        return typed
    owners = list(
        User.objects.filter(email__iexact=typed.strip()).values_list(
            "username", flat=True
        )[:2]
    )
    return owners[0] if len(owners) == 1 else typed
