"""Every answer carries the Content-Security-Policy; nothing the site serves needs
more than it allows (no inline script, handler or style attribute)."""

import re
from pathlib import Path

import pytest
from django.urls import path

from parley.config.urls import urlpatterns as site_urlpatterns
from tests.factories import make_article

PACKAGE = Path(__file__).resolve().parents[2] / "parley"
POLICY = "Content-Security-Policy"


def server_fault(request):
    raise RuntimeError("a bug")


urlpatterns = [path("fault/", server_fault), *site_urlpatterns]


def directives(response) -> dict[str, list[str]]:
    policy = response[POLICY]
    return {
        name: sources
        for name, *sources in (part.split() for part in policy.split(";") if part)
    }


def assert_strict(response) -> None:
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no nonce: no page needs one
    assert policy["style-src"] == ["'self'"]
    assert policy["worker-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response[POLICY]
    assert "'unsafe-eval'" not in response[POLICY]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "ARTICLE",
        "/embed/",
        "/accounts/sign-in/",
        "/admin/login/",
        "/moderate/",  # a redirect to sign in
        "/no-such-page/",
        "/api/v1/counts?thread=x",
        "/api/v1/docs",
    ],
)
def test_every_answer_sends_the_policy(client, url):
    if url == "ARTICLE":
        url = make_article().get_absolute_url()
    response = client.get(url)
    assert response.status_code in (200, 302, 404)
    assert_strict(response)


@pytest.mark.django_db
def test_staff_pages_send_the_policy(client, staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    article = make_article()
    for url in (
        "/moderate/",
        "/admin/",
        "/admin/newsroom/article/",
        f"/admin/newsroom/article/{article.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_error_pages_send_the_policy_and_need_no_inline_style(client):
    client.raise_request_exception = False
    fault = client.get("/fault/")
    assert fault.status_code == 500
    assert_strict(fault)
    assert b"style=" not in fault.content
    assert b"error-page.css" in fault.content

    refused_host = client.get("/", headers={"Host": "evil.example"})
    assert refused_host.status_code == 400
    assert_strict(refused_host)


@pytest.mark.django_db
def test_forms_may_post_back_to_the_embed_origins(client, settings):
    settings.EMBED_ORIGINS = ["https://blog.example"]
    response = client.get("/api/v1/counts?thread=x")
    assert directives(response)["form-action"] == ["'self'", "https://blog.example"]


INLINE_IN_HTML = {
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "event handler attribute": re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE),
    "style element": re.compile(r"<style\b", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}
INLINE_IN_SCRIPTS = {
    **INLINE_IN_HTML,
    "style set as an attribute": re.compile(r"setAttribute\(\s*[\"']style"),
    "style text": re.compile(r"\.style\.cssText|\.innerHTML\s*=\s*[\"'`]<style"),
    "string evaluated as code": re.compile(
        r"\beval\(|new Function\(|setTimeout\(\s*[\"'`]"
    ),
}


def test_templates_and_scripts_need_nothing_inline():
    """The policy allows no inline script, handler or style: none is written."""
    found = []
    for path_, patterns in [
        *((p, INLINE_IN_HTML) for p in PACKAGE.rglob("templates/**/*.html")),
        *((p, INLINE_IN_SCRIPTS) for p in PACKAGE.rglob("static/**/*.js")),
    ]:
        text = path_.read_text()
        if path_.suffix == ".js":
            # Comments may show the embed snippet, with its script tag.
            text = re.sub(r"^\s*//.*$", "", text, flags=re.MULTILINE)
        found.extend(
            f"{path_.relative_to(PACKAGE)}: {what}"
            for what, pattern in patterns.items()
            if pattern.search(text)
        )
    assert not found, "\n".join(found)
