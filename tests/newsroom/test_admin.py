import pytest
from django.test import Client

from parley.newsroom.models import Article
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db


def test_publishing_a_draft_without_a_date_dates_it_now(editor_client):
    """The review saw the admin refuse this with the constraint's name."""
    draft = make_article(headline="Ferry timetable", status=Article.Status.DRAFT)
    assert Client().get(draft.get_absolute_url()).status_code == 404
    response = editor_client.post(
        f"/admin/newsroom/article/{draft.pk}/change/",
        {
            "headline": draft.headline,
            "slug": draft.slug,
            "summary": "",
            "body": draft.body,
            "authors": [make_author().pk],
            "lead_image_url": "",
            "lead_image_caption": "",
            "lead_image_credit": "",
            "status": Article.Status.PUBLISHED,
            "published_at_0": "",
            "published_at_1": "",
            "comments_open": "on",
            "close_comments_after_days": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.published_at is not None
    assert "Ferry timetable" in Client().get(draft.get_absolute_url()).content.decode()
