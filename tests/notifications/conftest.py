"""A real SMTP server (aiosmtpd) on loopback whose received mail tests read,
and the task worker run the way `manage.py taskworker --batch` runs it."""

import email
import socket
from email import policy
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

SMTP_PORTS = range(2520, 2530)


class Inbox:
    """What the SMTP server received, as parsed messages; `refuse` answers the
    next N messages with a temporary failure (451), as a busy server would."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refuse = 0
        self.refused = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            self.refuse -= 1
            self.refused += 1
            return "451 4.3.0 Try again later"
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=policy.default)
        )
        return "250 Message accepted"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]

    def clear(self) -> None:
        self.messages.clear()


def _free_port() -> int:
    for port in SMTP_PORTS:
        with socket.socket() as probe:
            # As the server binds: a port a test just closed (TIME_WAIT) is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free SMTP test port in 2520-2529")


@pytest.fixture
def smtp(settings):
    """Start an SMTP server and send the site's mail to it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    inbox.port = controller.port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


def run_tasks() -> None:
    """Run every due task with the worker's own loop (the database backend's
    db_worker, in batch mode), in this process and on this test's database."""
    from django_tasks_db.management.commands import db_worker

    # The worker checks its connection between tasks, which would close a
    # test's transaction under it.
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        call_command("taskworker", "--batch", verbosity=0)


@pytest.fixture
def tasks():
    return run_tasks
