"""Anchors: a passage kept as a text quote and found again after edits."""

import pytest

from parley.discussions.anchors import (
    CONTEXT_LENGTH,
    MAX_QUOTE_LENGTH,
    TextQuote,
    clean_quote,
    locate,
    occurrences,
    plain_text,
    quote_at,
)
from parley.discussions.errors import DiscussionError

TEXT = plain_text(
    "Night trains are back. The first leaves at nine.\n\n"
    "Critics say the fares are too high. Fans say the fares are fair.\n\n"
    "The ministry will review the fares next year."
)


def _quote_of(text: str, exact: str, nth: int = 0) -> TextQuote:
    start = -1
    for _ in range(nth + 1):
        start = text.index(exact, start + 1)
    return quote_at(text, start, start + len(exact))


def test_plain_text_makes_every_run_of_whitespace_one_space():
    assert plain_text("  One\n\ntwo\tthree  \u00a0four ") == "One two three four"


def test_exact_text_is_found_where_it_is():
    quote = _quote_of(TEXT, "The first leaves at nine.")
    start, end = locate(TEXT, quote)
    assert TEXT[start:end] == "The first leaves at nine."


def test_quote_keeps_up_to_32_characters_each_side():
    quote = _quote_of(TEXT, "Critics say")
    assert len(quote.prefix) == CONTEXT_LENGTH
    assert quote.prefix.endswith("leaves at nine. ")
    assert quote.suffix == " the fares are too high. Fans sa"


def test_a_repeated_passage_is_told_apart_by_its_prefix_and_suffix():
    """ "the fares" occurs three times: each quote finds its own."""
    assert occurrences(TEXT, "the fares") == 3
    for nth in range(3):
        quote = _quote_of(TEXT, "the fares", nth)
        expected = TEXT.index("the fares", 0)
        for _ in range(nth):
            expected = TEXT.index("the fares", expected + 1)
        assert locate(TEXT, quote) == (expected, expected + len("the fares"))


def test_an_edit_elsewhere_moves_the_passage_but_keeps_it():
    quote = _quote_of(TEXT, "Fans say the fares are fair.")
    edited = plain_text(
        "Night trains are back after twenty years. The first leaves at nine "
        "from the central station.\n\nCritics say the fares are too high. "
        "Fans say the fares are fair.\n\nA new paragraph."
    )
    start, end = locate(edited, quote)
    assert edited[start:end] == "Fans say the fares are fair."


def test_an_edit_next_to_a_repeat_still_finds_the_better_match():
    """The second "the fares" keeps its suffix, the third lost its prefix: the
    quote of the second is still found at the second."""
    quote = _quote_of(TEXT, "the fares", 1)
    edited = TEXT.replace("The ministry will", "Next spring, the ministry will")
    assert locate(edited, quote) == (
        edited.index("the fares are fair"),
        edited.index("the fares are fair") + len("the fares"),
    )


def test_a_deleted_passage_is_not_found():
    quote = _quote_of(TEXT, "Critics say the fares are too high.")
    edited = TEXT.replace("Critics say the fares are too high. ", "")
    assert locate(edited, quote) is None


def test_a_changed_word_in_the_passage_loses_it():
    quote = _quote_of(TEXT, "The first leaves at nine.")
    assert locate(TEXT.replace("nine", "ten"), quote) is None


def test_clean_quote_normalises_whitespace_and_keeps_context_spaces():
    quote = clean_quote("  the first\n leaves ", "back.\n", "\t at")
    assert quote == TextQuote("the first leaves", "back. ", " at")


@pytest.mark.parametrize(
    ("exact", "prefix", "suffix", "sentence"),
    [
        ("", "", "", "Please select the passage you are commenting on."),
        (" \n\t ", "", "", "Please select the passage you are commenting on."),
        (
            "x" * (MAX_QUOTE_LENGTH + 1),
            "",
            "",
            "The passage you selected is 1,001 characters long; please select at "
            "most 1,000.",
        ),
        (
            "ok",
            "p" * (CONTEXT_LENGTH + 1),
            "",
            "Send at most 32 characters of text before and after the passage.",
        ),
        (
            "a\x00b",
            "",
            "",
            "The text contains a NUL character, which cannot be stored.",
        ),
        (3, "", "", "A quote is text."),
    ],
)
def test_clean_quote_refuses_with_a_sentence(exact, prefix, suffix, sentence):
    with pytest.raises(DiscussionError) as caught:
        clean_quote(exact, prefix, suffix)
    assert caught.value.errors == {"quote": sentence}
