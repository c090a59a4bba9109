"""
Deployment checks that refuse an unsafe production start.

Django's own deployment checks only warn about a weak SECRET_KEY, a wildcard
ALLOWED_HOSTS or DEBUG; for Parley each of them is an error: a guessable key
forges edit and voter tokens, a wildcard host lets any Host header into the
absolute URLs the site writes (the embed snippet, feeds, e-mails). They run with
`manage.py check --deploy`, and every production app process runs them before
serving (`refuse_unsafe_start`, called from wsgi.py and asgi.py).
"""

from django.conf import settings
from django.core import checks

# Django's own thresholds (django.core.checks.security.base), plus the prefix of
# the placeholder keys people type by hand.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
SECRET_KEY_WEAK_PREFIXES = ("django-insecure", "insecure")
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "[::1]"}


def secret_key_is_weak(key: str) -> bool:
    """Return True if this key is short, repetitive or a known placeholder."""
    return (
        len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or key.lower().startswith(SECRET_KEY_WEAK_PREFIXES)
    )


def check_secret_key(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    keys = [("SECRET_KEY", settings.SECRET_KEY)] + [
        (f"SECRET_KEY_FALLBACKS[{index}]", key)
        for index, key in enumerate(settings.SECRET_KEY_FALLBACKS)
    ]
    return [
        checks.Error(
            f"{name} is too weak to sign tokens: it must be at least "
            f"{SECRET_KEY_MIN_LENGTH} random characters and not a placeholder.",
            hint="Generate one with: python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'",
            id="parley.E001",
        )
        for name, key in keys
        if secret_key_is_weak(str(key))
    ]


def check_allowed_hosts(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if "*" not in settings.ALLOWED_HOSTS:
        return []
    return [
        checks.Error(
            "ALLOWED_HOSTS must name the site's host names, not '*'.",
            hint="Set ALLOWED_HOSTS=news.example (comma-separated).",
            id="parley.E002",
        )
    ]


def check_debug(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if not settings.DEBUG:
        return []
    return [
        checks.Error(
            "DEBUG must be off in production: its error pages show settings "
            "and source code.",
            id="parley.E003",
        )
    ]


def check_plain_http(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if not getattr(settings, "PARLEY_PLAIN_HTTP", False):
        return []
    public = sorted(set(settings.ALLOWED_HOSTS) - LOOPBACK_HOSTS)
    if not public:
        return []
    return [
        checks.Error(
            "PARLEY_PLAIN_HTTP is for trials on loopback only, but ALLOWED_HOSTS "
            f"names {', '.join(public)}.",
            hint="Serve the site over https and unset PARLEY_PLAIN_HTTP.",
            id="parley.E004",
        )
    ]


def check_site_language(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """PARLEY_LANGUAGE must be one of LANGUAGES: a site forced into a language
    it has no catalogue for would be English with a foreign <html lang>."""
    codes = [code for code, _name in settings.LANGUAGES]
    if not settings.PARLEY_LANGUAGE or settings.PARLEY_LANGUAGE in codes:
        return []
    return [
        checks.Error(
            f"PARLEY_LANGUAGE is {settings.PARLEY_LANGUAGE!r}, which is not one of "
            f"the site's languages ({', '.join(codes)}).",
            hint="Unset it to let each reader's browser choose.",
            id="parley.E005",
        )
    ]


DEPLOYMENT_CHECKS = [
    check_secret_key,
    check_allowed_hosts,
    check_debug,
    check_plain_http,
]


def register() -> None:
    for check in DEPLOYMENT_CHECKS:
        checks.register(check, checks.Tags.security, deploy=True)
    checks.register(check_site_language)


def refuse_unsafe_start() -> None:
    """
    Exit the process, naming every reason, if the deployment checks find an
    error and the settings ask for it (PARLEY_REFUSE_UNSAFE_START, set by the
    production settings). Call once the apps are loaded.
    """
    if not getattr(settings, "PARLEY_REFUSE_UNSAFE_START", False):
        return
    errors = [
        message
        for message in checks.run_checks(
            include_deployment_checks=True, tags=[checks.Tags.security]
        )
        if message.is_serious() and not message.is_silenced()
    ]
    if errors:
        reasons = "\n".join(f"  {message}" for message in errors)
        raise SystemExit(f"Parley refuses to start with these settings:\n{reasons}")
