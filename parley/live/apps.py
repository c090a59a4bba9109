from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "parley.live"
    label = "live"
    verbose_name = "Live updates"

    def ready(self):
        from django.core import checks

        from parley.discussions import signals

        from . import receivers
        from .checks import bus_reaches_every_process

        checks.register(bus_reaches_every_process, deploy=True)
        signals.comment_written.connect(
            receivers.on_comment_written, dispatch_uid="live.written"
        )
        signals.comment_status_changed.connect(
            receivers.on_status_changed, dispatch_uid="live.status"
        )
        signals.comment_voted.connect(receivers.on_voted, dispatch_uid="live.voted")
