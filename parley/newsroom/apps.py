from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "parley.newsroom"
    label = "newsroom"
