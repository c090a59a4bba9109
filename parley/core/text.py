"""Checks on text that arrives from readers, before it reaches a database."""

import unicodedata


def storable_text_error(value: str) -> str | None:
    """
    Return why this text can't be stored, or None if it can.

    PostgreSQL rejects NUL bytes and UTF-8 has no encoding for lone surrogates;
    both reach us through JSON escapes, so both are refused up front with a
    sentence instead of failing deep in the database driver.
    """
    if "\x00" in value:
        return "The text contains a NUL character, which cannot be stored."
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "The text contains invalid Unicode characters."
    return None


def normalize_text(value: str) -> str:
    """Return text in NFC with Windows and old Mac line endings made plain."""
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
