import pytest
from django.test import Client

from parley.newsroom.models import Article, split_paragraphs
from tests.factories import NO_FEEDBACK_PROMPTS, make_article, make_author

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
            **NO_FEEDBACK_PROMPTS,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.published_at is not None
    assert "Ferry timetable" in Client().get(draft.get_absolute_url()).content.decode()


def test_an_article_saved_from_the_browser_keeps_its_paragraphs(editor_client):
    """A textarea sends CRLF line ends; the review saw a saved body become one
    paragraph, its passages and markers with it."""
    article = make_article(headline="Wetlands", body="Marsh first.\n\nBirds second.")
    response = editor_client.post(
        f"/admin/newsroom/article/{article.pk}/change/",
        {
            "headline": article.headline,
            "slug": article.slug,
            "summary": "",
            "body": "Marsh first.\r\n\r\n\r\nBirds second.\r\nStill second.",
            "authors": [make_author().pk],
            "lead_image_url": "",
            "lead_image_caption": "",
            "lead_image_credit": "",
            "status": Article.Status.PUBLISHED,
            "published_at_0": "2026-11-01",
            "published_at_1": "09:00:00",
            "comments_open": "on",
            "close_comments_after_days": "",
            **NO_FEEDBACK_PROMPTS,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert "\r" not in article.body
    assert article.paragraphs == ["Marsh first.", "Birds second.\nStill second."]


def test_paragraphs_split_on_blank_lines_whatever_the_line_ends():
    """Bodies stored before line ends were normalised read the same."""
    assert split_paragraphs("One.\r\n\r\nTwo.\n \nThree.\r\n") == [
        "One.",
        "Two.",
        "Three.",
    ]
