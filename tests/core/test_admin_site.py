"""The admin carries the newsroom's name and the site's icon on every page."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/discussions/comment/",
        "/admin/accounts/user/add/",
        "/admin/password_change/",
    ],
)
def test_admin_pages_are_branded_with_the_site_name(editor_client, settings, path):
    """Header and title name the newsroom, from SITE_NAME as it is now."""
    settings.SITE_NAME = "The Harbour Gazette"
    page = editor_client.get(path).content.decode()
    assert "Django administration" not in page
    assert "Django site admin" not in page
    header = re.search(r'<div id="site-name"><a [^>]*>([^<]*)</a>', page).group(1)
    assert header == "The Harbour Gazette newsroom"
    title = re.search(r"<title>([^<]*)</title>", page).group(1)
    assert title.endswith("| The Harbour Gazette newsroom")


def test_the_admin_index_names_what_it_holds(editor_client):
    page = editor_client.get("/admin/").content.decode()
    assert "Site administration" not in page
    assert "Articles, discussions and readers" in page


def test_the_admin_sign_in_page_is_branded(client, settings):
    settings.SITE_NAME = "The Harbour Gazette"
    page = client.get("/admin/login/").content.decode()
    assert "The Harbour Gazette newsroom" in page
    assert "Django administration" not in page


@pytest.mark.parametrize("path", ["/admin/", "/admin/login/"])
def test_admin_pages_name_the_site_icon(editor_client, path):
    """A page without an icon link makes the browser ask /favicon.ico (a 404)."""
    client = editor_client if path == "/admin/" else Client()
    page = client.get(path).content.decode()
    match = re.search(r'<link rel="icon" href="([^"]+)"', page)
    assert match, "no icon on the admin page"
    assert Client().get(match.group(1)).status_code == 200
