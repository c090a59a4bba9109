"""Database helpers shared by every app's actions."""

import threading
from contextlib import contextmanager

from django.db import connections, transaction

_sqlite_writer = threading.Lock()


@contextmanager
def write_transaction(using: str = "default"):
    """
    Run a block as one write transaction.

    On SQLite only one writer can hold the database; others wait in SQLite's
    busy handler, which sleeps in steps of up to 100 ms. Writers of the same
    process queue on a lock instead and are woken at once, so under load the
    wait is the work ahead of you, not a sleep. PostgreSQL needs no such thing.
    """
    connection = connections[using]
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with _sqlite_writer, transaction.atomic(using=using):
            yield
    else:
        with transaction.atomic(using=using):
            yield
