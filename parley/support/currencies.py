"""Which three-letter codes the ledger takes: ISO 4217 currencies in use."""

import functools
from datetime import date

from babel import Locale
from babel.numbers import get_territory_currencies


@functools.cache
def _in_use(day: date) -> frozenset[str]:
    codes: set[str] = set()
    for territory in Locale("en").territories:
        codes.update(get_territory_currencies(territory, day, tender=True))
    return frozenset(codes)


def is_currency(code: str) -> bool:
    """Return True if `code` ("EUR") is legal tender somewhere today, as the
    Unicode CLDR (through Babel) knows it. Retired codes (DEM) and the ISO
    codes that are not money (the code for "no currency", gold) are not."""
    return code in _in_use(date.today())  # noqa: DTZ011 (a calendar day is enough)
