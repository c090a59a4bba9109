"""
Production settings: everything from the environment, secure cookies, no debug,
static files collected once and served by WhiteNoise with far-future caching.

PARLEY_INSECURE_COOKIES  "1" to allow cookies over plain http (local trials only)
CSRF_TRUSTED_ORIGINS     comma-separated https origins the site is served from
"""

import os

from .base import *  # noqa: F403
from .base import _env_list

DEBUG = False
WHITENOISE_USE_FINDERS = False
SESSION_COOKIE_SECURE = os.environ.get("PARLEY_INSECURE_COOKIES") != "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")
# The proxy in front terminates TLS and says so in this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
