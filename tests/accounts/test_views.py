import re

import pytest
from django.contrib.sites.models import Site

from tests.factories import make_article

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-8421"
SIGN_UP = {"name": "New Reader", "email": "n@example.org", "password": PASSWORD}


def test_sign_up_signs_in_and_sign_out(client, django_user_model):
    response = client.post("/accounts/sign-up/", SIGN_UP)
    assert response.status_code == 302
    assert "Signed in as" in client.get("/").content.decode()
    client.post("/accounts/sign-out/")
    assert "Sign in" in client.get("/").content.decode()


def test_sign_up_errors_are_shown(client):
    response = client.post("/accounts/sign-up/", {"name": "", "password": "x"})
    assert response.status_code == 400


def test_sign_in_page(client, reader_user):
    assert client.get("/accounts/sign-in/").status_code == 200
    response = client.post(
        "/accounts/sign-in/", {"username": "reader", "password": "pw-reader-123"}
    )
    assert response.status_code == 302


# ----- the newsroom's name -----


def _masthead_title_footer(page: str) -> tuple[str, str, str]:
    masthead = re.search(r'class="masthead__name"[^>]*>([^<]*)<', page).group(1)
    title = re.search(r"<title>([^<]*)</title>", page).group(1)
    footer = re.search(r'class="site-footer__name">([^<]*)<', page)
    return masthead, title, footer.group(1).strip()


@pytest.fixture
def named_site(settings):
    """The sites framework's row under another name, as an install may have it
    (Django's example.com, or a host): pages must show SITE_NAME all the same."""
    settings.SITE_NAME = "The Harbour Gazette"
    Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": "127.0.0.1:8000", "name": "127.0.0.1:8000"},
    )


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/accounts/sign-in/", {}),
        ("post", "/accounts/sign-in/", {"username": "x", "password": "y"}),
        ("get", "/accounts/sign-up/", {}),
        ("post", "/accounts/sign-up/", {"name": ""}),
        ("get", "/accounts/sign-out/", {}),
    ],
)
def test_account_pages_show_the_newsroom_name(client, named_site, method, path, data):
    """Masthead, title and footer name the newsroom, never the Site row or host."""
    response = getattr(client, method)(path, data)
    page = response.content.decode()
    masthead, title, footer = _masthead_title_footer(page)
    assert masthead == "The Harbour Gazette"
    assert title.endswith("· The Harbour Gazette")
    assert footer == "The Harbour Gazette"
    assert "127.0.0.1:8000" not in page


def test_signed_in_sign_out_page_shows_the_newsroom_name(
    client, named_site, reader_user
):
    client.force_login(reader_user)
    page = client.get("/accounts/sign-out/").content.decode()
    assert _masthead_title_footer(page)[0] == "The Harbour Gazette"
    assert "127.0.0.1:8000" not in page


# ----- coming back to the article -----


def test_sign_up_returns_to_the_page_it_came_from(client):
    article = make_article()
    url = article.get_absolute_url()
    page = client.get(f"/accounts/sign-up/?next={url}%23comments").content.decode()
    assert f'name="next" value="{url}#comments"' in page
    response = client.post("/accounts/sign-up/", {**SIGN_UP, "next": f"{url}#comments"})
    assert response.status_code == 302
    assert response["Location"] == f"{url}#comments"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "/accounts/sign-up/",
    ],
)
def test_sign_up_does_not_send_a_reader_elsewhere(client, target):
    """Another site, or the account pages themselves: the front page instead."""
    page = client.get("/accounts/sign-up/", {"next": target}).content.decode()
    assert 'name="next"' not in page
    response = client.post("/accounts/sign-up/", {**SIGN_UP, "next": target})
    assert response["Location"] == "/"


def test_sign_in_and_sign_up_link_to_each_other_keeping_next(client):
    sign_in = client.get("/accounts/sign-in/?next=/articles/x/").content.decode()
    assert 'href="/accounts/sign-up/?next=/articles/x/"' in sign_in
    sign_up = client.get("/accounts/sign-up/?next=/articles/x/").content.decode()
    assert 'href="/accounts/sign-in/?next=/articles/x/"' in sign_up


def test_the_masthead_links_carry_the_page(client):
    url = make_article().get_absolute_url()
    page = client.get(url).content.decode()
    assert f'href="/accounts/sign-in/?next={url}"' in page
    assert f'href="/accounts/sign-up/?next={url}"' in page


def test_signing_in_from_the_sign_in_page_itself_does_not_loop(client, reader_user):
    """The masthead's Sign in link on the sign-in page names that page."""
    response = client.post(
        "/accounts/sign-in/?next=/accounts/sign-in/",
        {
            "username": "reader",
            "password": "pw-reader-123",
            "next": "/accounts/sign-in/",
        },
    )
    assert response["Location"] == "/"
    assert client.get("/accounts/sign-in/?next=/accounts/sign-in/").status_code == 302


# ----- signing out -----


def test_sign_out_by_get_offers_the_button(client, reader_user):
    """A link to sign out shows a form that posts; the GET signs no one out."""
    client.force_login(reader_user)
    response = client.get("/accounts/sign-out/?next=/articles/x/")
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<form method="post"[^>]*>', page)
    assert 'name="next" value="/articles/x/"' in page
    assert "_auth_user_id" in client.session
    response = client.post("/accounts/sign-out/", {"next": "/articles/x/"})
    assert response["Location"] == "/articles/x/"
    assert "_auth_user_id" not in client.session
    # Never to another site.
    client.force_login(reader_user)
    page = client.get("/accounts/sign-out/?next=https://evil.example/").content.decode()
    assert "evil.example" not in page
    response = client.post("/accounts/sign-out/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_the_discussion_links_to_sign_in_and_sign_up_keeping_the_article(client):
    """A guest at the comment form may sign in or sign up, and come back to it."""
    url = make_article().get_absolute_url()
    page = client.get(url).content.decode()
    back = f"{url}%23comment-form"
    assert f'href="/accounts/sign-in/?next={back}"' in page
    assert f'href="/accounts/sign-up/?next={back}"' in page
    response = client.post(
        "/accounts/sign-up/", {**SIGN_UP, "next": f"{url}#comment-form"}
    )
    assert response["Location"] == f"{url}#comment-form"
    page = client.get(url).content.decode()
    assert "Commenting as <strong>New Reader</strong>" in page


def test_the_masthead_on_an_account_page_keeps_its_next(client):
    """From sign-in to sign-up by the masthead, the article is not forgotten."""
    page = client.get("/accounts/sign-in/?next=/articles/x/").content.decode()
    masthead = re.search(r'<nav class="masthead__nav".*?</nav>', page, re.S).group(0)
    assert 'href="/accounts/sign-up/?next=/articles/x/"' in masthead
    assert 'href="/accounts/sign-in/?next=/articles/x/"' in masthead
