"""The whole intake over HTTP: proof of work, the human score, rate limits, the
held state and the second look, with the exact sentences."""

import json
import time

import pytest
from django.test import Client

from parley.discussions import actions
from parley.discussions.intake import IntakeContext
from parley.discussions.models import Comment, Thread, Vote
from parley.protection import challenge
from tests.factories import make_article, make_thread
from tests.protection.support import decode, encode, solve

pytestmark = pytest.mark.django_db
API = "/api/v1"
TYPING = {"elapsed_ms": 25_000, "keys": 80, "pointer": 6, "focus": 2}
CAPTCHA = "Captcha verification failed!"
SCORE = "CAPTCHA user score failed. Please contact us!"


@pytest.fixture(autouse=True)
def _intake(full_intake, settings):
    settings.PARLEY_PROTECTION_REDIS_URL = ""  # the database path; tests/protection
    make_thread("k")  # covers Redis too


def _solution(client=None) -> str:
    issued = (client or Client()).get(f"{API}/challenge")
    assert issued.status_code == 200
    assert issued["Cache-Control"] == "private, no-store"
    return solve(issued.json(), took=700)


def _post(client, body="A considered view on the budget.", key="k", **fields):
    payload = {"body": body, "name": "Reader", **fields}
    return client.post(
        f"{API}/threads/{key}/comments",
        json.dumps(payload),
        content_type="application/json",
        **fields.pop("meta", {}),
    )


def test_a_solved_challenge_and_human_signals_publish():
    client = Client()
    response = _post(client, altcha=_solution(), signals=TYPING)
    assert response.status_code == 201, response.content
    comment = Comment.objects.get(pk=response.json()["id"])
    verdicts = {v["check"]: v for v in comment.intake["verdicts"]}
    assert verdicts["human_score"]["score"] > 0.5
    assert comment.human_score == verdicts["human_score"]["score"]
    assert any(s["signal"] for s in verdicts["human_score"]["detail"]["signals"])


def _tampered(field: str) -> str:
    payload = decode(_solution())
    if field == "signature":
        payload["signature"] = "0" * len(payload["signature"])
    elif field == "number":
        payload["number"] += 1
    elif field == "garbage":
        return "not-base64!!"
    return encode(payload)


@pytest.mark.parametrize("how", ["missing", "signature", "number", "garbage"])
def test_missing_forged_or_wrong_solutions_get_the_exact_sentence(how):
    altcha = "" if how == "missing" else _tampered(how)
    response = _post(Client(), altcha=altcha, signals=TYPING)
    assert response.status_code == 400
    assert response.json() == {"errors": {"altcha": CAPTCHA}, "code": "captcha"}
    assert not Comment.objects.exists()


def test_a_replayed_solution_is_refused():
    altcha = _solution()
    assert _post(Client(), altcha=altcha, signals=TYPING).status_code == 201
    again = _post(Client(), "Another text.", altcha=altcha, signals=TYPING)
    assert again.status_code == 400
    assert again.json()["errors"] == {"altcha": CAPTCHA}


def test_an_expired_solution_is_refused():
    old = challenge.issue_challenge("", now=time.time() - 7200)
    response = _post(Client(), altcha=solve(old, took=700), signals=TYPING)
    assert response.status_code == 400
    assert response.json()["errors"] == {"altcha": CAPTCHA}


def test_a_filled_honeypot_is_refused_like_a_failed_captcha():
    response = _post(Client(), altcha=_solution(), signals=TYPING, honeypot="x")
    assert response.status_code == 400
    assert response.json()["errors"] == {"altcha": CAPTCHA}


def test_a_script_that_submits_at_once_fails_the_score_with_the_contact():
    response = _post(Client(), altcha=_solution(), signals={"elapsed_ms": 200})
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"altcha": SCORE},
        "code": "score",
        "contact": "newsroom@example.org",
    }


def test_posting_too_fast_gets_429_with_retry_after(settings):
    settings.PARLEY_RATE_LIMITS = {**settings.PARLEY_RATE_LIMITS, "comment": "2/minute"}
    client = Client()
    for n in range(2):
        assert (
            _post(client, f"Text {n}", altcha=_solution(), signals=TYPING).status_code
            == 201
        )
    refused = _post(client, "Text 3", altcha=_solution(), signals=TYPING)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["code"] == "rate_limited"


def test_a_forged_forwarded_for_from_an_untrusted_peer_changes_nothing(settings):
    settings.PARLEY_RATE_LIMITS = {**settings.PARLEY_RATE_LIMITS, "comment": "1/minute"}
    first = _post(
        Client(),
        "One",
        altcha=_solution(),
        signals=TYPING,
        meta={"HTTP_X_FORWARDED_FOR": "203.0.113.1"},
    )
    assert first.status_code == 201
    second = _post(
        Client(),
        "Two",
        altcha=_solution(),
        signals=TYPING,
        meta={"HTTP_X_FORWARDED_FOR": "198.51.100.7"},
    )
    assert second.status_code == 429


