"""
Demo content written for Parley: a small newsroom with lively discussions.

Everything is generated here from a fixed seed, so the demo is the same on every
machine. One article carries a thread of over a thousand comments, to show paging.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from parley.discussions.models import Comment, Thread, Vote
from parley.discussions.rendering import render_comment_body

from .actions import save_article
from .demo_art import lead_image
from .demo_pages import write_flat_pages
from .demo_text import (
    ARTICLES,
    AUTHORS,
    CLAIMS,
    EXTRAS,
    GUEST_NAMES,
    OPENERS,
    REPLIES,
    SECTIONS,
    TAGS,
)
from .models import Article, Author, Tag


def _comment_text(rng: random.Random, *, reply: bool) -> str:
    claim = rng.choice(CLAIMS)
    if reply:
        text = rng.choice(REPLIES).format(claim=claim)
    else:
        text = f"{rng.choice(OPENERS)} {claim}"
    return text + rng.choice(EXTRAS)


def _make_thread(
    rng, thread: Thread, start, *, top_level: int, replies: int, max_depth: int
):
    """Bulk-write a thread: top-level comments, replies under random earlier ones,
    and votes whose sums are the stored scores."""
    comments: list[Comment] = []
    moment = start
    for _ in range(top_level):
        moment += timedelta(minutes=rng.randint(1, 40))
        body = _comment_text(rng, reply=False)
        comments.append(
            Comment(
                thread=thread,
                depth=0,
                author_name=rng.choice(GUEST_NAMES),
                body_markdown=body,
                body_html=render_comment_body(body),
                created_at=moment,
            )
        )
    Comment.objects.bulk_create(comments)
    pool = list(comments)
    for _ in range(replies):
        parent = rng.choice(pool)
        if parent.depth >= max_depth:
            continue
        moment_reply = parent.created_at + timedelta(minutes=rng.randint(2, 300))
        body = _comment_text(rng, reply=True)
        reply = Comment(
            thread=thread,
            parent=parent,
            root_id=parent.root_id or parent.pk,
            depth=parent.depth + 1,
            author_name=rng.choice(GUEST_NAMES),
            body_markdown=body,
            body_html=render_comment_body(body),
            created_at=min(moment_reply, timezone.now()),
        )
        reply.save()
        pool.append(reply)
    votes: list[Vote] = []
    for comment in pool:
        for voter in rng.sample(range(400), rng.choice([0, 0, 1, 2, 3, 5, 8, 13])):
            value = 1 if rng.random() < 0.8 else -1
            votes.append(Vote(comment=comment, voter=f"a:demo-{voter}", value=value))
            comment.upvotes += value == 1
            comment.downvotes += value == -1
        comment.score = comment.upvotes - comment.downvotes
    Vote.objects.bulk_create(votes, batch_size=2000)
    Comment.objects.bulk_update(pool, ["upvotes", "downvotes", "score"], batch_size=500)
    Thread.objects.filter(pk=thread.pk).update(comment_count=len(pool))
    return len(pool)


@transaction.atomic
def load_demo_content(seed: int = 2026) -> dict[str, int]:
    """Create the demo newsroom unless it is already there. Return what was made."""
    if Article.objects.filter(slug=slugify(ARTICLES[0][0])).exists():
        return {}
    rng = random.Random(seed)
    authors = [
        Author.objects.create(name=name, slug=slugify(name), bio=bio)
        for name, bio in AUTHORS
    ]
    tags = {
        name: Tag.objects.create(
            name=name,
            slug=slugify(name),
            is_section=name in SECTIONS,
            section_order=SECTIONS.index(name) if name in SECTIONS else 0,
        )
        for name in TAGS
    }
    now = timezone.now()
    made = {"articles": 0, "comments": 0}
    for index, (headline, tag_names, summary, paragraphs) in enumerate(ARTICLES):
        published_at = now - timedelta(
            days=len(ARTICLES) - index, hours=rng.randint(0, 8)
        )
        image, caption, credit = lead_image(index)
        article = Article(
            headline=headline,
            slug=slugify(headline),
            summary=summary,
            body="\n\n".join(paragraphs),
            lead_image_url=image,
            lead_image_caption=caption,
            lead_image_credit=credit,
            status=Article.Status.PUBLISHED,
            published_at=published_at,
            comments_open=index != 9,
        )
        save_article(article)
        article.authors.set(
            [authors[index % len(authors)]]
            + ([authors[(index + 2) % len(authors)]] if index % 4 == 0 else [])
        )
        article.tags.set([tags[name] for name in tag_names])
        thread = article.thread
        if index == 0:
            made["comments"] += _make_thread(
                rng, thread, published_at, top_level=700, replies=420, max_depth=7
            )
        elif index != len(ARTICLES) - 1:  # the newest story waits for its first comment
            made["comments"] += _make_thread(
                rng,
                thread,
                published_at,
                top_level=rng.randint(4, 9),
                replies=rng.randint(6, 14),
                max_depth=6,
            )
        made["articles"] += 1
    draft = Article(
        headline="Draft: the ferry timetable nobody can read",
        slug="ferry-timetable-draft",
        body="Work in progress.",
        status=Article.Status.DRAFT,
    )
    save_article(draft)
    draft.authors.set([authors[0]])
    write_flat_pages()
    return made
