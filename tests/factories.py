"""Small builders for test data; each returns saved objects."""

import itertools
from datetime import timedelta

from django.utils import timezone

from parley.discussions import actions
from parley.discussions.models import Comment, Thread
from parley.newsroom.actions import save_article
from parley.newsroom.models import Article, Author, Tag

_counter = itertools.count(1)


def make_author(name: str = "") -> Author:
    n = next(_counter)
    name = name or f"Author {n}"
    return Author.objects.create(
        name=name, slug=f"author-{n}", bio=f"{name} writes things."
    )


def make_tag(name: str = "") -> Tag:
    n = next(_counter)
    return Tag.objects.create(name=name or f"Tag {n}", slug=f"tag-{n}")


def make_article(
    *,
    tags=(),
    authors=(),
    status=Article.Status.PUBLISHED,
    days_ago: float = 1,
    **fields,
) -> Article:
    n = next(_counter)
    article = Article(
        headline=fields.pop("headline", f"Headline {n}"),
        slug=fields.pop("slug", f"headline-{n}"),
        body=fields.pop("body", "First paragraph.\n\nSecond paragraph."),
        status=status,
        published_at=None
        if status == Article.Status.DRAFT
        else timezone.now() - timedelta(days=days_ago),
        **fields,
    )
    save_article(article)
    article.authors.set(list(authors) or [make_author()])
    article.tags.set(list(tags))
    return article


def make_thread(key: str = "") -> Thread:
    return actions.get_or_create_thread(key or f"page-{next(_counter)}")


def post(
    thread: Thread, body: str = "A comment.", *, name: str = "Reader", parent=None, **kw
):
    return actions.post_comment(
        thread,
        author=actions.CommentAuthor(name=name, **kw),
        body=body,
        parent_id=parent.pk if parent is not None else None,
    )


def make_deep_thread(
    thread: Thread, *, roots: int = 6, depth: int = 7
) -> list[Comment]:
    """Build roots, each with a chain of replies `depth` deep plus a side reply,
    with distinct times and a spread of scores."""
    made = []
    base = timezone.now() - timedelta(days=2)
    for r in range(roots):
        parent = None
        for d in range(depth + 1):
            comment = post(
                thread, f"root {r} depth {d}", name=f"R{r}D{d}", parent=parent
            )
            made.append(comment)
            parent = comment
        made.append(
            post(thread, f"root {r} side", name=f"R{r}side", parent=made[-depth - 1])
        )
    for i, comment in enumerate(made):
        score = (i * 7) % 5 - 1
        Comment.objects.filter(pk=comment.pk).update(
            created_at=base + timedelta(minutes=i),
            upvotes=max(score, 0),
            downvotes=max(-score, 0),
            score=score,
        )
    return list(Comment.objects.filter(thread=thread))


# The article admin's feedback prompts inline, with no prompt: what its change
# form posts when the editor leaves them alone.
NO_FEEDBACK_PROMPTS = {
    "feedback_prompts-TOTAL_FORMS": "0",
    "feedback_prompts-INITIAL_FORMS": "0",
}