def test_a_trusted_proxy_names_the_client(settings):
    settings.PARLEY_RATE_LIMITS = {**settings.PARLEY_RATE_LIMITS, "comment": "1/minute"}
    settings.PARLEY_TRUSTED_PROXIES = ["127.0.0.1/32"]
    for address in ("203.0.113.1", "198.51.100.7"):
        response = _post(
            Client(),
            f"From {address}",
            altcha=_solution(),
            signals=TYPING,
            meta={"HTTP_X_FORWARDED_FOR": address},
        )
        assert response.status_code == 201


def test_dropping_the_voter_cookie_does_not_add_votes_beyond_the_limit(settings):
    settings.PARLEY_RATE_LIMITS = {**settings.PARLEY_RATE_LIMITS, "new_voter": "3/hour"}
    comment = actions.post_comment(
        make_thread(),
        author=actions.CommentAuthor(name="Author"),
        body="Vote on me",
        context=IntakeContext(trusted=True),
    )
    statuses = []
    for _ in range(6):  # a fresh client each time: no cookie, no token
        response = Client().post(
            f"{API}/comments/{comment.pk}/vote",
            {"value": 1},
            content_type="application/json",
        )
        statuses.append(response.status_code)
    assert statuses == [200, 200, 200, 429, 429, 429]
    assert Vote.objects.filter(comment=comment).count() == 3
    comment.refresh_from_db()
    assert comment.score == 3


def test_a_thread_for_a_page_elsewhere_needs_an_embed_origin():
    fields = {"altcha": _solution(), "signals": TYPING, "thread_title": "Elsewhere"}
    refused = _post(
        Client(), key="blog:x", thread_url="https://evil.example/", **fields
    )
    assert refused.status_code == 403
    assert not Thread.objects.filter(key="blog:x").exists()


def test_a_held_comment_answers_202_and_only_its_author_sees_it():
    article = make_article()
    article.premoderate_comments = True
    from parley.newsroom.actions import save_article

    save_article(article)
    client = Client()
    response = _post(client, key=article.thread_key, altcha=_solution(), signals=TYPING)
    assert response.status_code == 202
    held = response.json()
    assert held["status"] == "pending"
    # Said so, with why: the intake's word to the author.
    assert held["notice"] == (
        "Your comment is awaiting moderation. "
        "Every comment in this discussion is reviewed first."
    )
    page = Client().get(f"{API}/threads/{article.thread_key}/comments").json()
    assert page["comments"] == [] and page["thread"]["comment_count"] == 0
    mine = client.get(
        f"{API}/me/comments?thread={article.thread_key}",
        headers={"X-Parley-Voter": held["voter_token"]},
    ).json()["comments"]
    assert [c["id"] for c in mine] == [held["id"]]
    stranger = Client().get(f"{API}/me/comments?thread={article.thread_key}").json()
    assert stranger["comments"] == []


def test_a_no_js_form_post_is_held_not_refused():
    article = make_article()
    client = Client()
    page = client.get(article.get_absolute_url())
    token = page.context["form"].initial["form_token"]
    time.sleep(0.01)
    response = client.post(
        article.get_absolute_url(),
        {"body": "Posted without JavaScript.", "name": "Ned", "form_token": token},
    )
    assert response.status_code == 302
    comment = Comment.objects.get(body_markdown="Posted without JavaScript.")
    assert comment.status == "pending"
    reasons = " ".join(v["reason"] for v in comment.intake["verdicts"])
    assert "without JavaScript" in reasons
    shown = client.get(article.get_absolute_url())
    assert "Your comment is awaiting moderation." in shown.text
    assert "Posted without JavaScript." in shown.text
    assert (
        "Posted without JavaScript."
        not in Client().get(article.get_absolute_url()).text
    )


SECOND_LOOK = (
    "This comment may break our community guidelines. Edit it, or post it for review."
)
TOXIC = "You are a worthless idiot and people like you should be driven out."


def test_a_toxic_comment_gets_a_second_look_then_is_held_when_posted_anyway():
    client = Client()
    first = _post(client, TOXIC, altcha=_solution(), signals=TYPING)
    assert first.status_code == 422
    assert first.json() == {"errors": {"body": SECOND_LOOK}, "code": "second_look"}
    assert not Comment.objects.exists()
    rephrased = _post(
        client, "I think you are wrong about this.", altcha=_solution(), signals=TYPING
    )
    assert rephrased.status_code == 201
    anyway = _post(client, TOXIC, altcha=_solution(), signals=TYPING, post_anyway=True)
    assert anyway.status_code == 202
    held = Comment.objects.get(pk=anyway.json()["id"])
    assert held.status == "pending"
    assert held.toxicity >= 0.5
    toxicity = next(v for v in held.intake["verdicts"] if v["check"] == "toxicity")
    assert toxicity["outcome"] == "hold"
    spans = toxicity["detail"]["spans"]
    assert spans and all(0 <= s["start"] < s["end"] <= len(TOXIC) for s in spans)


def test_the_intake_records_every_verdict_in_order():
    response = _post(Client(), altcha=_solution(), signals=TYPING)
    comment = Comment.objects.get(pk=response.json()["id"])
    checks = [v["check"] for v in comment.intake["verdicts"]]
    assert checks[:3] == ["bot_protection", "human_score", "toxicity"][
        : len(checks)
    ] or (
        "bot_protection" in checks and "human_score" in checks and "toxicity" in checks
    )
    assert comment.toxicity is not None and comment.human_score is not None
