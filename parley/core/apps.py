from django.apps import AppConfig

# The module, not its class: a config class in this module's namespace would be
# a candidate for parley.core's own config.
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "parley.core"
    label = "core"

    def ready(self):
        from . import checks

        checks.register()


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the newsroom's site as `admin.site`. Listed after
    parley.core in INSTALLED_APPS, so that core's admin/base_site.html (the
    site's icon) is found before the admin's own."""

    default = False  # parley.core's own config stays CoreConfig
    default_site = "parley.core.admin.NewsroomAdminSite"
