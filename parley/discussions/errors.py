"""The error discussion actions raise, with the reader-facing sentences."""

from django.utils.translation import gettext_lazy as _

from parley.core.errors import ParleyError

EMPTY_BODY = _("Please enter your comment!")
MISSING_NAME = _("Please enter your name here")
AWAITING_MODERATION = _("Your comment is awaiting moderation.")
INVALID_VOTE = _("A vote is 1 (up), -1 (down) or 0 (none).")


class DiscussionError(ParleyError):
    """A request the discussion refuses; see ParleyError."""
