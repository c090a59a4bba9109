"""Logging, shared by every deployment."""

# Everything goes to stderr, warnings and up. A request answered 4xx (a missing
# page, a refused host, a body too large, a forged redirect) logs one line; a 5xx
# keeps its traceback. Django's own handlers for the "django" logger (mail to
# ADMINS, a second console in DEBUG) give way to this one; the development
# server's access lines ("django.server") stay as Django prints them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "parley": {
            "()": "parley.core.logs.OneLineFormatter",
            "format": "%(levelname)s %(name)s: %(message)s",
        },
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "filters": {"once_per_refusal": {"()": "parley.core.logs.OncePerRefusal"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "parley"},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
        },
    },
    "loggers": {
        "django": {"handlers": [], "level": "WARNING", "propagate": True},
        "django.security.csrf": {"filters": ["once_per_refusal"]},
        "modern_csrf": {"filters": ["once_per_refusal"]},
        "django.request": {"filters": ["once_per_refusal"]},
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
