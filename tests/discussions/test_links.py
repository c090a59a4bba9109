"""A thread's recorded address is only ever a link or a redirect target when it
is on this site or on an embed origin; and it follows the embedding page's latest
declaration rather than whatever the first poster sent."""

import json

import pytest

from parley.discussions.models import Thread
from parley.discussions.views import thread_page_url
from tests.factories import make_thread, post

pytestmark = pytest.mark.django_db
API = "/api/v1"


def thread_with_url(url: str) -> Thread:
    thread = make_thread("blog:post")
    Thread.objects.filter(pk=thread.pk).update(url=url)
    thread.refresh_from_db()
    return thread


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/phish",
        "//evil.example/x",
        "/\\evil.example/x",
        "\\\\evil.example/x",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://user@embed.example/x",
        "http://embed.example.evil.example/x",
        "/page\x07",
        "",
    ],
)
def test_no_js_vote_never_redirects_off_site(client, url):
    comment = post(thread_with_url(url))
    response = client.post(f"/comments/{comment.pk}/vote/", {"value": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"/#comment-{comment.pk}"


def test_no_js_vote_goes_back_to_a_page_on_an_embed_origin(client):
    comment = post(thread_with_url("http://embed.example/post#old"))
    response = client.post(f"/comments/{comment.pk}/vote/", {"value": "1"})
    assert response["Location"] == f"http://embed.example/post#comment-{comment.pk}"


def test_site_pages_are_kept():
    comment = post(thread_with_url("/2025/03/a-story/"))
    assert thread_page_url(comment) == f"/2025/03/a-story/#comment-{comment.pk}"


def declare(client, key, title, url, **headers):
    return client.post(
        f"{API}/threads/{key}/comments",
        data=json.dumps(
            {
                "body": "Hello.",
                "name": "Guest",
                "thread_title": title,
                "thread_url": url,
            }
        ),
        content_type="application/json",
        headers=headers,
    )


def test_thread_follows_the_pages_latest_declaration(client):
    assert declare(client, "blog:a", "First", "http://embed.example/a").status_code
    assert declare(client, "blog:a", "Renamed", "http://embed.example/a2#c").json()
    thread = Thread.objects.get(key="blog:a")
    assert (thread.title, thread.url) == ("Renamed", "http://embed.example/a2")


def test_a_declaration_off_the_embed_origins_is_ignored_on_an_existing_thread(client):
    declare(client, "blog:a", "First", "http://embed.example/a")
    response = declare(client, "blog:a", "Phish", "https://evil.example/phish")
    assert response.status_code == 201
    thread = Thread.objects.get(key="blog:a")
    assert (thread.title, thread.url) == ("First", "http://embed.example/a")


def test_a_page_speaks_only_for_its_own_origin(client):
    response = declare(
        client,
        "blog:b",
        "Mine",
        "http://embed.example/b",
        Origin="http://127.0.0.1:8765",
    )
    assert response.status_code == 403
    assert not Thread.objects.filter(key="blog:b").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("thread_title", "Title\x00"), ("thread_url", "http://embed.example/\x00")],
)
def test_nul_in_the_declared_page_is_refused_on_new_and_existing_threads(
    client, field, value
):
    fields = {"thread_title": "T", "thread_url": "http://embed.example/a", field: value}
    for _ in range(2):
        response = declare(
            client, "blog:nul", fields["thread_title"], fields["thread_url"]
        )
        assert response.status_code == 400
        assert field in response.json()["errors"]
        make_thread("blog:nul")


@pytest.mark.parametrize("next_url", ["abc", "1", "?x=1", "#top"])
def test_a_next_that_is_no_site_path_is_ignored(client, next_url):
    comment = post(thread_with_url("/2025/03/a-story/"))
    response = client.post(
        f"/comments/{comment.pk}/vote/", {"value": "1", "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/2025/03/a-story/#comment-{comment.pk}"
