"""Inline feedback over the API: quotes in and out, the Inline Feedbacks view."""

import json

import pytest

from parley.discussions.models import Comment
from parley.newsroom.actions import save_article
from tests.factories import make_article, make_thread, post

pytestmark = pytest.mark.django_db
API = "/api/v1"
BODY = (
    "Night trains are back. The first leaves at nine.\n\n"
    "Critics say the fares are too high. Fans say the fares are fair."
)


@pytest.fixture
def article():
    return make_article(headline="Night trains", body=BODY)


def _post(client, key: str, payload: dict):
    return client.post(
        f"{API}/threads/{key}/comments",
        json.dumps({"name": "Ana", "body": "A thought.", **payload}),
        content_type="application/json",
    )


def _feedback(client, key: str, **params) -> dict:
    query = "&".join(f"{name}={value}" for name, value in params.items())
    response = client.get(f"{API}/threads/{key}/comments?feedback=true&{query}")
    assert response.status_code == 200, response.content
    return response.json()


def test_a_quote_is_stored_with_the_articles_own_context(client, article):
    """The reader's prefix and suffix help find the passage; what is kept is
    the body's own text around it, as the server reads it."""
    response = _post(
        client,
        article.thread_key,
        {"quote": {"exact": "the fares", "prefix": "Fans say ", "suffix": " are"}},
    )
    assert response.status_code == 201, response.content
    # The second "the fares", with 32 characters of the body either side.
    assert response.json()["quote"] == {
        "exact": "the fares",
        "prefix": "he fares are too high. Fans say ",
        "suffix": " are fair.",
    }
    comment = Comment.objects.get()
    assert (comment.quote_exact, comment.quote_suffix) == ("the fares", " are fair.")


def test_a_quote_goes_out_with_the_comment_and_in_the_feedback_view(client, article):
    quoted = _post(
        client, article.thread_key, {"quote": {"exact": "The first leaves at nine."}}
    ).json()
    plain = _post(client, article.thread_key, {"body": "On the whole article."}).json()
    assert plain["quote"] is None
    everything = client.get(f"{API}/threads/{article.thread_key}/comments").json()
    assert [c["id"] for c in everything["comments"]] == [plain["id"], quoted["id"]]
    assert everything["comments"][1]["quote"]["exact"] == "The first leaves at nine."
    feedback = _feedback(client, article.thread_key)
    assert [c["id"] for c in feedback["comments"]] == [quoted["id"]]
    assert feedback["comments"][0]["quote"] == {
        "exact": "The first leaves at nine.",
        "prefix": "Night trains are back. ",
        "suffix": " Critics say the fares are too h",
    }


def test_the_feedback_view_pages_like_the_list(client, article):
    for n in range(3):
        post(article.thread, f"Feedback {n}")
        _post(client, article.thread_key, {"quote": {"exact": "Night trains"}})
    first = _feedback(client, article.thread_key, limit=2)
    assert len(first["comments"]) == 2 and first["next_cursor"]
    rest = _feedback(client, article.thread_key, limit=2, cursor=first["next_cursor"])
    assert len(rest["comments"]) == 1 and rest["next_cursor"] is None
    assert all(c["quote"] for c in first["comments"] + rest["comments"])


def test_the_feedback_view_has_its_own_etag(client, article):
    _post(client, article.thread_key, {"quote": {"exact": "Night trains"}})
    url = f"{API}/threads/{article.thread_key}/comments"
    assert client.get(url)["ETag"] != client.get(f"{url}?feedback=true")["ETag"]


@pytest.mark.parametrize(
    ("quote", "sentence"),
    [
        (
            {"exact": "Day trains"},
            "That passage is not in the article as it reads now. Please select "
            "it again, or comment without it.",
        ),
        ({"exact": "   "}, "Please select the passage you are commenting on."),
        (
            {"exact": "Night trains", "prefix": "x" * 33},
            "Send at most 32 characters of text before and after the passage.",
        ),
        (
            {"exact": "n" * 1001},
            "The passage you selected is 1,001 characters long; please select at "
            "most 1,000.",
        ),
    ],
)
def test_a_bad_quote_is_refused_with_a_sentence(client, article, quote, sentence):
    response = _post(client, article.thread_key, {"quote": quote})
    assert response.status_code == 400, response.content
    assert response.json()["errors"] == {"quote": sentence}
    assert not Comment.objects.exists()


def test_a_quote_must_be_json_text(client, article):
    response = _post(client, article.thread_key, {"quote": {"exact": 5}})
    assert response.status_code == 400
    response = _post(client, article.thread_key, {"quote": "Night trains"})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_reply_cannot_quote(client, article):
    parent = post(article.thread, "A comment.")
    response = _post(
        client,
        article.thread_key,
        {"parent": parent.pk, "quote": {"exact": "Night trains"}},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "quote": "A reply can't quote a passage; quote it in a new comment instead."
    }


def test_a_passage_edited_away_after_selection_is_refused(client, article):
    article.body = BODY.replace("Night trains are back.", "Sleepers return.")
    save_article(article)
    response = _post(client, article.thread_key, {"quote": {"exact": "Night trains"}})
    assert response.status_code == 400
    assert "not in the article as it reads now" in response.json()["errors"]["quote"]


def test_a_page_elsewhere_cannot_be_quoted(client):
    """This site doesn't hold an embedding page's text, so it can't vouch for
    a quote of it: readers would be shown words the page may never have had."""
    make_thread("blog:post")
    response = _post(client, "blog:post", {"quote": {"exact": "A claim"}})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "quote": "Only passages of this site's articles can be quoted."
    }
    assert not Comment.objects.exists()


def test_a_quote_in_the_api_is_text(client):
    """A passage with markup in it comes back as the same text, never HTML."""
    article = make_article(body='Use <b>bold</b> & "quotes" with care.')
    response = _post(
        client, article.thread_key, {"quote": {"exact": '<b>bold</b> & "quotes"'}}
    )
    assert response.status_code == 201, response.content
    assert _feedback(client, article.thread_key)["comments"][0]["quote"] == {
        "exact": '<b>bold</b> & "quotes"',
        "prefix": "Use ",
        "suffix": " with care.",
    }


def test_held_feedback_is_shown_to_its_author_only(client, article):
    article.premoderate_comments = True
    save_article(article)
    response = _post(client, article.thread_key, {"quote": {"exact": "Night trains"}})
    assert response.status_code == 202, response.content
    voter = response.json()["voter_token"]
    assert _feedback(client, article.thread_key)["comments"] == []
    held = client.get(
        f"{API}/me/comments?thread={article.thread_key}",
        headers={"X-Parley-Voter": voter},
    ).json()["comments"]
    assert [c["quote"]["exact"] for c in held] == ["Night trains"]


def test_a_deleted_feedback_placeholder_shows_no_quote(client, article):
    from parley.discussions.actions import delete_comment

    first = _post(
        client, article.thread_key, {"quote": {"exact": "Night trains"}}
    ).json()
    post(article.thread, "A reply.", parent=Comment.objects.get(pk=first["id"]))
    delete_comment(Comment.objects.get(pk=first["id"]))
    shown = _feedback(client, article.thread_key)["comments"]
    assert shown[0]["is_deleted"] and shown[0]["quote"] is None
