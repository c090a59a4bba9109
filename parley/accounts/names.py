"""
The names people are shown under, and the rules every way of choosing one
follows: a guest's name on a comment (the API, the form without JavaScript, the
widget) and a reader's account name (sign-up, the admin).

A name is shown without invisible or direction-changing characters, with at
most MAX_MARKS accents on any one letter, and never as a member of staff's
unless it is theirs: a name whose confusable skeleton (Unicode TS #39) is a
staff member's, case aside, is refused. Staff are users with is_staff or
is_superuser, or in one of the groups PARLEY_STAFF_GROUPS names.
"""

from contextlib import suppress

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parley.core.text import (
    clean_name,
    confusable_skeleton,
    most_marks_on_one_character,
)

STAFF_NAME = _("This name belongs to a member of our staff. Please choose another.")
TOO_MANY_MARKS = _("Please use at most 3 accents on any one letter of your name.")
MAX_MARKS = 3

# The skeletons of staff names, shared by every process that shares the cache,
# forgotten whenever a user or a group changes (see forget_staff_names). The
# timeout bounds how long a process with a cache of its own (no Redis) can miss
# a change made through another process.
STAFF_NAMES_CACHE_KEY = "parley:accounts:staff-name-skeletons"
STAFF_NAMES_TIMEOUT = 300


def public_name(
    first_name: str | None, last_name: str | None, username: str | None
) -> str:
    """Return the name a user is shown under: their full name, else their
    username. A part not given yet (None: a form that refused it) counts as empty."""
    return clean_name(f"{first_name or ''} {last_name or ''}") or username or ""


def name_error(name: str | None, *, user=None) -> str | None:
    """
    Return why a cleaned name (see clean_name) can't be shown, or None if it
    can: too many accents on a letter, or a staff member's name when `user` is
    not staff (a guest, or a reader's account, which may not be saved yet). No
    name (empty, or None from a form that refused it) has nothing to refuse.
    """
    if not name:
        return None
    if most_marks_on_one_character(name) > MAX_MARKS:
        return str(TOO_MANY_MARKS)
    if user is not None and (user.is_staff or user.is_superuser):
        return None
    if is_staff_name(name, exclude=getattr(user, "pk", None)):
        return str(STAFF_NAME)
    return None


def is_staff_name(name: str, *, exclude: int | None = None) -> bool:
    """Return whether `name` looks like a staff member's (other than user `exclude`)."""
    owners = staff_name_skeletons().get(confusable_skeleton(name), ())
    return any(pk != exclude for pk in owners)


def staff_name_skeletons() -> dict[str, list[int]]:
    """Return {skeleton of a staff member's public name: [their user ids]}, from
    the cache, or from one query when it has been forgotten."""
    try:
        skeletons = cache.get(STAFF_NAMES_CACHE_KEY)
    except Exception:  # the cache server is down: the database answers
        return _load_staff_name_skeletons()
    if skeletons is None:
        skeletons = _load_staff_name_skeletons()
        with suppress(Exception):
            cache.set(STAFF_NAMES_CACHE_KEY, skeletons, STAFF_NAMES_TIMEOUT)
    return skeletons


def forget_staff_names(**kwargs) -> None:
    """Drop the cached staff names; a receiver of the changes that can alter them."""
    # Now, for the rest of this transaction, and again after it commits: a
    # request that filled the cache in between read the names from before.
    _forget_staff_names()
    transaction.on_commit(_forget_staff_names)


def _forget_staff_names() -> None:
    with suppress(Exception):  # the cache server is down; the timeout will do
        cache.delete(STAFF_NAMES_CACHE_KEY)


def _load_staff_name_skeletons() -> dict[str, list[int]]:
    from django.contrib.auth import get_user_model

    staff = (
        get_user_model()
        .objects.filter(
            Q(is_staff=True)
            | Q(is_superuser=True)
            | Q(groups__name__in=settings.PARLEY_STAFF_GROUPS)
        )
        .values_list("pk", "first_name", "last_name", "username")
        .distinct()
    )
    skeletons: dict[str, list[int]] = {}
    for pk, first_name, last_name, username in staff:
        name = public_name(first_name, last_name, username)
        skeletons.setdefault(confusable_skeleton(name), []).append(pk)
    return skeletons
