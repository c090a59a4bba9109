"""
What an attacker stores: every payload of the corpus posted through the JSON API
(as a guest, the way the widget posts) into every field a reader controls, then
held, reported, rejected, approved and banned the way moderators would, so that
each queue and page that shows a reader's text has payloads to show.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote

from django.test import Client

from parley.core.text import storable_text_error
from parley.discussions.actions import CommentAuthor, post_comment, validate_thread_key
from parley.discussions.errors import DiscussionError
from parley.discussions.models import Comment
from parley.moderation import actions as moderation
from tests.factories import make_article
from tests.moderation.conftest import hold
from tests.security.xss_payloads import (
    ACCOUNT,
    BODY,
    EMAIL,
    EMAILS,
    KEY,
    NAME,
    NOTE,
    PAYLOADS,
    QUOTE,
    REASON,
    THREAD_URLS,
    TITLE,
    URL,
    WEBSITE,
    WEBSITES,
    plain_text_payloads,
    trap_number,
)

EMBED_PAGE = "http://embed.example"  # an embed origin in the test settings
# The payload comments are spread over this many articles. A browser's cost of
# sweeping a page grows with the square of its size (each click that changes
# the page makes the next one lay out all of it again), so four pages of thirty
# comments take a quarter of the time of one page of a hundred and twenty.
ARTICLES = 4


@dataclass
class Stored:
    """Where the payloads ended up, and how many each field accepted or refused."""

    articles: list = field(default_factory=list)
    account_article: object = None
    guest_token: str = ""
    edit_tokens: dict[int, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    # (key, title, url) of each thread of a page elsewhere.
    external_threads: list[tuple[str, str, str]] = field(default_factory=list)
    account: object = None
    accepted: Counter = field(default_factory=Counter)
    refused: Counter = field(default_factory=Counter)

    def by_slug(self, slug: str) -> Comment:
        index = next(i for i, p in enumerate(PAYLOADS) if p.slug == slug)
        number = f"__pwned({trap_number(BODY, index)})"
        return next(c for c in self.comments if number in c.body_markdown)


def _post(client: Client, key: str, payload: dict, voter: str = "") -> tuple:
    headers = {"HTTP_X_PARLEY_VOTER": voter} if voter else {}
    response = client.post(
        f"/api/v1/threads/{quote(key, safe='/')}/comments",
        json.dumps(payload),
        content_type="application/json",
        **headers,
    )
    assert response.status_code < 500, (key, payload, response.content)
    return response.status_code, response.json()


def _post_accepting(stored: Stored, client, key: str, fields: dict) -> dict | None:
    """Post; each field the API refuses is counted and replaced with a plain value,
    so that one refused payload doesn't keep the others of the same comment out."""
    plain = {
        "body": "A plain body.",
        "name": "Guest",
        "website": "",
        "email": "",
        "quote": None,
    }
    fields = dict(fields)
    for _attempt in range(5):
        status, answer = _post(client, key, fields, stored.guest_token)
        if status in (201, 202):
            stored.guest_token = answer.get("voter_token") or stored.guest_token
            for name in ("body", "name", "website", "email", "thread_title", "quote"):
                if fields.get(name) and fields[name] != plain.get(name):
                    stored.accepted[name] += 1
            stored.edit_tokens[answer["id"]] = answer["edit_token"]
            return answer
        refused = [name for name in answer.get("errors", {}) if name in fields]
        if not refused:
            stored.refused[f"{key}: {answer}"] += 1
            return None
        for name in refused:
            stored.refused[name] += 1
            fields[name] = plain.get(name, "")
    return None


