from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "parley.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the audit log to the intake)
