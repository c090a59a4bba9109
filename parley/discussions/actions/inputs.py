"""
What a reader typed for a comment, cleaned before anything is written: the
body, a guest's name, e-mail and website, and the passage quoted (found again
in the page's own text). Each cleaner returns what is stored or raises a
DiscussionError naming the field.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from parley.accounts.names import name_error
from parley.core.text import (
    clean_name,
    has_visible_character,
    normalize_text,
    storable_text_error,
)

from .. import anchors, conf
from ..anchors import TextQuote
from ..errors import EMPTY_BODY, MISSING_NAME, DiscussionError


@dataclass(frozen=True)
class CommentAuthor:
    """Who writes a comment: a signed-in user, or a guest with what they typed."""

    user: object | None = None
    name: str = ""
    email: str = ""
    website: str = ""


def clean_body(body: object) -> str:
    """Return the body as it is stored, or raise what is wrong with it."""
    if not isinstance(body, str) or not body.strip():
        raise DiscussionError.single("body", EMPTY_BODY)
    if problem := storable_text_error(body):
        raise DiscussionError.single("body", problem)
    body = normalize_text(body).strip()
    if len(body) > conf.MAX_BODY_LENGTH:
        raise DiscussionError.single(
            "body",
            ngettext(
                "Your comment is %(length)s character long; please keep it to "
                "%(limit)s.",
                "Your comment is %(length)s characters long; please keep it to "
                "%(limit)s.",
                len(body),
            )
            % {
                "length": number_format(len(body), force_grouping=True),
                "limit": number_format(conf.MAX_BODY_LENGTH, force_grouping=True),
            },
            status=413,
        )
    return body


def clean_guest(author: CommentAuthor) -> CommentAuthor:
    """Return a guest's name, e-mail and website as stored, or raise every
    field's problem at once."""
    errors: dict[str, str] = {}
    name = author.name or ""
    email = (author.email or "").strip()
    website = (author.website or "").strip()
    for field, value in (("name", name), ("email", email), ("website", website)):
        if problem := storable_text_error(value):
            errors[field] = problem
    if "name" not in errors:
        # Invisible and direction-changing characters go; a name of nothing
        # else is no name.
        name = clean_name(name)
        if not has_visible_character(name):
            errors["name"] = str(MISSING_NAME)
        elif problem := name_error(name):
            errors["name"] = problem
        elif len(name) > conf.MAX_NAME_LENGTH:
            errors["name"] = ngettext(
                "Please keep your name to %(limit)s character.",
                "Please keep your name to %(limit)s characters.",
                conf.MAX_NAME_LENGTH,
            ) % {"limit": number_format(conf.MAX_NAME_LENGTH)}
    if email and "email" not in errors:
        try:
            EmailValidator()(email)
            # The validator takes 320 characters; the column holds 254.
            if len(email) > conf.MAX_EMAIL_LENGTH:
                raise ValidationError("too long")
        except ValidationError:
            errors["email"] = gettext(
                "Please enter a valid e-mail address, or leave it empty."
            )
    if website and "website" not in errors:
        try:
            URLValidator(schemes=["http", "https"])(website)
            if len(website) > conf.MAX_WEBSITE_LENGTH:
                raise ValidationError("too long")
        except ValidationError:
            errors["website"] = gettext(
                "Please enter a web address starting with http:// or https://, "
                "or leave it empty."
            )
    if errors:
        raise DiscussionError(errors)
    return CommentAuthor(name=name, email=email, website=website)


def clean_quote(quote: TextQuote, *, is_reply: bool) -> TextQuote:
    """Return the quoted passage cleaned; a reply quotes no passage."""
    if is_reply:
        raise DiscussionError.single("quote", anchors.QUOTE_IN_REPLY)
    return anchors.clean_quote(quote.exact, quote.prefix, quote.suffix)


def anchor_quote(quote: TextQuote, key: str) -> TextQuote:
    """Return the quote as found in the page's text now, with that text's own
    context. A page whose text this site doesn't hold can't be quoted: what
    readers are shown as its words must be its words."""
    text = conf.page_text(key)
    if text is None:
        raise DiscussionError.single("quote", anchors.NOT_QUOTABLE)
    found = anchors.locate(text, quote)
    if found is None:
        raise DiscussionError.single("quote", anchors.PASSAGE_GONE)
    return anchors.quote_at(text, *found)
