from django.contrib import admin
from django.contrib.flatpages import views as flatpages
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from parley.api.api import api
from parley.newsroom.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("parley.accounts.urls")),
    path("moderate/", include("parley.moderation.urls")),
    path("notifications/", include("parley.notifications.urls")),
    path("support/", include("parley.support.urls")),
    path("", include("parley.discussions.urls")),
    path("", include("parley.embed.urls")),
    path("", include("parley.pwa.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "community-guidelines/",
        flatpages.flatpage,
        {"url": "/community-guidelines/"},
        name="guidelines",
    ),
    path("pages/<path:url>", flatpages.flatpage, name="flatpage"),
    path("", include("parley.newsroom.urls")),
]
