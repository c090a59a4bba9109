from django.apps import AppConfig


class PwaConfig(AppConfig):
    name = "parley.pwa"
    label = "pwa"
    verbose_name = "Continue on app"
