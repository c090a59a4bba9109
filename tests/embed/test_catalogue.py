"""The widget's words come from the server's catalogue: every key a module uses
is in parley/embed/catalogue.py, messages.js's English is the catalogue's, and no
other module holds an English sentence of its own."""

import itertools
import json
import re
from pathlib import Path

import pytest
from django.utils import translation

import parley.embed
from parley.embed.catalogue import MESSAGES, PLURALS

WIDGET = Path(parley.embed.__file__).parent / "static" / "parley"
MODULES = sorted(WIDGET.glob("*.js"))
SOURCE = (WIDGET / "messages.js").read_text()

# How the modules use a word: MESSAGES.key, say("key"), plural("key", …),
# sentence("key", …) and templates.js's marks (say("key") there too).
USES = {
    "message": re.compile(r'MESSAGES\.(\w+)|\b(?:say|sentence)\("(\w+)"'),
    "plural": re.compile(r'\bplural\("(\w+)"'),
}
# messages.js's English: one `key: "text",` (or [one, other]) per line.
ENTRY = re.compile(r'^  (\w+): ("(?:[^"\\]|\\.)*"),$', re.M)
PLURAL_ENTRY = re.compile(
    r'^  (\w+): (\["(?:[^"\\]|\\.)*", "(?:[^"\\]|\\.)*"\]),$', re.M
)


def _block(name: str) -> str:
    start = SOURCE.index(f"const {name} = {{")
    return SOURCE[start : SOURCE.index("\n};", start)]


def _used(kind: str) -> set[str]:
    return {
        next(group for group in match.groups() if group)
        for path in MODULES
        for match in USES[kind].finditer(COMMENT.sub("", path.read_text()))
    }


def test_every_word_a_module_uses_is_in_the_catalogue():
    assert _used("message") - set(MESSAGES) == set()
    assert _used("plural") - set(PLURALS) == set()
    # And the reasons, spelled reason_<value>.
    reasons = re.search(r"REASONS = \[(.*?)\]", SOURCE).group(1)
    assert {f"reason_{value}" for value in re.findall(r'"(\w+)"', reasons)} <= set(
        MESSAGES
    )


def test_messages_js_english_is_the_catalogues_word_for_word():
    """The fallback and the catalogue name the same words: the English the
    widget shows before (or without) the catalogue is what the server says."""
    english = {k: json.loads(v) for k, v in ENTRY.findall(_block("MESSAGES"))}
    plurals = {k: json.loads(v) for k, v in PLURAL_ENTRY.findall(_block("PLURALS"))}
    with translation.override("en"):
        assert english == {key: str(text) for key, text in MESSAGES.items()}
        assert plurals == {
            key: [sentence(1), sentence(2)] for key, sentence in PLURALS.items()
        }


def test_the_exact_english_sentences_stay_exact():
    with translation.override("en"):
        assert str(MESSAGES["invite"]) == "Would love your thoughts, please comment."
        assert str(MESSAGES["emptyBody"]) == "Please enter your comment!"
        assert str(MESSAGES["missingName"]) == "Please enter your name here"
        assert [
            str(MESSAGES[k]) for k in ("sortNewest", "sortOldest", "sortVotes")
        ] == [
            "Newest",
            "Oldest",
            "Most Voted",
        ]
        assert str(MESSAGES["viewAll"]) == "View all comments"
        assert str(MESSAGES["notifyLegend"]) == "Notify of"


# ----- no module speaks for itself -----

STRING = re.compile(
    r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`', re.S
)
COMMENT = re.compile(r"^\s*//.*$", re.M)
# A word of a sentence (punctuation after it, nothing of CSS in it), and a
# capitalised word standing alone ("Newest").
WORD = re.compile(r"^[A-Za-z]{2,}[,.!?]?$")
LONE = re.compile(r"^[A-Z][a-z]{2,}[.!?]?$")


def _reads_as_english(piece: str) -> bool:
    words = piece.split()
    pairs = itertools.pairwise(words)
    return bool(
        LONE.match(piece) or any(WORD.match(a) and WORD.match(b) for a, b in pairs)
    )


# Literals that look like words and are not: data, names, headers, DOM words.
ALLOWED = {
    "Content-Type",
    "Accept",
    "Accept-Language",
    "X-Parley-Voter",
    "X-Parley-Edit-Token",
    "Retry-After",
    "IntersectionObserver",
    "input, button",  # a selector
    "nofollow ugc noopener",  # a link's rel
}
# Markup of templates.js: its words are marks (say) and its attributes names.
TAG = re.compile(r"<[^>]*>")
HOLE = re.compile(r"\$\{(?:[^{}]|\{[^{}]*\})*\}")


def sentences_in(source: str) -> list[str]:
    """Return each string literal of a module that reads as English."""
    found = []
    for literal in STRING.findall(COMMENT.sub("", source)):
        text = HOLE.sub(" ", literal[1:-1])
        pieces = [piece.strip() for piece in TAG.sub("\n", text).split("\n")]
        pieces += re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', text)
        found += [
            piece
            for piece in pieces
            if piece not in ALLOWED and _reads_as_english(piece)
        ]
    return found


@pytest.mark.parametrize(
    "module",
    [path for path in MODULES if path.name != "messages.js"],
    ids=lambda p: p.name,
)
def test_no_module_holds_an_english_sentence(module):
    assert sentences_in(module.read_text()) == []


def test_the_scan_finds_inline_words():
    """The heuristic catches what the modules held before they used the catalogue."""
    assert sentences_in('const INVITE = "Would love your thoughts, please comment.";')
    assert sentences_in('const SORTS = [["newest", "Newest"]];')
    assert sentences_in("const t = `<span>Sort by</span>`;")
    assert sentences_in('const t = `<button aria-label="Vote up">▲</button>`;')
    assert sentences_in('const t = `${say("sortBy")}<b>${x}</b>`;') == []
