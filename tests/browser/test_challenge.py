"""The proof-of-work solver (challenge.js), imported by a page on another origin
(where it solves on the page) or on the site (where a Worker solves)."""

import base64
import json
from datetime import UTC, datetime, timedelta

import altcha
import pytest

pytestmark = pytest.mark.django_db(transaction=True)

KEY = "k"
PAGE = """<!doctype html><html><head><meta charset="utf-8">{policy}
<title>A blog elsewhere</title></head><body><p>Someone's post.</p></body></html>"""

# Import the solver from the Parley server, solve each challenge in turn (a
# fresh one after each refresh) and answer what the element would send.
SOLVE = """async ([url, challenges, attempts]) => {
  const { Challenge } = await import(url);
  const queue = [...challenges];
  const challenge = new Challenge(async () => queue.shift());
  const answers = [];
  for (let i = 0; i < attempts; i++) {
    if (i) challenge.refresh();
    const payload = await challenge.solution();
    answers.push({ payload, runner: challenge.runner, solveMs: challenge.solveMs });
  }
  return answers;
}"""


def new_challenge(max_number=50_000, expires=None):
    options = altcha.ChallengeOptionsV1(
        hmac_key=KEY, max_number=max_number, expires=expires
    )
    return altcha.create_challenge_v1(options).to_dict()


def open_foreign_page(page, other_origin, policy=""):
    folder, origin = other_origin
    (folder / "post.html").write_text(PAGE.format(policy=policy))
    page.goto(f"{origin}/post.html")


def solve(page, live_server, challenges, attempts=None):
    url = f"{live_server.url}/static/parley/challenge.js"
    return page.evaluate(SOLVE, [url, challenges, attempts or len(challenges)])


def test_solver_on_another_origin_answers_a_payload_altcha_accepts(
    live_server, page, other_origin
):
    """The page solves the challenge; the payload is ALTCHA's, field for field."""
    open_foreign_page(page, other_origin)
    challenge = new_challenge()

    [answer] = solve(page, live_server, [challenge])

    assert answer["runner"] == "page"
    assert altcha.verify_solution_v1(answer["payload"], KEY, check_expires=True) == (
        True,
        None,
    )
    sent = json.loads(base64.b64decode(answer["payload"]))
    assert sorted(sent) == [
        "algorithm",
        "challenge",
        "number",
        "salt",
        "signature",
        "took",
    ]
    assert sent["took"] == answer["solveMs"]


def test_refresh_solves_a_fresh_challenge_for_the_next_attempt(
    live_server, page, other_origin
):
    """Each attempt spends its solution; refresh() brings the next one."""
    open_foreign_page(page, other_origin)
    first, second = new_challenge(), new_challenge()

    answers = solve(page, live_server, [first, second])

    payloads = [json.loads(base64.b64decode(a["payload"])) for a in answers]
    assert [p["challenge"] for p in payloads] == [
        first["challenge"],
        second["challenge"],
    ]
    for answer in answers:
        assert altcha.verify_solution_v1(answer["payload"], KEY)[0]


def test_solver_on_the_sites_own_pages_runs_in_a_worker(live_server, page):
    """Our policy's worker-src 'self' lets the Worker start from its URL."""
    page.goto(f"{live_server.url}/embed/")

    [answer] = solve(page, live_server, [new_challenge()])

    assert answer["runner"] == "worker"
    assert altcha.verify_solution_v1(answer["payload"], KEY, check_expires=True)[0]


def test_solver_asks_a_foreign_page_for_no_worker(live_server, page, other_origin):
    """A strict worker-src on the embedding page is never tried, so never violated."""
    policy = (
        '<meta http-equiv="Content-Security-Policy" '
        f"content=\"script-src {live_server.url}; worker-src 'none'\">"
    )
    page.add_init_script(
        """window.__violations = [];
        document.addEventListener("securitypolicyviolation",
          (event) => window.__violations.push(event.effectiveDirective));"""
    )
    open_foreign_page(page, other_origin, policy)

    [answer] = solve(page, live_server, [new_challenge()])

    assert answer["runner"] == "page"
    assert altcha.verify_solution_v1(answer["payload"], KEY, check_expires=True)[0]
    assert page.evaluate("window.__violations") == []


def test_a_challenge_about_to_expire_is_swapped_for_a_fresh_one(
    live_server, page, other_origin
):
    """A reader who types for long still sends a solution the server accepts."""
    open_foreign_page(page, other_origin)
    soon = datetime.now(UTC) + timedelta(seconds=5)
    stale, fresh = new_challenge(expires=soon), new_challenge()

    [answer] = solve(page, live_server, [stale, fresh], attempts=1)

    sent = json.loads(base64.b64decode(answer["payload"]))
    assert sent["challenge"] == fresh["challenge"]


def test_unsolvable_challenge_answers_an_empty_payload(live_server, page, other_origin):
    """No number fits a forged challenge: the form sends "" and the server refuses."""
    open_foreign_page(page, other_origin)
    forged = {**new_challenge(max_number=2000), "challenge": "0" * 64}

    [answer] = solve(page, live_server, [forged, forged], attempts=1)

    assert answer["payload"] == ""
