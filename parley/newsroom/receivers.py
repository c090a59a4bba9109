"""Retire cached pages when what they list changes, however it changed (the
admin, an action, a command): every list and article page shows articles,
their authors and tags (and an article's page, its feedback prompts)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from parley.core import versions

from .models import Article, Author, FeedbackPrompt, Tag


def articles_changed(sender, **kwargs) -> None:
    # In the write's own transaction: a page read after its commit is rebuilt.
    versions.bump(versions.ARTICLES)


def connect() -> None:
    # A feedback prompt shows on its article's page.
    for model in (Article, Author, Tag, FeedbackPrompt):
        post_save.connect(articles_changed, sender=model, dispatch_uid=f"pages-{model}")
        post_delete.connect(
            articles_changed, sender=model, dispatch_uid=f"pages-del-{model}"
        )
    for through in (Article.tags.through, Article.authors.through):
        m2m_changed.connect(
            articles_changed, sender=through, dispatch_uid=f"pages-{through}"
        )
