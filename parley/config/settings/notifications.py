"""
"Notify of" e-mail, digests and the background tasks that send them
(docs/notifications.md). Read from the environment:
"""

import os

# SITE_URL             the site's public address, for links in mail (default
#                      http://127.0.0.1:8000, what make run serves)
# DEFAULT_FROM_EMAIL   the sending address; mail shows it under SITE_NAME
# EMAIL_HOST           an SMTP server: set, mail goes out through it; unset, it
#                      is printed on the worker's console (make run)
# EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS ("1"),
# EMAIL_USE_SSL ("1"), EMAIL_TIMEOUT (seconds, default 10)
# PARLEY_DIGEST_HOUR   the hour (UTC) daily digests go out (default 7)

# The apps background tasks need (base.py adds them to INSTALLED_APPS).
TASK_APPS = ["django_tasks", "django_tasks_db"]
PARLEY_SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "notifications@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = EMAIL_HOST or "localhost"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS") == "1"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL") == "1"
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# Background tasks (django-tasks): in the database by default, run by
# `manage.py taskworker`; in Redis through RQ when REDIS_URL is set.
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}
if os.environ.get("REDIS_URL"):
    TASK_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": os.environ["REDIS_URL"], "DEFAULT_TIMEOUT": 300}}
    # No RQ dashboard in the admin: the queue is read with `rq info`.
    RQ_SHOW_ADMIN_LINK = False
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
# A guest's confirmation mail stands this long: asking again within it sends
# nothing; an address gets confirmations for at most this many threads a day.
PARLEY_CONFIRMATION_WINDOW_SECONDS = 3600
PARLEY_CONFIRMATIONS_PER_ADDRESS_PER_DAY = 5
# Links in mail: confirming works for 7 days, unsubscribing and managing for 90
# (every mail carries fresh ones).
PARLEY_CONFIRM_LINK_DAYS = 7
PARLEY_MANAGE_LINK_DAYS = 90
# A send that fails is tried again after 1, 4, 16, 64 … minutes, this many times.
PARLEY_MAIL_RETRY_SECONDS = 60
PARLEY_MAIL_ATTEMPTS = 6
PARLEY_DIGEST_HOUR = int(os.environ.get("PARLEY_DIGEST_HOUR", "7"))
# Subscribe requests from one address (base.py puts it in PARLEY_RATE_LIMITS).
SUBSCRIBE_RATE_LIMIT = os.environ.get("PARLEY_RATE_LIMIT_SUBSCRIBE", "10/hour;30/day")
