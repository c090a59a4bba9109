"""
Production settings: everything from the environment, https only, secure cookies,
no debug, static files collected once and served by WhiteNoise with far-future
caching.

Every app process refuses to start, naming the reason, on a weak SECRET_KEY, a
wildcard ALLOWED_HOSTS or DEBUG (parley/core/checks.py); so does
`manage.py check --deploy --fail-level ERROR`, which `make serve-prod` runs first.

CSRF_TRUSTED_ORIGINS  comma-separated https origins the site is served from
PARLEY_HSTS_SECONDS   how long browsers keep to https for this host once told
                      (default one year; 0 sends no Strict-Transport-Security)
PARLEY_PLAIN_HTTP     "1" for a trial over plain http on loopback: cookies without
                      Secure, no redirect to https, no HSTS. Refused unless
                      ALLOWED_HOSTS names only localhost, 127.0.0.1 or [::1].
"""

import os

from .base import *  # noqa: F403
from .base import _env_list

DEBUG = False
PARLEY_REFUSE_UNSAFE_START = True
PARLEY_PLAIN_HTTP = os.environ.get("PARLEY_PLAIN_HTTP") == "1"
WHITENOISE_USE_FINDERS = False
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")

# The proxy in front terminates TLS and says so in this header; requests that
# reached it over plain http are redirected to https. App processes must be
# reachable only through that proxy, which sets the header on every request.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = not PARLEY_PLAIN_HTTP
# Subdomains are left out: other hosts under the site's domain are not
# necessarily Parley's to move to https.
SECURE_HSTS_SECONDS = (
    0 if PARLEY_PLAIN_HTTP else int(os.environ.get("PARLEY_HSTS_SECONDS", "31536000"))
)
# Django warns about both choices above on every start (subdomains, preload),
# and its weak-key warning repeats parley.E001, which refuses to start: keep the
# start's output to what needs acting on.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W009", "security.W021"]
# Session, CSRF, edit-token and voter cookies (parley.discussions.tokens follows
# SESSION_COOKIE_SECURE) travel over https only.
SESSION_COOKIE_SECURE = not PARLEY_PLAIN_HTTP
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
