"""
Cross-site request forgery, without tokens: a write a browser sends from
another site (Sec-Fetch-Site, or else Origin, says so) is refused and acts on
nothing; one from the site's own pages passes without any token; a request
with neither header (no browser, so no victim's cookies) passes.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from parley.discussions.models import Comment, Vote
from parley.discussions.tokens import EDIT_COOKIE_PREFIX, make_edit_token
from tests.factories import make_article, make_thread, post

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Origin": SITE}
# What browsers without Fetch Metadata (before Safari 16.4) send on a POST.
SAME_ORIGIN_BY_ORIGIN = {"Origin": SITE}
REFUSED = {
    "cross-site": {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
    # Another host under the same site: SameSite=Lax cookies do go along.
    "same-site": {
        "Sec-Fetch-Site": "same-site",
        "Origin": "http://forum.testserver",
    },
    "cross-site by Origin": {"Origin": "https://evil.example"},
    "sandboxed page": {"Origin": "null"},
    # An embed origin may call the API with header tokens, never with cookies.
    "embed origin": {"Sec-Fetch-Site": "cross-site", "Origin": "http://embed.example"},
}
REFUSAL_TITLE = "This form came from another site"


@pytest.fixture
def reader(reader_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader_user)
    return client


@pytest.fixture
def own_comment(reader_user):
    return post(make_article().thread, "mine", user=reader_user, name="reader")


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_pages_set_no_csrf_cookie(reader_user):
    """Home and article pages are the same for every anonymous reader: no token
    cookie for anyone, signed in or not."""
    article = make_article()
    post(article.thread, "a comment")
    anonymous = Client(enforce_csrf_checks=True)
    signed_in = Client(enforce_csrf_checks=True)
    signed_in.force_login(reader_user)
    for client in (anonymous, signed_in):
        for path in ("/", article.get_absolute_url()):
            response = client.get(path)
            assert response.status_code == 200
            assert "csrftoken" not in response.cookies, path
            assert "csrftoken" not in client.cookies


@pytest.mark.parametrize("headers", [SAME_ORIGIN, SAME_ORIGIN_BY_ORIGIN, {}])
def test_the_comment_form_posts_without_a_token_from_this_site(reader, headers):
    article = make_article()
    response = reader.post(
        article.get_absolute_url(), {"body": "From my own page."}, headers=headers
    )
    assert response.status_code == 302
    assert Comment.objects.get().body_markdown == "From my own page."


@pytest.mark.parametrize("headers", REFUSED.values(), ids=REFUSED.keys())
def test_the_comment_form_refuses_another_site(reader, headers):
    article = make_article()
    response = reader.post(
        article.get_absolute_url(), {"body": "Forged.", "name": "X"}, headers=headers
    )
    assert response.status_code == 403
    assert REFUSAL_TITLE in response.content.decode()
    assert not Comment.objects.exists()


def test_the_vote_form_passes_from_this_site_and_refuses_another(reader):
    comment = post(make_article().thread, "vote me")
    path = f"/comments/{comment.pk}/vote/"
    for headers in REFUSED.values():
        response = reader.post(path, {"value": "1"}, headers=headers)
        assert response.status_code == 403
    assert not Vote.objects.exists()
    assert reader.post(path, {"value": "1"}, headers=SAME_ORIGIN).status_code == 302
    assert Vote.objects.get().value == 1


def test_the_edit_form_refuses_another_site(reader, own_comment):
    path = f"/comments/{own_comment.pk}/edit/"
    for headers in REFUSED.values():
        response = reader.post(path, {"body": "Forged."}, headers=headers)
        assert response.status_code == 403
        assert REFUSAL_TITLE in response.content.decode()
    own_comment.refresh_from_db()
    assert own_comment.body_markdown == "mine"
    response = reader.post(path, {"body": "Edited."}, headers=SAME_ORIGIN)
    assert response.status_code == 302
    own_comment.refresh_from_db()
    assert own_comment.body_markdown == "Edited."


def test_the_delete_form_refuses_another_site(reader, own_comment):
    path = f"/comments/{own_comment.pk}/delete/"
    for headers in REFUSED.values():
        assert reader.post(path, headers=headers).status_code == 403
    assert Comment.objects.filter(pk=own_comment.pk, status="published").exists()
    assert reader.post(path, headers=SAME_ORIGIN).status_code == 302
    assert not Comment.objects.filter(pk=own_comment.pk, status="published").exists()


def test_a_guests_edit_cookie_counts_only_from_this_site():
    comment = post(make_article().thread, "guest's")
    client = Client(enforce_csrf_checks=True)
    client.cookies[f"{EDIT_COOKIE_PREFIX}{comment.pk}"] = make_edit_token(comment.pk)
    path = f"/comments/{comment.pk}/delete/"
    assert client.post(path, headers=REFUSED["same-site"]).status_code == 403
    assert Comment.objects.filter(pk=comment.pk, status="published").exists()
    assert client.post(path, headers=SAME_ORIGIN).status_code == 302
    assert not Comment.objects.filter(pk=comment.pk, status="published").exists()


def test_sign_out_refuses_another_site(reader):
    for headers in REFUSED.values():
        assert reader.post("/accounts/sign-out/", headers=headers).status_code == 403
        assert is_signed_in(reader)
    response = reader.post("/accounts/sign-out/", headers=SAME_ORIGIN)
    assert response.status_code == 302
    assert not is_signed_in(reader)


@pytest.mark.parametrize("path", ["/accounts/sign-in/", "/admin/login/"])
def test_sign_in_refuses_another_site_and_passes_without_a_token(path, staff_user):
    """Login CSRF: another site must not sign a reader in to its own account.
    The admin's login and Django's sign-in view keep Django's token check as a
    decorator; the middleware settles it first, so no token is needed."""
    client = Client(enforce_csrf_checks=True)
    form = {"username": "staffer", "password": "pw-staff-123"}
    for headers in REFUSED.values():
        response = client.post(path, form, headers=headers)
        assert response.status_code == 403
        assert REFUSAL_TITLE in response.content.decode()
        assert not is_signed_in(client)
    assert client.post(path, form, headers=SAME_ORIGIN).status_code == 302
    assert is_signed_in(client)


def test_sign_up_refuses_another_site():
    form = {
        "name": "New Comer",
        "email": "newcomer@example.org",
        "password": "a long pass phrase 42",
    }
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/sign-up/", form, headers=REFUSED["cross-site"])
    assert response.status_code == 403
    assert not get_user_model().objects.filter(email="newcomer@example.org").exists()


def send_json(client, method, path, body, **headers):
    return getattr(client, method)(
        f"/api/v1{path}", data=body, content_type="application/json", headers=headers
    )


@pytest.mark.parametrize("headers", REFUSED.values(), ids=REFUSED.keys())
def test_the_api_refuses_cookies_from_another_site(reader, own_comment, headers):
    make_thread("k")
    response = send_json(
        reader, "post", "/threads/k/comments", {"body": "Forged."}, **headers
    )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    response = send_json(
        reader, "patch", f"/comments/{own_comment.pk}", {"body": "Forged."}, **headers
    )
    assert response.status_code == 403
    assert Comment.objects.get().body_markdown == "mine"


@pytest.mark.parametrize("headers", [SAME_ORIGIN, SAME_ORIGIN_BY_ORIGIN, {}])
def test_the_api_takes_cookies_from_this_site_without_a_token(reader, headers):
    make_thread("k")
    response = send_json(
        reader, "post", "/threads/k/comments", {"body": "Mine."}, **headers
    )
    assert response.status_code == 201, response.content
    assert response.json()["author"]["name"] == "reader"


def test_the_api_takes_header_tokens_from_an_embed_origin():
    """The widget on another site sends no cookies, only its tokens."""
    comment = post(make_thread("k"), "guest's")
    client = Client(enforce_csrf_checks=True)
    response = send_json(
        client,
        "patch",
        f"/comments/{comment.pk}",
        {"body": "Edited on the blog."},
        **REFUSED["embed origin"],
        **{"X-Parley-Edit-Token": make_edit_token(comment.pk)},
    )
    assert response.status_code == 200, response.content
    assert response["Access-Control-Allow-Origin"] == "http://embed.example"
    comment.refresh_from_db()
    assert comment.body_markdown == "Edited on the blog."


def test_the_moderation_desk_refuses_another_site(django_user_model):
    editor = django_user_model.objects.create_superuser("ed", password="pw-ed-12345")
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    comment = post(make_article().thread, "to judge")
    path = f"/moderate/comments/{comment.pk}/reject/"
    assert client.post(path, headers=REFUSED["same-site"]).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    assert client.post(path, headers=SAME_ORIGIN).status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
