from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from parley.core.templatetags.parley_dates import comment_date
from tests.factories import make_article, post

MOMENT = datetime(2026, 3, 5, 16, 7, 9, tzinfo=UTC)


def test_comment_date_is_cldr_medium_date_short_time_in_the_sites_zone(settings):
    """The same text Intl.DateTimeFormat gives in the widget (no U+202F)."""
    settings.TIME_ZONE = "Europe/Berlin"
    with translation.override("en-us"):
        assert comment_date(MOMENT) == "Mar 5, 2026, 5:07 PM"
    with translation.override("de"):
        assert comment_date(MOMENT) == "05.03.2026, 17:07"


def test_comment_date_in_a_template_and_for_an_unknown_language():
    template = Template("{% load parley_dates %}{{ when|comment_date }}")
    with translation.override("xx"):
        assert template.render(Context({"when": MOMENT})) == "Mar 5, 2026, 4:07 PM"
    assert comment_date(None) == ""


@pytest.mark.django_db
def test_thread_page_tells_the_widget_the_zone_and_language(client, settings):
    """The widget writes dates as the page does from these two fields."""
    settings.TIME_ZONE = "Europe/Paris"
    article = make_article(headline="Dated")
    post(article.thread, "Hello.")
    data = client.get(f"/api/v1/threads/{article.thread.key}/comments").json()
    assert data["time_zone"] == "Europe/Paris"
    assert data["language"] in {"en-us", "en"}
