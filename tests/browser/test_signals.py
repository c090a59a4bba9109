"""The interaction signals a comment form sends (signals.js)."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Post</title></head>
<body><form><textarea name="body"></textarea><input name="name"></form></body></html>"""

WATCH = """async (url) => {
  const { watchSignals } = await import(url);
  const challenge = { solved: true, solveMs: 42 };
  window.signals = watchSignals(document.querySelector("form"), { challenge });
}"""


def test_signals_count_how_the_form_was_used(live_server, page, other_origin):
    """Keys, pointer, focus and pastes are counted; the solve time is passed on."""
    folder, origin = other_origin
    (folder / "post.html").write_text(PAGE)
    page.goto(f"{origin}/post.html")
    page.evaluate(WATCH, f"{live_server.url}/static/parley/signals.js")

    page.locator("textarea").click()
    page.keyboard.type("Hello")
    page.locator("input").focus()
    page.locator("textarea").dispatch_event("paste")
    signals = page.evaluate("() => window.signals.snapshot()")

    assert signals["keys"] == 5
    assert signals["pointer"] >= 1
    assert signals["focus"] == 2
    assert signals["pastes"] == 1
    assert signals["elapsed_ms"] > 0
    assert signals["challenge_solved"] is True
    assert signals["solve_ms"] == 42

    page.evaluate("() => window.signals.reset()")
    assert page.evaluate("() => window.signals.snapshot().keys") == 0
