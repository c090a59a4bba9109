import json
import shutil
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from parley.moderation import scoring
from parley.moderation.scoring import (
    BatchingScorer,
    CombinedScorer,
    Scorer,
    Scores,
    ScoringError,
    Span,
)
from parley.moderation.scoring.embedding import EmbeddingScorer
from parley.moderation.scoring.perspective import PerspectiveScorer
from parley.moderation.scoring.rules import RuleScorer

CIVIL = "Thanks for the clear report on the election results in the north."
INSULT = "You are a worthless idiot and nobody wants to read your garbage."


class Fixed:
    """A scorer that answers the same scores for every text."""

    def __init__(self, name, spans=(), **attributes):
        self.name = name
        self.scores = Scores(attributes=attributes, spans=tuple(spans))

    def score(self, texts):
        return [self.scores for _ in texts]


@pytest.fixture(scope="module")
def model():
    return EmbeddingScorer()


@pytest.fixture
def fresh_scorer():
    scoring.get_scorer.cache_clear()
    yield
    scoring.get_scorer.cache_clear()


def test_builtin_scorer_ranks_an_insult_above_a_civil_comment(model):
    """Scores are in 0..1, carry every attribute, and separate the obvious cases."""
    civil, insult = model.score([CIVIL, INSULT])
    assert isinstance(model, Scorer)
    assert set(civil.attributes) >= {"toxicity", "insult", "identity_attack", "threat"}
    assert all(0 <= v <= 1 for v in civil.attributes.values())
    assert civil.toxicity < scoring.hold_threshold() < insult.toxicity
    assert insult.attributes["insult"] > civil.attributes["insult"]


def test_builtin_scorer_scores_other_languages(model):
    """A German insult is held and a French thank-you is not."""
    german, french = model.score(
        ["Du bist ein erbärmlicher Idiot, halt die Klappe.", "Merci pour ce reportage."]
    )
    assert french.toxicity < scoring.hold_threshold() < german.toxicity


def test_spans_point_at_the_toxic_sentence(model):
    """In a two-sentence comment the span covers the insult, not the remark."""
    text = f"Read the article again. {INSULT}"
    (scores,) = model.score([text])
    assert scores.spans, scores
    worst = max(scores.spans, key=lambda s: s.weight)
    assert text[worst.start : worst.end] == INSULT


def test_civil_comment_has_no_spans(model):
    """Spans are only computed for comments that score toxic."""
    (scores,) = model.score([CIVIL])
    assert scores.spans == ()


def test_empty_batch_scores_to_empty_list(model):
    assert model.score([]) == []


def test_rules_hold_a_veiled_threat_with_its_span():
    """A rule match scores high on its own attribute and marks the phrase."""
    text = "Nice article. Someone should pay him a visit tonight."
    (scores,) = RuleScorer().score([text])
    assert scores.toxicity >= 0.9
    assert scores.attributes["threat"] >= 0.9
    (span,) = scores.spans
    assert text[span.start : span.end] == "pay him a visit"


def test_rules_skip_a_quoted_phrase():
    """Quoting a trope to condemn it is not a match."""
    (scores,) = RuleScorer().score(['Saying they "breed like rabbits" is hate speech.'])
    assert scores.toxicity == 0.0
    assert scores.spans == ()


def test_rules_match_slurs_as_whole_words_only():
    """A slur on the list matches; a longer word that starts with it does not."""
    scorer = RuleScorer()
    slur, country = scorer.score(["go home you paki", "Pakistan won the match"])
    assert slur.attributes["identity_attack"] >= 0.9
    assert country.toxicity == 0.0


def test_combined_scorer_takes_each_attributes_maximum_and_all_spans():
    """The rules override a low model score instead of being averaged in."""
    low = Fixed("model", toxicity=0.1, insult=0.3)
    span = Span(0, 4, "threat", 0.95)
    high = Fixed("rules", spans=[span], toxicity=0.95, threat=0.95)
    (scores,) = CombinedScorer([low, high]).score(["text"])
    assert scores.attributes == {"toxicity": 0.95, "insult": 0.3, "threat": 0.95}
    assert scores.spans == (span,)


def test_default_scorer_holds_a_trope_the_rules_know(fresh_scorer, settings):
    """get_scorer combines the model with the rules from the default setting."""
    settings.PARLEY_TOXICITY_BATCHING = None
    (scores,) = scoring.get_scorer().score(["It's the great replacement, wake up."])
    assert scores.toxicity >= 0.9
    assert any(s.attribute == "identity_attack" for s in scores.spans)


def test_get_scorer_reads_the_setting_and_is_cached(fresh_scorer, settings):
    """Entries may be dicts with options; the scorer is built once per process."""
    settings.PARLEY_TOXICITY_SCORERS = [
        {
            "NAME": "parley.moderation.scoring.rules.RuleScorer",
            "OPTIONS": {"extra_patterns": [("insult", r"\bnincompoop\b")]},
        }
    ]
    scorer = scoring.get_scorer()
    assert isinstance(scorer, BatchingScorer)
    assert scoring.get_scorer() is scorer
    (scores,) = scorer.score(["what a nincompoop"])
    assert scores.attributes["insult"] >= 0.9


def test_thresholds_come_from_settings(settings):
    settings.PARLEY_TOXICITY_HOLD = 0.7
    settings.PARLEY_TOXICITY_REJECT = 0.99
    assert scoring.hold_threshold() == 0.7
    assert scoring.reject_threshold() == 0.99
    settings.PARLEY_TOXICITY_REJECT = None
    assert scoring.reject_threshold() is None


