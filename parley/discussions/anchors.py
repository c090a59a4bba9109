"""
Where on a page a comment's passage is: an anchor kept as a text quote (the
W3C Web Annotation TextQuoteSelector: the exact text, with a little of the text
before and after it), and found again in the page's text as it is now.

Pure functions over plain text, so that whoever holds a page's text (the
newsroom, for its articles) can re-anchor without this app knowing pages.
The page's plain text is its words with every run of whitespace one space
(`plain_text`): paragraph breaks, line breaks and indentation don't move an
anchor, and the reader's browser computes the same text from the page.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from parley.core.text import storable_text_error

from .errors import DiscussionError

# Characters of context kept on each side of the exact text: enough to tell
# repeats of a short passage apart, short enough that an edit nearby rarely
# touches them (and when it does, the exact text still decides).
CONTEXT_LENGTH = 32
MAX_QUOTE_LENGTH = 1000

EARLIER_VERSION = _("on an earlier version of this article")
NO_PASSAGE = _("Please select the passage you are commenting on.")
QUOTE_IN_REPLY = _("A reply can't quote a passage; quote it in a new comment instead.")
NOT_QUOTABLE = _("Only passages of this site's articles can be quoted.")
PASSAGE_GONE = _(
    "That passage is not in the article as it reads now. "
    "Please select it again, or comment without it."
)

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class TextQuote:
    """A passage as quoted: the exact text, and some text just before and after."""

    exact: str
    prefix: str = ""
    suffix: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"exact": self.exact, "prefix": self.prefix, "suffix": self.suffix}


def plain_text(text: str) -> str:
    """Return text as anchors read it: NFC, each run of whitespace one space,
    none at either end."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _context(text: str) -> str:
    # Context keeps the space that may touch the exact text.
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text))


def clean_quote(exact: object, prefix: object = "", suffix: object = "") -> TextQuote:
    """
    Return the quote a reader sent, normalised as anchors read text; raise
    DiscussionError (field "quote") with a sentence when it can't be one.
    """
    values = (exact, prefix, suffix)
    if not all(isinstance(value, str) for value in values):
        raise DiscussionError.single("quote", _("A quote is text."))
    for value in values:
        if problem := storable_text_error(value):
            raise DiscussionError.single("quote", problem)
    if len(prefix) > CONTEXT_LENGTH or len(suffix) > CONTEXT_LENGTH:
        raise DiscussionError.single(
            "quote",
            ngettext(
                "Send at most %(count)s character of text before and after the "
                "passage.",
                "Send at most %(count)s characters of text before and after the "
                "passage.",
                CONTEXT_LENGTH,
            )
            % {"count": number_format(CONTEXT_LENGTH, force_grouping=True)},
        )
    exact = plain_text(exact)
    if not exact:
        raise DiscussionError.single("quote", NO_PASSAGE)
    if len(exact) > MAX_QUOTE_LENGTH:
        raise DiscussionError.single(
            "quote",
            ngettext(
                "The passage you selected is %(length)s character long; "
                "please select at most %(limit)s.",
                "The passage you selected is %(length)s characters long; "
                "please select at most %(limit)s.",
                len(exact),
            )
            % {
                "length": number_format(len(exact), force_grouping=True),
                "limit": number_format(MAX_QUOTE_LENGTH, force_grouping=True),
            },
        )
    # Normalising can lengthen text a little: the nearest characters are kept.
    prefix = _context(prefix)[-CONTEXT_LENGTH:]
    suffix = _context(suffix)[:CONTEXT_LENGTH]
    return TextQuote(exact, prefix, suffix)


def quote_at(text: str, start: int, end: int) -> TextQuote:
    """Return the quote of text[start:end] in this plain text, with its context."""
    return TextQuote(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_LENGTH) : start],
        suffix=text[end : end + CONTEXT_LENGTH],
    )


def _agreement(text: str, start: int, end: int, quote: TextQuote) -> int:
    """How many characters of the quote's context agree with the text around
    this occurrence: the prefix read backwards from it, the suffix forwards."""
    before = text[max(0, start - len(quote.prefix)) : start]
    agreed = 0
    for ours, theirs in zip(reversed(before), reversed(quote.prefix), strict=False):
        if ours != theirs:
            break
        agreed += 1
    after = text[end : end + len(quote.suffix)]
    for ours, theirs in zip(after, quote.suffix, strict=False):
        if ours != theirs:
            break
        agreed += 1
    return agreed


def locate(text: str, quote: TextQuote) -> tuple[int, int] | None:
    """
    Return where the quote's exact text is in this plain text, as (start, end),
    or None when it is there no more.

    When the passage occurs more than once, the occurrence whose surroundings
    agree most with the quote's prefix and suffix wins (the first of equals):
    an edit elsewhere moves a passage but never loses it.
    """
    exact = quote.exact
    if not exact:
        return None
    best, best_score = None, -1
    start = text.find(exact)
    while start != -1:
        end = start + len(exact)
        score = _agreement(text, start, end, quote)
        if score > best_score:
            best, best_score = (start, end), score
        start = text.find(exact, start + 1)
    return best


def occurrences(text: str, exact: str) -> int:
    """Return how many times the exact text occurs in the plain text."""
    count, start = 0, text.find(exact) if exact else -1
    while start != -1:
        count += 1
        start = text.find(exact, start + 1)
    return count
