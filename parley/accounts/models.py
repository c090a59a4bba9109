from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from parley.core.text import clean_name

from . import names


class User(AbstractUser):
    """A reader or newsroom member who signs in; guests comment without one."""

    # When this reader last gave (parley.support sets it from the ledger), and
    # whether they chose to show a "Supporter" badge on their comments while
    # that is recent enough (PARLEY_SUPPORTER_BADGE_DAYS). Off unless chosen.
    supported_at = models.DateTimeField(null=True, blank=True)
    shows_supporter_badge = models.BooleanField(default=False)
    # The address this reader proved is theirs, lower-cased (they opened a link
    # mailed to it): only a confirmed address links gifts to the account
    # (parley.support). Changing `email` leaves it behind, so a new address
    # counts once it is confirmed in turn.
    confirmed_email = models.EmailField(blank=True)
    # When a link to confirm the address was last mailed (at most one per
    # confirmation window).
    email_confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta(AbstractUser.Meta):
        constraints = [
            # Two accounts never both prove one address: gifts need one owner.
            models.UniqueConstraint(
                Lower("confirmed_email"),
                condition=~Q(confirmed_email=""),
                name="one_account_per_confirmed_email",
            ),
        ]

    def clean(self):
        """Clean the name as every shown name is (see accounts.names), and refuse
        one with stacked accents or, for anyone but staff, a staff member's."""
        super().clean()
        # A form that refused a field leaves None in it (Django's sign-up form
        # does so for a taken username): nothing to clean there.
        self.first_name = clean_name(self.first_name or "")
        self.last_name = clean_name(self.last_name or "")
        if problem := names.name_error(self.public_name, user=self):
            # Not tied to a field: the form at hand may show the name's parts,
            # or only the username.
            raise ValidationError(problem, code="name")

    @property
    def public_name(self) -> str:
        return names.public_name(self.first_name, self.last_name, self.username)

    @property
    def email_is_confirmed(self) -> bool:
        """Whether the account's current address is the one its reader proved."""
        email = (self.email or "").strip().lower()
        return bool(email) and email == self.confirmed_email