def parley_command() -> str:
    """The installed console script next to this Python, else on PATH."""
    beside = Path(sys.executable).with_name("parley")
    return str(beside) if beside.exists() else shutil.which("parley")


def test_parley_score_prints_one_score_per_input_line():
    """Same line count, floats in 0..1, in order, and nothing else on stdout."""
    lines = [
        CIVIL,
        INSULT,
        "",
        "Ce gouvernement ment.",
        "someone should pay him a visit",
    ]
    done = subprocess.run(
        [parley_command(), "score", "--batch", "2"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    out = done.stdout.splitlines()
    assert len(out) == len(lines), done.stdout
    values = [float(line) for line in out]
    assert all(0 <= v <= 1 for v in values)
    assert values[0] < values[1]
    assert values[4] >= 0.9


class _Perspective(BaseHTTPRequestHandler):
    """A local stand-in for a Perspective endpoint: 'bad' texts score high."""

    received: list = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Perspective.received.append((self.path, body))
        text = body["comment"]["text"]
        if text == "crash":
            self.send_response(500)
            self.end_headers()
            return
        bad = "bad" in text
        value = 0.9 if bad else 0.05
        answer = {
            "attributeScores": {
                "TOXICITY": {
                    "summaryScore": {"value": value},
                    "spanScores": [
                        {"begin": 0, "end": len(text), "score": {"value": value}}
                    ],
                },
                "INSULT": {"summaryScore": {"value": value / 2}},
            }
        }
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def perspective_url():
    _Perspective.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Perspective)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1alpha1/comments:analyze"
    server.shutdown()
    server.server_close()


def test_perspective_scorer_speaks_the_perspective_format(perspective_url):
    """Requests carry comment, languages and attributes; answers become Scores."""
    scorer = PerspectiveScorer(url=perspective_url, api_key="k", languages=["en"])
    good, bad = scorer.score(["fine words", "bad words"])
    assert good.toxicity == 0.05
    assert bad.toxicity == 0.9
    assert bad.attributes["insult"] == 0.45
    assert bad.spans == (Span(0, 9, "toxicity", 0.9),)
    path, body = _Perspective.received[0]
    assert path.endswith("comments:analyze?key=k")
    assert body["comment"] == {"text": "fine words"}
    assert body["languages"] == ["en"]
    assert "TOXICITY" in body["requestedAttributes"]


def test_perspective_scorer_reads_its_url_from_settings(perspective_url, settings):
    settings.PARLEY_PERSPECTIVE_URL = perspective_url
    (scores,) = PerspectiveScorer().score(["bad"])
    assert scores.toxicity == 0.9


def test_perspective_scorer_raises_when_the_server_fails(perspective_url):
    with pytest.raises(ScoringError):
        PerspectiveScorer(url=perspective_url).score(["crash"])


class Slow:
    """Record every call; take a while, as a model does."""

    name = "slow"

    def __init__(self):
        self.batches = []

    def score(self, texts):
        self.batches.append(list(texts))
        time.sleep(0.02)
        if "boom" in texts:
            raise ScoringError("boom")
        return [Scores(attributes={"toxicity": len(t) / 100}) for t in texts]


def test_batching_scorer_shares_calls_between_threads():
    """Twenty concurrent posts take far fewer than twenty calls, each gets its own."""
    inner = Slow()
    scorer = BatchingScorer(inner, max_batch=32, max_wait_ms=5)
    results, barrier = {}, threading.Barrier(20)

    def post(n):
        barrier.wait()
        results[n] = scorer.score(["x" * n])[0].toxicity

    threads = [threading.Thread(target=post, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert results == {n: n / 100 for n in range(20)}
    assert len(inner.batches) < 10
    assert sum(len(b) for b in inner.batches) == 20


def test_batching_scorer_hands_errors_to_every_caller_in_the_batch():
    scorer = BatchingScorer(Slow())
    with pytest.raises(ScoringError):
        scorer.score(["boom"])
    assert scorer.score(["ok"])[0].toxicity == 0.02


def test_transformers_scorer_reads_a_model_from_disk(tmp_path, settings):
    """A tiny random classifier saved to disk loads offline and scores each label."""
    transformers = pytest.importorskip("transformers")
    pytest.importorskip("torch")
    from parley.moderation.scoring.local_model import TransformersScorer

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "you", "are", "kind"]
    (tmp_path / "vocab.txt").write_text("\n".join(vocab))
    transformers.BertTokenizerFast(
        vocab_file=str(tmp_path / "vocab.txt")
    ).save_pretrained(tmp_path)
    config = transformers.BertConfig(
        vocab_size=len(vocab),
        hidden_size=8,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=16,
        id2label={0: "toxic", 1: "insult", 2: "threat"},
        label2id={"toxic": 0, "insult": 1, "threat": 2},
    )
    transformers.BertForSequenceClassification(config).save_pretrained(tmp_path)
    settings.PARLEY_TOXICITY_MODEL_PATH = str(tmp_path)

    scores = TransformersScorer().score(["you are kind", "you"])
    assert len(scores) == 2
    assert set(scores[0].attributes) == {"toxicity", "insult", "threat"}
    assert all(0 <= v <= 1 for s in scores for v in s.attributes.values())
