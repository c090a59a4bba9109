"""Production settings refuse an unsafe start and keep readers on https."""

import http.client
import os
import subprocess
import sys

import pytest
from django.core import checks

from tests.factories import make_thread
from tests.helpers import ROOT
from tests.ops.conftest import APP_SECRET_KEY, AppProcess

PROD = "parley.config.settings.prod"
WEAK_KEYS = [
    "insecure",
    "django-insecure-" + "x1y2z3" * 10,
    "Insecure-but-long-enough-" + "abcdefghij" * 4,
    "short-but-random-9f8e7d",
    "ab" * 40,
]


def deployment_errors() -> set[str]:
    return {
        message.id
        for message in checks.run_checks(include_deployment_checks=True)
        if message.is_serious()
    }


def prod_environment(tmp_path, **overrides) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": PROD,
        "PARLEY_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": APP_SECRET_KEY,
        "ALLOWED_HOSTS": "news.example",
        **overrides,
    }


@pytest.mark.parametrize("key", WEAK_KEYS)
def test_weak_secret_key_is_a_deployment_error(settings, key):
    settings.SECRET_KEY = key
    assert "parley.E001" in deployment_errors()


def test_weak_fallback_key_is_a_deployment_error(settings):
    settings.SECRET_KEY = APP_SECRET_KEY
    settings.SECRET_KEY_FALLBACKS = ["insecure"]
    assert "parley.E001" in deployment_errors()


def test_strong_key_named_hosts_and_no_debug_pass(settings):
    settings.SECRET_KEY = APP_SECRET_KEY
    settings.ALLOWED_HOSTS = ["news.example"]
    settings.DEBUG = False
    assert not {"parley.E001", "parley.E002", "parley.E003"} & deployment_errors()


def test_wildcard_allowed_hosts_is_a_deployment_error(settings):
    settings.ALLOWED_HOSTS = ["news.example", "*"]
    assert "parley.E002" in deployment_errors()


def test_debug_is_a_deployment_error(settings):
    settings.DEBUG = True
    assert "parley.E003" in deployment_errors()


def test_plain_http_trial_is_refused_beyond_loopback(settings):
    settings.PARLEY_PLAIN_HTTP = True
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
    assert "parley.E004" not in deployment_errors()
    settings.ALLOWED_HOSTS = ["127.0.0.1", "news.example"]
    assert "parley.E004" in deployment_errors()


def test_check_deploy_fails_on_the_issue_settings(tmp_path):
    """`manage.py check --deploy` (run by make serve-prod) fails and says why."""
    env = prod_environment(tmp_path, SECRET_KEY="insecure", ALLOWED_HOSTS="*")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "parley.E001" in result.stderr
    assert "parley.E002" in result.stderr


@pytest.mark.parametrize("module", ["parley.config.wsgi", "parley.config.asgi"])
def test_app_module_refuses_to_load_with_a_weak_key(tmp_path, module):
    env = prod_environment(tmp_path, SECRET_KEY="insecure", ALLOWED_HOSTS="*")
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "Parley refuses to start with these settings" in result.stderr
    assert "SECRET_KEY is too weak" in result.stderr
    assert "ALLOWED_HOSTS must name the site's host names" in result.stderr
    assert "Traceback" not in result.stderr


def test_app_module_loads_with_safe_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import parley.config.wsgi"],
        cwd=ROOT,
        env=prod_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.django_db(transaction=True)
def test_granian_exits_instead_of_serving_with_a_weak_key(tmp_path):
    """The server the Makefile starts stops, with the reason in its log."""
    try:
        served = AppProcess(
            tmp_path, "weak", env={"SECRET_KEY": "insecure", "ALLOWED_HOSTS": "*"}
        )
    except RuntimeError as refused:
        assert "app process died" in str(refused)
        assert "SECRET_KEY is too weak" in str(refused)
    else:
        served.stop()
        pytest.fail("granian served with SECRET_KEY=insecure and ALLOWED_HOSTS=*")


def get(app: AppProcess, path: str, headers: dict | None = None):
    """Return (status, headers) without following redirects."""
    connection = http.client.HTTPConnection("127.0.0.1", app.port, timeout=15)
    try:
        connection.request("GET", path, headers={"Host": "news.example", **headers})
        response = connection.getresponse()
        response.read()
        return response.status, response.headers
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_production_redirects_to_https_and_sends_hsts(tmp_path):
    """Behind the proxy's X-Forwarded-Proto, http goes to https, https gets HSTS."""
    app = AppProcess(
        tmp_path,
        "https",
        env={"PARLEY_PLAIN_HTTP": "", "ALLOWED_HOSTS": "news.example,127.0.0.1"},
    )
    try:
        status, headers = get(app, "/api/v1/counts?thread=x", {})
        assert status == 301
        assert headers["Location"] == "https://news.example/api/v1/counts?thread=x"
        assert "Strict-Transport-Security" not in headers

        status, headers = get(
            app, "/api/v1/counts?thread=x", {"X-Forwarded-Proto": "https"}
        )
        assert status == 200
        assert headers["Strict-Transport-Security"] == "max-age=31536000"
    finally:
        app.stop()


@pytest.mark.django_db
def test_edit_and_voter_cookies_are_secure_like_the_session_cookie(client, settings):
    """Posting and voting on the site set cookies that never travel over http."""
    settings.SESSION_COOKIE_SECURE = True
    make_thread("k")
    created = client.post(
        "/api/v1/threads/k/comments",
        {"body": "mine", "name": "N"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    voted = client.post(
        f"/api/v1/comments/{created.json()['id']}/vote",
        {"value": 1},
        content_type="application/json",
    )
    assert voted.status_code == 200
    edit = client.cookies[f"parley-edit-{created.json()['id']}"]
    voter = client.cookies["parley-voter"]
    for cookie in (edit, voter):
        assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (
            True,
            True,
            "Lax",
        )


def test_plain_http_cookies_follow_the_session_cookie(settings):
    from django.http import HttpResponse

    from parley.discussions.tokens import set_edit_cookie, set_voter_cookie

    settings.SESSION_COOKIE_SECURE = False
    response = HttpResponse()
    set_edit_cookie(response, 7)
    set_voter_cookie(response, "token")
    assert not response.cookies["parley-edit-7"]["secure"]
    assert not response.cookies["parley-voter"]["secure"]
