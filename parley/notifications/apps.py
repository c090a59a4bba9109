from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "parley.notifications"
    label = "notifications"

    def ready(self):
        from . import receivers

        receivers.connect()
