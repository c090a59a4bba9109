"""Production settings: everything from the environment, secure cookies, no debug."""

import os

from .base import *  # noqa: F403

DEBUG = False
WHITENOISE_USE_FINDERS = False
SESSION_COOKIE_SECURE = os.environ.get("PARLEY_INSECURE_COOKIES") != "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
