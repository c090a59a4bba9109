import pytest

from parley.discussions.models import Comment, Thread
from tests.factories import make_thread, post

pytestmark = pytest.mark.django_db


def test_admin_edit_rerenders_and_refreshes_the_page(editor_client):
    thread = make_thread("k")
    comment = post(thread, "rude words")
    etag = editor_client.get("/api/v1/threads/k/comments")["ETag"]
    response = editor_client.post(
        f"/admin/discussions/comment/{comment.pk}/change/",
        {"body_markdown": "*kind* words"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body_html == "<p><em>kind</em> words</p>"
    fresh = editor_client.get(
        "/api/v1/threads/k/comments", headers={"If-None-Match": etag}
    )
    assert fresh.status_code == 200


def test_admin_delete_keeps_counts_right(editor_client):
    thread = make_thread("k")
    top = post(thread, "top")
    post(thread, "reply", parent=top)
    response = editor_client.post(
        "/admin/discussions/comment/",
        {"action": "delete_selected_comments", "_selected_action": [top.pk]},
    )
    assert response.status_code == 302
    assert Comment.objects.get(pk=top.pk).is_deleted
    assert Thread.objects.get(pk=thread.pk).comment_count == 1


def test_admin_closing_a_thread_changes_its_page(editor_client):
    make_thread("k")
    etag = editor_client.get("/api/v1/threads/k/comments")["ETag"]
    thread = Thread.objects.get(key="k")
    editor_client.post(
        f"/admin/discussions/thread/{thread.pk}/change/",
        {
            "key": "k",
            "title": "",
            "url": "",
            "published_at_0": "2026-01-01",
            "published_at_1": "10:00:00",
            "is_closed": "on",
        },
    )
    response = editor_client.get(
        "/api/v1/threads/k/comments", headers={"If-None-Match": etag}
    )
    assert response.json()["thread"]["is_closed"] is True
