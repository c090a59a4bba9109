from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "parley.newsroom"
    label = "newsroom"

    def ready(self):
        from . import receivers

        receivers.connect()
