from django.contrib.sitemaps import Sitemap

from .models import Article, Author, Tag


class ArticleSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Article.objects.published().order_by("-published_at")

    def lastmod(self, item):
        return item.updated_at


class TagSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Tag.objects.all()


class AuthorSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Author.objects.all()


SITEMAPS = {"articles": ArticleSitemap, "tags": TagSitemap, "authors": AuthorSitemap}
