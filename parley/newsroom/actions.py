"""Writes to the newsroom, shared by the admin and the demo-content command."""

from django.utils import timezone

from parley.core.db import write_transaction
from parley.discussions.actions import sync_article_thread

from .models import Article


def save_article(article: Article) -> Article:
    """Save an article, date it when first published, and keep its thread in step."""
    if article.status == Article.Status.PUBLISHED and article.published_at is None:
        article.published_at = timezone.now()
    with write_transaction():
        article.save()
        sync_article_thread(article)
    return article
