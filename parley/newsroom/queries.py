"""Reads of the newsroom: what the home, tag, author and article pages show."""

import math
from dataclasses import dataclass

from django.db.models import Count, Min, Q, prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from .models import Article, Author, Tag

LATEST_STORIES = 5
RELATED_ARTICLES = 4


def published_articles():
    return Article.objects.published().prefetch_related("authors", "tags")


def sections() -> list[Tag]:
    """Return the tags the newsroom marks as sections, in its order: the site's
    section navigation (a Tag's change moves versions.ARTICLES, as for lists)."""
    return list(Tag.objects.filter(is_section=True).order_by("section_order", "name"))


def access_article(slug: str, *, user=None) -> Article:
    """Return the article a reader may see: published ones, and drafts for staff."""
    article = (
        Article.objects.prefetch_related("authors", "tags").filter(slug=slug).first()
    )
    if article is None or not (article.is_live or (user and user.is_staff)):
        raise Http404("No article here.")
    return article


def article_for_page(slug: str) -> Article | None:
    """Return just enough of an article to find its shared page (one narrow
    query on every read: whether it is live, and its thread)."""
    return (
        Article.objects.filter(slug=slug)
        .only("pk", "status", "published_at", "thread_id")
        .first()
    )


def latest_stories(*, exclude: Article | None = None, count: int = LATEST_STORIES):
    articles = Article.objects.published()
    if exclude is not None:
        articles = articles.exclude(pk=exclude.pk)
    return list(articles.order_by("-published_at", "-id")[:count])


def related_articles(article: Article, count: int = RELATED_ARTICLES) -> list[Article]:
    """Return articles sharing the most tags with this one, newest first among equals,
    topped up with the latest stories; never the article itself."""
    tag_ids = list(article.tags.values_list("pk", flat=True))
    related = list(
        Article.objects.published()
        .exclude(pk=article.pk)
        .filter(tags__in=tag_ids)
        .annotate(shared=Count("tags", filter=Q(tags__in=tag_ids)))
        .order_by("-shared", "-published_at", "-id")[:count]
    )
    if len(related) < count:
        chosen = [article.pk, *(a.pk for a in related)]
        related += list(
            Article.objects.published()
            .exclude(pk__in=chosen)
            .order_by("-published_at", "-id")[: count - len(related)]
        )
    return related


def next_scheduled_publication() -> float:
    """Return when (epoch seconds) the next scheduled article becomes public, or
    infinity: lists change then without any write, so cached pages expire then."""
    due = Article.objects.filter(
        status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED],
        published_at__gt=timezone.now(),
    ).aggregate(due=Min("published_at"))["due"]
    return due.timestamp() if due is not None else math.inf


# --- Reads for apps (the articles API) ---


def listed_articles(*, tag: str = "", author: str = ""):
    """Return the published articles, newest first, with what a list shows
    (authors, tags, the thread for its comment count), those with this tag and
    by this author when named by slug. Raise Http404 for a tag or an author that
    isn't there."""
    articles = published_articles().select_related("thread")
    if tag:
        found = Tag.objects.filter(slug=tag).first()
        if found is None:
            raise Http404("There is no such tag.")
        articles = articles.filter(tags=found)
    if author:
        writer = Author.objects.filter(slug=author).first()
        if writer is None:
            raise Http404("There is no such author.")
        articles = articles.filter(authors=writer)
    return articles.order_by("-published_at", "-id")


@dataclass(frozen=True)
class ArticleRead:
    """A published article with the related articles and latest stories its
    page shows beside it, each with its authors, tags and thread."""

    article: Article
    related: list[Article]
    latest: list[Article]


def read_article(slug: str) -> ArticleRead:
    """Return the published article with this slug and its neighbours, or raise
    Http404 (drafts and scheduled articles not yet due are not there)."""
    article = access_article(slug)
    related = related_articles(article)
    latest = latest_stories(exclude=article)
    prefetch_related_objects([article, *related, *latest], "thread")
    prefetch_related_objects([*related, *latest], "authors", "tags")
    return ArticleRead(article, related, latest)
