"""Database helpers shared by every app's actions."""

import fcntl
import os
import threading
from contextlib import contextmanager

from django.db import connections, transaction

_sqlite_writer = threading.Lock()
_lock_files: dict[str, int] = {}


def _writer_lock_fd(database_path: str) -> int:
    """Return this process's descriptor of the lock file beside a SQLite database."""
    fd = _lock_files.get(database_path)
    if fd is None:
        fd = os.open(f"{database_path}.writer-lock", os.O_RDWR | os.O_CREAT, 0o600)
        _lock_files[database_path] = fd
    return fd


@contextmanager
def write_transaction(using: str = "default"):
    """
    Run a block as one write transaction.

    On SQLite only one writer can hold the database; the others wait in SQLite's
    busy handler, which sleeps in steps of up to 100 ms. Writers instead queue on
    a lock, within the process and, through flock on a file beside the database,
    across the app's processes: the kernel wakes the next writer the moment the
    last one commits. PostgreSQL needs no such thing.
    """
    connection = connections[using]
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic(using=using):
            yield
        return
    path = str(connection.settings_dict["NAME"])
    in_memory = path == ":memory:" or "mode=memory" in path
    with _sqlite_writer:
        fd = None if in_memory else _writer_lock_fd(path)
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            with transaction.atomic(using=using):
                yield
        finally:
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)


def one_writer(using: str = "default") -> bool:
    """Return True if the database takes one writer at a time (SQLite): there,
    a write may as well do all its work in one turn."""
    return connections[using].vendor == "sqlite"


@contextmanager
def lossy_transaction(using: str = "default"):
    """
    Run a block as its own short write transaction whose loss in a crash is
    harmless (a cache version bump: a lost one only delays a refresh until the
    next write). On PostgreSQL its commit does not wait for the WAL to reach
    the disk; it is visible to other sessions all the same. Inside another
    transaction it is part of that one, durability and all.
    """
    connection = connections[using]
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        with write_transaction(using):
            yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield
