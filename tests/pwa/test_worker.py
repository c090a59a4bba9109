"""The service worker script, /sw.js."""

import json
import re

import pytest

from parley.pwa import worker

pytestmark = pytest.mark.django_db
CONFIG = re.compile(r"^const CONFIG = (\{.*\});$", re.MULTILINE)


@pytest.fixture(autouse=True)
def _fresh_script():
    worker._script.cache_clear()
    yield
    worker._script.cache_clear()


def _config(client) -> dict:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    return json.loads(CONFIG.search(response.content.decode()).group(1))


def test_it_is_served_from_the_root_so_its_scope_is_the_site(client):
    """A worker's scope can't be above its script: at /sw.js, it is /."""
    response = client.get("/sw.js")
    assert "Service-Worker-Allowed" not in response
    assert response.content.decode().startswith("const CONFIG = {")
    assert 'self.addEventListener("fetch"' in response.content.decode()


def test_its_shell_is_there_for_it_to_keep(client):
    """Installing fails if any file of the shell can't be fetched."""
    config = _config(client)
    assert config["offline"] == "/offline/"
    assert "/offline/" in config["shell"]
    for url in config["shell"]:
        assert client.get(url).status_code == 200, url


def test_it_keeps_as_many_articles_as_the_setting_says(client, settings):
    assert _config(client)["keep"] == 30
    settings.PARLEY_APP_OFFLINE_ARTICLES = 5
    assert _config(client)["keep"] == 5


def test_it_knows_an_article_page_from_others(client):
    pattern = re.compile(_config(client)["articlePath"])
    assert pattern.match("/articles/the-bridge-reopens/")
    for path in ("/", "/articles/", "/tags/rain/", "/articles/a/b/", "/offline/"):
        assert not pattern.match(path), path


def test_its_version_moves_with_what_it_keeps(client, settings):
    """A browser installs a new worker only when the script's bytes change."""
    before = _config(client)["version"]
    assert _config(client)["version"] == before
    settings.PARLEY_APP_OFFLINE_ARTICLES = 12
    assert _config(client)["version"] != before


def test_its_version_moves_when_a_shell_file_changes(client, tmp_path, monkeypatch):
    """In development the files' names carry no hash: their content counts."""
    before = _config(client)["version"]
    changed = tmp_path / "app.css"
    changed.write_text("/* changed */")
    real_find = worker.finders.find
    monkeypatch.setattr(
        worker.finders,
        "find",
        lambda path: str(changed) if path == "pwa/app.css" else real_find(path),
    )
    worker._script.cache_clear()
    assert _config(client)["version"] != before


def test_a_browser_holding_it_gets_304(client):
    first = client.get("/sw.js")
    again = client.get("/sw.js", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert not first.cookies
