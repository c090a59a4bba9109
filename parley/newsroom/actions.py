"""Writes to the newsroom, shared by the admin and the demo-content command."""

from django.db import transaction
from django.utils import timezone

from parley.discussions.actions import sync_article_thread

from .models import Article


@transaction.atomic
def save_article(article: Article) -> Article:
    """Save an article, date it when first published, and keep its thread in step."""
    if article.status == Article.Status.PUBLISHED and article.published_at is None:
        article.published_at = timezone.now()
    article.save()
    sync_article_thread(article)
    return article
