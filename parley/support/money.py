"""Amounts and periods written as the site's locale writes them (Babel)."""

from datetime import datetime
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_percent

from . import conf


def money(amount: Decimal, currency: str, *, whole: bool = False) -> str:
    """Return the amount as the locale writes money: "$2,500.00", "2.500,00 €".
    `whole` drops the cents when there are none (a bar's scale: "$2,500")."""
    locale = conf.locale()
    if whole and amount == amount.to_integral_value():
        # The locale's own pattern, without its decimals (its positive half).
        pattern = Locale.parse(locale).currency_formats["standard"].pattern
        pattern = pattern.split(";")[0].replace(".00", "")
        return format_currency(
            amount, currency, format=pattern, locale=locale, currency_digits=False
        )
    return format_currency(amount, currency, locale=locale)


def period(moment: datetime) -> str:
    """Return the month a moment is in, as the locale names it ("March 2025")."""
    return format_date(moment, "LLLL y", locale=conf.locale())


def percentage(percent: int) -> str:
    """Return a whole percentage as the locale writes it: "11%", "130 %"."""
    return format_percent(Decimal(percent) / 100, locale=conf.locale())
