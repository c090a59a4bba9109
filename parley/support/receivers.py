"""What accounts say happened (after commit), turned into ledger writes."""

from parley.accounts import signals

from . import actions


def email_confirmed(sender, *, user, address, **kwargs):
    """A reader proved an address theirs: the gifts it made are theirs too."""
    actions.link_earlier_donations(user)


def connect() -> None:
    """Listen to accounts (SupportConfig.ready)."""
    signals.email_confirmed.connect(
        email_confirmed, dispatch_uid="parley.support.email_confirmed"
    )
