"""The admin under the newsroom's name (see apps.NewsroomAdminConfig)."""

from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext


class NewsroomAdminSite(admin.AdminSite):
    """
    Django's admin, branded "<SITE_NAME> newsroom" in its header, its pages'
    titles and its index. The name is read when a page is shown, in the
    reader's language, never when this module is imported.
    """

    @property
    def site_header(self) -> str:
        return gettext("%(site_name)s newsroom") % {"site_name": settings.SITE_NAME}

    @property
    def site_title(self) -> str:
        return self.site_header

    @property
    def index_title(self) -> str:
        return gettext("Articles, discussions and readers")