def store_payloads(moderator) -> Stored:
    """Post every payload, put comments in every state; return where they are."""
    client = Client()
    stored = Stored(
        articles=[
            make_article(headline=f"Night trains {n}", body=_quoted_body(n))
            for n in range(ARTICLES)
        ]
    )

    # Bodies, names, websites and e-mail addresses, on the articles' threads.
    for index, payload in enumerate(PAYLOADS):
        thread_key = stored.articles[index % ARTICLES].thread.key
        fields = {
            "body": payload.render(trap_number(BODY, index)),
            "name": payload.render(trap_number(NAME, index)),
            # Inline feedback on the passage of the article that is this payload.
            "quote": {"exact": payload.render(trap_number(QUOTE, index))},
        }
        if index < len(WEBSITES):
            fields["website"] = WEBSITES[index].render(trap_number(WEBSITE, index))
        if index < len(EMAILS):
            fields["email"] = EMAILS[index].render(trap_number(EMAIL, index))
        answer = _post_accepting(stored, client, thread_key, fields)
        if answer is None:
            continue
        if index % 6 == 0:
            # A reply: the desk quotes its parent's Markdown.
            reply = {"body": f"A reply to number {index}.", "name": "Rep"}
            _post(
                client,
                thread_key,
                {**reply, "parent": answer["id"]},
                stored.guest_token,
            )
    stored.comments = list(
        Comment.objects.filter(
            thread__in=[article.thread for article in stored.articles],
            parent__isnull=True,
        ).order_by("pk")
    )

    # A signed-in reader whose account name is a payload.
    account_payloads = [p for p in PAYLOADS if p.slug in ("attr-double", "script")]
    stored.account = type(moderator).objects.create_user(
        username="payload-reader",
        password="pw-payload-123",
        first_name=account_payloads[0].render(trap_number(ACCOUNT, 0))[:150],
        last_name=account_payloads[1].render(trap_number(ACCOUNT, 1))[:150],
    )
    # On an article of its own, so that its page is small enough to sweep quickly.
    stored.account_article = make_article(headline="Sleeper fares")
    post_comment(
        stored.account_article.thread,
        author=CommentAuthor(user=stored.account),
        body="Posted by an account whose name is a payload.",
    )

    _moderate(stored, moderator, client)
    _external_threads(stored, client)
    return stored


def _quoted_body(article: int) -> str:
    """An article body whose passages are the quote payloads its comments quote
    (but those no database can store: their quote is refused)."""
    passages = [
        (index, payload.render(trap_number(QUOTE, index)))
        for index, payload in enumerate(PAYLOADS)
        if index % ARTICLES == article
    ]
    return "\n\n".join(
        f"Passage {index}: {passage}"
        for index, passage in passages
        if not storable_text_error(passage)
    )


def _moderate(stored: Stored, moderator, client: Client) -> None:
    """Hold, report, reject, approve and ban some payload comments."""
    for n, comment in enumerate(stored.comments):
        index = _index_of(comment)
        if n % 4 == 1:
            hold(comment)
        elif n % 4 == 2:
            note = PAYLOADS[index].render(trap_number(NOTE, index))[:500]
            response = client.post(
                f"/api/v1/comments/{comment.pk}/report",
                json.dumps({"reason": "other", "note": note}),
                content_type="application/json",
            )
            assert response.status_code in (200, 201), response.content
        elif n % 8 == 3:
            moderation.reject_comment(
                comment,
                by=moderator,
                reason=PAYLOADS[index].render(trap_number(REASON, index)),
            )
        elif n % 8 == 7:
            moderation.approve_comment(comment, by=moderator)
    for comment in Comment.objects.filter(pk__in=[c.pk for c in stored.comments]):
        if comment.author_email and comment.status == "published":
            index = _index_of(comment)
            try:
                moderation.ban_author(
                    comment,
                    by=moderator,
                    kinds=["email"],
                    days=7,
                    reason=PAYLOADS[index].render(trap_number(REASON, index)),
                )
            except DiscussionError:
                continue


def _index_of(comment: Comment) -> int:
    body = comment.body_markdown
    for index, payload in enumerate(PAYLOADS):
        if payload.render(trap_number(BODY, index)).strip() in body:
            return index
    return 0


def _external_threads(stored: Stored, client: Client) -> None:
    """Threads of pages elsewhere whose title, key or URL is a payload."""
    pages = []
    for index, payload in plain_text_payloads():
        pages.append(
            (
                f"ext-title-{index}",
                payload.render(trap_number(TITLE, index))[:300],
                f"{EMBED_PAGE}/title/{index}",
            )
        )
        key = payload.render(trap_number(KEY, index)).replace(" ", "/")
        try:
            validate_thread_key(key)
        except DiscussionError:
            stored.refused["thread_key"] += 1
        else:
            pages.append((key, "", f"{EMBED_PAGE}/key/{index}"))
    for index, payload in enumerate(THREAD_URLS):
        url = EMBED_PAGE + payload.render(trap_number(URL, index))
        pages.append((f"ext-url-{index}", "", url))
    for n, (key, title, url) in enumerate(pages):
        status, answer = _post(
            client,
            key,
            {
                "body": f"Comment {n} on a page elsewhere.",
                "name": "Tess",
                "thread_title": title,
                "thread_url": url,
            },
        )
        if status in (201, 202):
            stored.external_threads.append((key, title, url))
            stored.accepted["thread"] += 1
        else:
            stored.refused[f"thread {key!r}: {answer}"] += 1
