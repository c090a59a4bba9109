"""
Run the background tasks (notification mail, digests) until stopped: the
database backend's worker by default, RQ's worker (with its scheduler, for
retries and the daily run) when the RQ backend is configured. Before it starts
it makes sure the next daily run is queued.
"""

import os
import signal
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

from parley.notifications.tasks import ensure_schedule


def _stop_when_gone(pid: int) -> None:
    """Stop this worker (as Ctrl-C would) once process `pid` has ended: `make
    run` starts it in the background, where the terminal's Ctrl-C can't reach."""

    def watch():
        while True:
            time.sleep(1)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os.kill(os.getpid(), signal.SIGTERM)
                return
            except PermissionError:
                continue

    threading.Thread(target=watch, daemon=True, name="stop-with").start()


class Command(BaseCommand):
    help = "Run background tasks (notification mail, digests) until stopped."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Run every task that is due, then exit.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between looks at an empty database queue (default 1).",
        )
        parser.add_argument(
            "--stop-with",
            type=int,
            default=0,
            metavar="PID",
            help="Exit when this process ends (make run passes its own).",
        )

    def handle(self, *, batch, interval, stop_with, verbosity, **options):
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        kind = type(backend).__module__.split(".")[0]
        if stop_with:
            _stop_when_gone(stop_with)
        if not batch:
            ensure_schedule()
        if kind == "django_tasks_db":
            call_command(
                "db_worker",
                queue_name=",".join(backend.queues) or "default",
                interval=interval,
                batch=batch,
                reload=False,
                startup_delay=False,
                verbosity=verbosity,
            )
        elif kind == "django_tasks_rq":
            call_command(
                "rqworker",
                *sorted(backend.queues),
                job_class="django_tasks_rq.Job",
                with_scheduler=True,
                burst=batch,
                verbosity=verbosity,
            )
        else:
            raise CommandError(
                f"The task backend {type(backend).__name__} has no worker to run."
            )
