from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "parley.newsroom"
    label = "newsroom"

    def ready(self):
        from . import receivers, search_index

        receivers.connect()
        search_index.connect(self)
