"""Reads of accounts."""

from django.contrib.auth import get_user_model


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
