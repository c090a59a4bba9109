from django.urls import path

from . import search_views, views
from .feeds import LatestArticlesAtomFeed, LatestArticlesFeed

app_name = "newsroom"
urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article, name="article"),
    path("tags/<slug:slug>/", views.tag, name="tag"),
    path("authors/<slug:slug>/", views.author, name="author"),
    path("search/", search_views.search, name="search"),
    path("feeds/rss/", LatestArticlesFeed(), name="feed_rss"),
    path("feeds/atom/", LatestArticlesAtomFeed(), name="feed_atom"),
]
