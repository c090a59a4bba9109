"""The admin's comment list: what each comment says, where, by whom, its state
and score, in columns narrow enough for a 1280 px window."""

import re

import pytest

from tests.factories import make_article, post

pytestmark = pytest.mark.django_db


def _cells(page: str, column: str) -> list[str]:
    return re.findall(rf'<t[dh] class="field-{column}"[^>]*>(.*?)</t[dh]>', page, re.S)


def test_the_list_shows_text_article_author_state_and_score(editor_client):
    article = make_article(headline="Harbour dredging starts in May")
    body = "The **dredger** will block the ferry lane " + "for weeks " * 30
    post(article.thread, body, name="Olu Adebayo")
    page = editor_client.get("/admin/discussions/comment/").content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', page)
    assert headers == ["text", "article", "author", "status", "score"]
    (text,) = _cells(page, "text")
    # The text without its markup, cut by the column, whole in the title.
    assert 'class="cut wide two"' in text
    assert 'title="The dredger will block the ferry lane for weeks for weeks' in text
    assert "<strong>" not in text
    assert "Harbour dredging starts in May" in _cells(page, "article")[0]
    assert "Olu Adebayo" in _cells(page, "author")[0]
    assert "Published" in _cells(page, "status")[0]
    assert _cells(page, "score")[0] == "0"


def test_a_comment_text_with_markup_is_shown_as_text(editor_client):
    """What a reader wrote is shown, never interpreted, in the list."""
    post(make_article().thread, "<script>alert(1)</script> & fish")
    page = editor_client.get("/admin/discussions/comment/").content.decode()
    (text,) = _cells(page, "text")
    assert "<script>" not in text
    assert "&amp; fish" in text


def test_a_deleted_comment_says_so(editor_client):
    from parley.discussions.actions import delete_comment

    thread = make_article().thread
    gone = post(thread, "gone soon")
    post(thread, "a reply keeps its place", parent=gone)
    delete_comment(gone)
    page = editor_client.get("/admin/discussions/comment/").content.decode()
    texts = _cells(page, "text")
    assert any("[deleted]" in text for text in texts)
    assert "gone soon" not in page


def test_the_list_loads_its_narrow_columns_style(editor_client):
    page = editor_client.get("/admin/discussions/comment/").content.decode()
    assert "discussions/admin.css" in page
