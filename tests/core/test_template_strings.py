"""Every sentence a template shows goes through the translation catalogue: text
outside {% translate %} / {% blocktranslate %}, and the words of alt, title,
aria-label, placeholder and a page description, would stay English in every
language."""

import re
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

PACKAGE = Path(__file__).resolve().parents[2] / "parley"
# Templates that hold a start tag's attributes (inserted into a tag), not text.
ATTRIBUTE_FRAGMENTS = {"discussions/templates/discussions/_widget_reader.html"}
# The admin's own pages are for the newsroom's staff, in Django's admin language.
TEMPLATES = sorted(
    path
    for pattern in ("*/templates/**/*.html", "*/templates/**/*.txt")
    for path in PACKAGE.glob(pattern)
    if "/templates/admin/" not in str(path)
    and str(path.relative_to(PACKAGE)) not in ATTRIBUTE_FRAGMENTS
)

HOLE = "\x00"
WORDS = re.compile(r"[^\W\d_]{2,}")
NAMED_ATTRIBUTE = re.compile(r'\b(?:alt|title|aria-label|placeholder|label)="([^"]*)"')
DESCRIPTION = re.compile(r'name="description"\s+content="([^"]*)"')
# Code shown as code (the embed snippet), scripts and styles are not sentences.
VERBATIM = re.compile(r"<(script|style|pre|code)\b.*?</\1>", re.S)


def _outside_translation(source: str) -> str:
    """Return the template's literal text outside translation tags and
    comments, every tag, variable and translated part replaced by a hole."""
    parts, translating, commenting = [], 0, False
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = (token.contents.split() or [""])[0]
            if name in {"blocktranslate", "blocktrans"}:
                translating += 1
            elif name in {"endblocktranslate", "endblocktrans"}:
                translating -= 1
            elif name in {"comment", "endcomment"}:
                commenting = name == "comment"
            parts.append(HOLE)
        elif token.token_type == TokenType.TEXT and not translating and not commenting:
            parts.append(token.contents)
        else:
            parts.append(HOLE)
    return "".join(parts)


def untranslated(source: str) -> list[str]:
    """Return each piece of English a template shows without translation."""
    text = VERBATIM.sub(HOLE, _outside_translation(source))
    found = [
        value.replace(HOLE, "…")
        for pattern in (NAMED_ATTRIBUTE, DESCRIPTION)
        for value in pattern.findall(text)
        if WORDS.search(value.replace(HOLE, " "))
    ]
    text = re.sub(r"<[^>]*>", HOLE, text, flags=re.S)
    text = re.sub(r"&\w+;", " ", text)
    found += [
        " ".join(piece.split()) for piece in text.split(HOLE) if WORDS.search(piece)
    ]
    return found


@pytest.mark.parametrize(
    "template", TEMPLATES, ids=[str(path.relative_to(PACKAGE)) for path in TEMPLATES]
)
def test_template_shows_no_untranslated_words(template):
    assert untranslated(template.read_text(encoding="utf-8")) == []


def test_the_check_finds_untranslated_words():
    """The check itself: plain text and a named attribute are found; translated
    text, tags, variables and comments are not."""
    source = (
        '{% load i18n %}<p title="Open it">{% translate "Yes" %} {{ name }}</p>'
        "{# note #}<p>Plain words</p>"
        "{% blocktranslate %}Fine {{ x }}{% endblocktranslate %}"
        '<img alt="">{% comment %}Not shown{% endcomment %}<pre>code here</pre>'
    )
    assert untranslated(source) == ["Open it", "Plain words"]
