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
