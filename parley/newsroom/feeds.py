from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from .queries import published_articles


class LatestArticlesFeed(Feed):
    link = reverse_lazy("newsroom:home")

    def title(self) -> str:
        return settings.SITE_NAME

    def description(self) -> str:
        return gettext("The latest stories from %(site_name)s.") % {
            "site_name": settings.SITE_NAME
        }

    def items(self):
        return published_articles()[:30]

    def item_title(self, item) -> str:
        return item.headline

    def item_description(self, item) -> str:
        return item.summary or (item.paragraphs[0] if item.paragraphs else "")

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item) -> str:
        return ", ".join(author.name for author in item.authors.all())

    def item_categories(self, item) -> list[str]:
        return [tag.name for tag in item.tags.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
