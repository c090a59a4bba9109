"""
Inline feedback on an article's passages: readers' comments that quote a
passage and the editors' prompts, found again in the body as it reads now
(parley.discussions.anchors), grouped by passage and laid out in the body's
paragraphs for the page to mark.

The newsroom owns the body, so it is the one that re-anchors: discussions keep
each quote and know nothing of articles.
"""

import itertools
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy, ngettext

from parley.discussions import anchors
from parley.discussions.anchors import TextQuote

from .models import Article, FeedbackPrompt, split_paragraphs

NOT_IN_BODY = gettext_lazy(
    "This passage is not in the article's body. Copy it from the body as it "
    "reads there."
)


def page_text(thread_key: str) -> str | None:
    """Return the plain text of the article whose thread has this key, or None
    for a thread that is not an article's (PARLEY_PAGE_TEXT)."""
    body = (
        Article.objects.filter(thread__key=thread_key)
        .values_list("body", flat=True)
        .first()
    )
    return None if body is None else body_text(body)


def body_paragraphs(body: str) -> list[str]:
    """Return the body's paragraphs as anchors read them (anchors.plain_text)."""
    paragraphs = (anchors.plain_text(part) for part in split_paragraphs(body))
    return [paragraph for paragraph in paragraphs if paragraph]


def body_text(body: str) -> str:
    """Return the body's plain text: its paragraphs, one space between them."""
    return " ".join(body_paragraphs(body))


def prompt_quote(body: str, passage: str) -> TextQuote:
    """Return the quote of the passage an editor typed, with its context in the
    body; raise ValueError with a sentence unless it occurs exactly once."""
    exact = anchors.plain_text(passage)
    text = body_text(body)
    count = anchors.occurrences(text, exact) if exact else 0
    if count == 0:
        raise ValueError(str(NOT_IN_BODY))
    if count > 1:
        raise ValueError(
            ngettext(
                "This passage occurs %(count)d time in the body; add a few words "
                "before or after it so that it occurs once.",
                "This passage occurs %(count)d times in the body; add a few words "
                "before or after it so that it occurs once.",
                count,
            )
            % {"count": count}
        )
    start = text.find(exact)
    return anchors.quote_at(text, start, start + len(exact))


@dataclass
class Passage:
    """One anchored passage of the body as it reads now: the comments on it
    (published ones, oldest first) and an editor's question, if any."""

    start: int
    end: int
    quote: TextQuote
    comment_ids: list[int] = field(default_factory=list)
    question: str = ""

    @property
    def id(self) -> str:
        """How links name the passage (?feedback=<id>): its place in the text."""
        return f"{self.start}-{self.end}"

    @property
    def count(self) -> int:
        return len(self.comment_ids)

    @property
    def comments_attr(self) -> str:
        return " ".join(str(pk) for pk in self.comment_ids)


@dataclass
class ArticleFeedback:
    """What the article page shows of its inline feedback."""

    # Each paragraph as parts: {"text", "marked"} runs and {"passage"} markers.
    paragraphs: list[list[dict]]
    passages: list[Passage]
    # Comments whose passage the body no longer has.
    stale: frozenset[int]

    def passage(self, passage_id: str) -> Passage | None:
        return next((p for p in self.passages if p.id == passage_id), None)


def article_feedback(
    body: str, anchored: list[tuple[int, TextQuote]], prompts: list[FeedbackPrompt]
) -> ArticleFeedback:
    """Find each quoted passage and prompt in the body, group them by the
    place they are found at, and lay the body out with their markers."""
    paragraphs = body_paragraphs(body)
    text = " ".join(paragraphs)
    found: dict[tuple[int, int], Passage] = {}
    stale = set()
    for pk, quote in anchored:
        place = anchors.locate(text, quote)
        if place is None:
            stale.add(pk)
            continue
        passage = found.setdefault(
            place, Passage(*place, anchors.quote_at(text, *place))
        )
        passage.comment_ids.append(pk)
    for prompt in prompts:
        place = anchors.locate(text, prompt.quote)
        if place is None:
            continue  # the editor removed the passage; the admin says so
        passage = found.setdefault(
            place, Passage(*place, anchors.quote_at(text, *place))
        )
        passage.question = passage.question or prompt.question
    passages = sorted(found.values(), key=lambda p: (p.start, p.end))
    return ArticleFeedback(_lay_out(paragraphs, passages), passages, frozenset(stale))


def _lay_out(paragraphs: list[str], passages: list[Passage]) -> list[list[dict]]:
    """Cut each paragraph at the passages' edges: runs of text, marked where a
    passage covers them, and each passage's marker where it ends."""
    laid_out = []
    offset = 0
    for paragraph in paragraphs:
        start, end = offset, offset + len(paragraph)
        inside = [p for p in passages if p.start < end and p.end > start]
        cuts = sorted(
            {start, end}
            | {p.start for p in inside if p.start > start}
            | {p.end for p in inside if p.end < end}
        )
        parts: list[dict] = []
        for left, right in itertools.pairwise(cuts):
            marked = any(p.start <= left and p.end >= right for p in inside)
            parts.append(
                {"text": paragraph[left - start : right - start], "marked": marked}
            )
            parts.extend({"passage": p} for p in inside if p.end == right)
        laid_out.append(parts)
        offset = end + 1  # the space between paragraphs
    return laid_out
