"""The worker command itself, as `make run` and production start it, in its
own process: the database backend always, RQ on Redis when REDIS_URL is set."""

import os

import pytest

from parley.discussions import actions
from parley.discussions.actions import Subscriber
from tests.factories import make_article
from tests.helpers import run_manage

pytestmark = pytest.mark.django_db(transaction=True)

ANN = "ann@example.org"


def _worker_env(smtp, **extra) -> dict:
    return {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "SITE_URL": "https://news.example",
        "REDIS_URL": "",
        **extra,
    }


def test_the_worker_process_runs_queued_tasks(smtp):
    """A guest subscribes in this process; `manage.py taskworker --batch`, in
    another, finds the task in the database and the confirmation arrives."""
    thread = make_article(headline="Harbour lights").thread
    actions.subscribe(thread, subscriber=Subscriber(email=ANN), kinds=["thread"])
    assert smtp.messages == []  # queued, not sent in the request
    done = run_manage("taskworker", "--batch", env=_worker_env(smtp))
    assert done.returncode == 0, done.stderr
    (mail,) = smtp.messages
    assert mail["To"] == ANN
    assert "Harbour lights" in str(mail["Subject"])


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")
def test_the_rq_worker_runs_tasks_queued_in_redis(smtp, settings):
    """With REDIS_URL, tasks go to Redis through RQ and RQ's worker runs them."""
    import django_rq

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
    }
    queue = django_rq.get_queue("default")
    queue.empty()
    thread = make_article(headline="Harbour lights").thread
    actions.subscribe(thread, subscriber=Subscriber(email=ANN), kinds=["thread"])
    assert queue.count == 1
    done = run_manage(
        "taskworker",
        "--batch",
        env=_worker_env(smtp, REDIS_URL=os.environ["REDIS_URL"]),
    )
    assert done.returncode == 0, done.stderr
    assert [m["To"] for m in smtp.messages] == [ANN]
    assert queue.count == 0
