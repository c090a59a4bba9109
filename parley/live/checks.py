"""What `manage.py check --deploy` says about live updates."""

from django.core.checks import Warning as CheckWarning

from . import conf


def bus_reaches_every_process(app_configs, **kwargs):
    """Warn when live events can't leave the process that published them."""
    if conf.redis_url():
        return []
    return [
        CheckWarning(
            "Without REDIS_URL, live updates reach only the readers connected to the "
            "app process where a comment was written.",
            hint="Set REDIS_URL when running more than one app process "
            "(make serve-prod runs WORKERS of them).",
            id="live.W001",
        )
    ]
