"""Settings for the test suite: fast hashing, in-memory mail, a per-run SQLite file."""

import os

from .base import *  # noqa: F403
from .base import CONTENT_CHECKS, DATABASES, VAR_DIR, _database

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMBED_ORIGINS = ["http://127.0.0.1:8765", "http://embed.example"]
# Tests of everything else post as trusted scripts would: without proof of work,
# rate limits or the toxicity model (whose judgement of "c 1" is not what they
# test). The intake's own tests turn all of it on (tests.conftest.full_intake).
PARLEY_INTAKE_CHECKS = [
    check for check in CONTENT_CHECKS if not check.endswith("ToxicityCheck")
]
PARLEY_THROTTLE = ""

if not os.environ.get("DATABASE_URL"):
    # A file, not memory, so that concurrent-writer tests and the browser tests'
    # live server see one database with SQLite's real locking.
    DATABASES = {"default": _database(f"sqlite:///{VAR_DIR / 'test-main.sqlite3'}")}
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-parley.sqlite3")}
else:
    # The suite's own connection is plain; app processes that tests start use
    # the production settings, pool included.
    DATABASES["default"].get("OPTIONS", {}).pop("pool", None)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False

# Notifications: tasks wait in the database, where tests run them with the real
# worker (tests/notifications); the RQ backend's test switches to it when
# REDIS_URL is set. Retries come due at once.
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}
PARLEY_MAIL_RETRY_SECONDS = 0
PARLEY_SITE_URL = "https://news.example"
