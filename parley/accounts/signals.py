"""
What accounts say happened, sent after the transaction commits.

email_confirmed(sender=User, user, address): a reader proved that `address`
(lower-cased) is theirs.
"""

from django.dispatch import Signal

email_confirmed = Signal()
