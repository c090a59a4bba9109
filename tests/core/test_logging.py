"""A request answered 4xx logs one line; a malformed Content-Length is a 400."""

import logging
import os
import re
import socket
import subprocess
import sys
import time

import pytest
from django.core.exceptions import DisallowedRedirect
from django.http import HttpResponse
from django.urls import path
from django.utils.module_loading import import_string

from parley.config.urls import urlpatterns as site_urlpatterns
from tests.helpers import ROOT, database_url
from tests.ops.conftest import AppProcess, free_port


def redirect_to_javascript(request):
    raise DisallowedRedirect("Unsafe redirect to URL with protocol 'javascript'")


def server_fault(request):
    raise RuntimeError("a bug")


def fine(request):
    return HttpResponse("ok")


urlpatterns = [
    path("redirect/", redirect_to_javascript),
    path("fault/", server_fault),
    path("fine/", fine),
    *site_urlpatterns,
]


def configured_formatter(settings) -> logging.Formatter:
    config = settings.LOGGING["formatters"][
        settings.LOGGING["handlers"]["console"]["formatter"]
    ]
    return import_string(config["()"])(config["format"])


@pytest.mark.urls(__name__)
def test_disallowed_redirect_logs_one_line(client, caplog, settings):
    response = client.get("/redirect/")
    assert response.status_code == 400
    [record] = [r for r in caplog.records if r.name.startswith("django.security")]
    assert record.exc_info  # Django attaches the traceback...
    line = configured_formatter(settings).format(record)
    assert line == (  # ...the log shows one line without it
        "ERROR django.security.DisallowedRedirect: "
        "Unsafe redirect to URL with protocol 'javascript'"
    )


@pytest.mark.urls(__name__)
def test_line_breaks_from_the_path_stay_on_one_line(client, caplog, settings):
    client.get("/missing%0AERROR%20forged%20entry/")
    [record] = [r for r in caplog.records if r.name == "django.request"]
    line = configured_formatter(settings).format(record)
    assert line == r"WARNING django.request: Not Found: /missing\nERROR forged entry/"


@pytest.mark.urls(__name__)
def test_server_fault_keeps_its_traceback(client, caplog, settings):
    client.raise_request_exception = False
    response = client.get("/fault/")
    assert response.status_code == 500
    [record] = [r for r in caplog.records if r.name == "django.request"]
    text = configured_formatter(settings).format(record)
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: a bug" in text


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("length", ["abc", "-1", "1e3", " 12"])
def test_malformed_content_length_is_a_bad_request(client, length):
    response = client.generic(
        "POST",
        "/fine/",
        b"x=1",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=length,
    )
    assert response.status_code == 400


def test_malformed_content_length_on_the_api_answers_json(client):
    response = client.generic(
        "POST",
        "/api/v1/threads/k/comments",
        b"{}",
        content_type="application/json",
        CONTENT_LENGTH="abc",
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "The Content-Length header is not a number."}


def raw_request(port: int, request: bytes) -> int:
    """Send bytes as they are; return the answer's status code."""
    with socket.create_connection(("127.0.0.1", port), timeout=15) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1])


def http_request(method: str, path: str, host: str = "127.0.0.1", **headers) -> bytes:
    body = headers.pop("body", b"")
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: close"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


BAD_REQUESTS = {
    "host": http_request("GET", "/", host="evil.example"),
    "length": http_request(
        "POST",
        "/accounts/sign-in/",
        Content_Type="application/x-www-form-urlencoded",
        Content_Length="abc",
    ),
    # The sign-in view reads the form and finds it too large.
    "too big": http_request(
        "POST",
        "/accounts/sign-in/",
        Content_Type="application/x-www-form-urlencoded",
        Content_Length=str(300 * 1024),
        body=b"a=" + b"x" * (300 * 1024 - 2),
    ),
    "missing": http_request("GET", "/no-such-page/"),
}


@pytest.mark.django_db(transaction=True)
def test_development_server_logs_each_4xx_in_one_line(tmp_path):
    """`manage.py runserver` answers 400, never 500, and logs no traceback."""
    port = free_port()
    log = tmp_path / "runserver.log"
    banner = tmp_path / "runserver.out"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "parley.config.settings.base",
        "DATABASE_URL": database_url(),
        "PARLEY_VAR_DIR": str(tmp_path / "var"),
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=banner.open("w"),
        stderr=log.open("w"),
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while "Quit the server" not in banner.read_text():
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        statuses = {name: raw_request(port, raw) for name, raw in BAD_REQUESTS.items()}
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=10)

    assert statuses == {"host": 400, "length": 400, "too big": 400, "missing": 404}
    text = log.read_text()
    assert "Traceback" not in text
    # Besides the server's own access lines ("[date] "GET / HTTP/1.1" 400 143"),
    # one line per request.
    app_lines = [
        line
        for line in text.splitlines()
        if line.strip() and not re.match(r"^\[[^\]]+\] \"", line)
    ]
    assert len(app_lines) == len(BAD_REQUESTS), app_lines


@pytest.mark.django_db(transaction=True)
def test_production_server_answers_400_in_one_line(tmp_path):
    """granian refuses a malformed Content-Length itself; Django's 400s stay short."""
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "parley.config.settings.prod",
            "PARLEY_VAR_DIR": str(tmp_path / "var"),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert collected.returncode == 0, collected.stderr
    app = AppProcess(tmp_path, "logs")
    try:
        statuses = {
            name: raw_request(app.port, raw) for name, raw in BAD_REQUESTS.items()
        }
    finally:
        app.stop()
    assert statuses == {"host": 400, "length": 400, "too big": 400, "missing": 404}
    text = app.log.read_text()
    assert "Traceback" not in text
    app_lines = [
        line for line in text.splitlines() if line.startswith(("WARNING", "ERROR"))
    ]
    assert len(app_lines) == 3, text  # granian answered the bad length itself
