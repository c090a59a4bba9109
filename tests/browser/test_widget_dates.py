"""The widget writes a comment's date in the very words the server's page does,
in every language the site speaks and whatever the site's time zone."""

from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.utils import translation

from parley.core.templatetags.parley_dates import comment_date

pytestmark = pytest.mark.django_db(transaction=True)

# Morning, afternoon and a date that changes day across the zones.
MOMENTS = [
    datetime(2026, 3, 5, 9, 7, 9, tzinfo=UTC),
    datetime(2026, 11, 23, 16, 45, 0, tzinfo=UTC),
    datetime(2026, 12, 31, 23, 30, 0, tzinfo=UTC),
]
ZONES = ["UTC", "America/New_York", "Asia/Tokyo"]

WIDGET_DATES = """async ({moments, language, timeZone}) => {
  const {dateFormatter, formatDate} = await import("/static/parley/dates.js");
  const formatter = dateFormatter({language, timeZone});
  return moments.map((iso) => formatDate(formatter, iso));
}"""


def test_widget_and_server_write_the_same_dates(live_server, page):
    page.goto(f"{live_server.url}/no-such-page/")
    moments = [moment.isoformat() for moment in MOMENTS]
    for zone in ZONES:
        for language, _name in settings.LANGUAGES:
            with translation.override(language), _site_zone(zone):
                server = [comment_date(moment) for moment in MOMENTS]
            widget = page.evaluate(
                WIDGET_DATES,
                {"moments": moments, "language": language, "timeZone": zone},
            )
            assert widget == server, (language, zone)


class _site_zone:
    """Run with the site's time zone set to `zone`."""

    def __init__(self, zone: str):
        from django.test import override_settings

        self.override = override_settings(TIME_ZONE=zone)

    def __enter__(self):
        self.override.enable()

    def __exit__(self, *exc):
        self.override.disable()
