"""
Reader support (parley.support): campaigns, the ledger, the payment webhook and
"Continue on app". Read when used, through parley.support.conf.

PARLEY_SUPPORT_WEBHOOK_SECRETS  comma-separated shared secrets the payment
                     provider signs webhook calls with; two during a rotation.
                     None: every call is refused.
PARLEY_SUPPORT_WEBHOOK_TOLERANCE  seconds a signature's time may be from now,
                     either way (default 300)
PARLEY_SUPPORT_COUNT_RENEWALS  "1" (default): renewals of recurring donations
                     count towards a campaign like first payments; "0": only
                     the first payment of each does
PARLEY_SUPPORTER_BADGE_DAYS  a reader who gave within this many days may show a
                     "Supporter" badge on their comments (default 365)
PARLEY_SUPPORT_LOCALE  how amounts and periods are written (a Babel locale,
                     e.g. "en_US", "de_DE"; default: the page's language)
"""

import os

PARLEY_SUPPORT_WEBHOOK_SECRETS = [
    secret.strip()
    for secret in os.environ.get("PARLEY_SUPPORT_WEBHOOK_SECRETS", "").split(",")
    if secret.strip()
]
PARLEY_SUPPORT_WEBHOOK_TOLERANCE = int(
    os.environ.get("PARLEY_SUPPORT_WEBHOOK_TOLERANCE", "300")
)
PARLEY_SUPPORT_COUNT_RENEWALS = (
    os.environ.get("PARLEY_SUPPORT_COUNT_RENEWALS", "1") != "0"
)
PARLEY_SUPPORTER_BADGE_DAYS = int(os.environ.get("PARLEY_SUPPORTER_BADGE_DAYS", "365"))
PARLEY_SUPPORT_LOCALE = os.environ.get("PARLEY_SUPPORT_LOCALE", "")
