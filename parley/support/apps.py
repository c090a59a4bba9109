from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "parley.support"
    label = "support"
    verbose_name = "Reader support"

    def ready(self):
        from . import panels, receivers

        panels.register()
        receivers.connect()
