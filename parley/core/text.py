"""Checks on text that arrives from readers, before it reaches a database."""

import unicodedata
from functools import cache

import disarm
from django.utils.translation import gettext


def storable_text_error(value: str) -> str | None:
    """
    Return why this text can't be stored, or None if it can.

    PostgreSQL rejects NUL bytes and UTF-8 has no encoding for lone surrogates;
    both reach us through JSON escapes, so both are refused up front with a
    sentence instead of failing deep in the database driver.
    """
    if "\x00" in value:
        return gettext("The text contains a NUL character, which cannot be stored.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return gettext("The text contains invalid Unicode characters.")
    return None


def normalize_text(value: str) -> str:
    """Return text in NFC with Windows and old Mac line endings made plain."""
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))


# l and I look alike (and Unicode maps many look-alikes of I to l): one letter.
_LEET = str.maketrans("013457@$!l|", "oieastasiii")


@cache
def _ascii_lookalikes() -> dict[int, str]:
    """Map each character that looks like one ASCII letter or digit to it, from
    Unicode's confusables data as the confusable-homoglyphs package ships it."""
    table: dict[int, str] = {}
    for char, similar in confusables_data().items():
        if len(char) != 1 or char.isascii():
            continue
        candidates = [
            entry["c"].lower()
            for entry in similar
            if len(entry["c"]) == 1 and entry["c"].isascii() and entry["c"].isalnum()
        ]
        if not candidates:
            continue
        # I and l look alike too: prefer the letter the character is named for
        # (CYRILLIC CAPITAL LETTER ... I).
        named = unicodedata.name(char, "").rsplit(" ", 1)[-1].lower()
        table[ord(char)] = named if named in candidates else candidates[0]
    return table


def confusables_data() -> dict:
    from confusable_homoglyphs.utils import load

    return load("confusables.json")


def fold_for_matching(text: str) -> str:
    """
    Return text as a word list compares it: compatibility forms unfolded, case
    and accents dropped, look-alike letters (a Cyrillic or Greek o) made Latin,
    and digits and signs that stand for letters (1d10t) read as letters.
    """
    text = unicodedata.normalize("NFKD", text.translate(_ascii_lookalikes()))
    text = text.casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.translate(_ascii_lookalikes()).translate(_LEET)


# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties.txt, stable since
# 5.1): code points a renderer shows as nothing. disarm's display pass removes
# most of them but keeps a few (Khmer inherent vowels, Mongolian variation
# selectors, reserved ones), and a name must not hide anything at all.
DEFAULT_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)  # fmt: skip


VARIATION_SELECTORS = (0xFE00, 0xFE0F)


def _shown(text: str) -> str:
    """Drop what a renderer shows as nothing, keeping a variation selector only
    where it picks a symbol's look (the red heart of "❤️")."""
    kept: list[str] = []
    for ch in text:
        code = ord(ch)
        if VARIATION_SELECTORS[0] <= code <= VARIATION_SELECTORS[1]:
            if kept and unicodedata.category(kept[-1]) in ("So", "Sk"):
                kept.append(ch)
            continue
        if any(low <= code <= high for low, high in DEFAULT_IGNORABLE_RANGES):
            continue
        if unicodedata.category(ch) != "Cn":  # unassigned: no glyph to show
            kept.append(ch)
    return "".join(kept)


def clean_name(value: str) -> str:
    """
    Return a person's name as it may be shown: NFC, with every invisible or
    direction-changing character removed (Unicode format characters such as
    the right-to-left override and zero-width spaces, and the other
    default-ignorable code points such as Hangul fillers), controls removed,
    and each run of spaces, of any width, one plain space. Check the text with
    storable_text_error first.
    """
    # disarm's display pass; NFC again because removing a character between a
    # letter and its accent can leave them uncomposed.
    shown = _shown(disarm.strip_format(normalize_text(value)))
    return unicodedata.normalize("NFC", " ".join(shown.split()))


def has_visible_character(value: str) -> bool:
    """Return whether the text shows anything: a letter, digit, mark of
    punctuation or symbol (the blank Braille pattern shows nothing)."""
    return any(unicodedata.category(ch)[0] in "LNPS" and ch != "\u2800" for ch in value)


def most_marks_on_one_character(value: str) -> int:
    """Return the largest number of combining marks (accents) stacked on any one
    character of the text, counted in its decomposed form: "ệ" carries two."""
    most = run = 0
    for ch in unicodedata.normalize("NFD", value):
        if unicodedata.category(ch) in ("Mn", "Me"):
            run += 1
            most = max(most, run)
        else:
            run = 0
    return most


def confusable_skeleton(value: str) -> str:
    """
    Return the text's confusable skeleton (Unicode TS #39), case aside: two
    texts with the same skeleton look alike to a reader ("Demo Edit\u03bfr" with a
    Greek omicron, "DEMO EDITOR", "Dem0 Editor"). For comparing only; never
    shown.
    """
    # disarm folds look-alikes before case, so case goes first: otherwise a
    # capital I would become l and "EDITOR" would not meet "editor". "tr39" lets
    # digits meet the letters they resemble (0 and O, 1 and l), as TS #39 does.
    return disarm.skeleton_key(value.casefold(), digit_policy="tr39")
