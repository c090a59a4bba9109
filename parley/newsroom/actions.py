"""Writes to the newsroom, shared by the admin and the demo-content command."""

from django.utils import timezone

from parley.core.db import write_transaction
from parley.discussions.actions import keep_thread

from .models import Article


def save_article(article: Article) -> Article:
    """Save an article, date it when first published, and keep its thread in step:
    its title and address, when it becomes public, whether it takes comments."""
    if article.status == Article.Status.PUBLISHED and article.published_at is None:
        article.published_at = timezone.now()
    with write_transaction():
        if article.pk is None:
            article.save()
        article.thread = keep_thread(
            article.thread_key,
            title=article.headline,
            url=article.get_absolute_url(),
            published_at=(
                None if article.status == Article.Status.DRAFT else article.published_at
            ),
            is_closed=not article.comments_open,
            premoderate=article.premoderate_comments,
            close_after_days=article.close_comments_after_days,
        )
        article.save()
    return article
