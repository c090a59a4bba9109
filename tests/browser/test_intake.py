"""The widget through the whole intake: proof of work, signals, the second look,
held comments, bans, reports and the moderators' controls, in Chromium."""

import json
import re
import time

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from playwright.sync_api import expect

from parley.discussions import actions
from parley.discussions.intake import IntakeContext
from parley.discussions.models import Comment
from parley.moderation.models import Ban, Report
from parley.protection.challenge import issue_challenge
from tests.browser.conftest import ARTIFACTS, screenshot
from tests.factories import make_article
from tests.protection.support import decode, encode, solve

pytestmark = pytest.mark.django_db(transaction=True)

CAPTCHA = "Captcha verification failed!"
SCORE = "CAPTCHA user score failed. Please contact us!"
SECOND_LOOK = (
    "This comment may break our community guidelines. Edit it, or post it for review."
)
HELD = "Your comment is awaiting moderation."
BANNED = "You can't comment here. If you think this is a mistake, please contact us."
TOXIC = "You are a worthless idiot and people like you should be driven out."
CONTACT = "newsroom@example.org"
TYPING = {"elapsed_ms": 25_000, "keys": 80, "pointer": 6, "focus": 2}

HOST_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>A blog post elsewhere</title></head><body>
<h1>Notes from the harbour</h1>
<script src="{server}/static/parley/embed.js"
        data-parley-thread="blog:harbour" async></script>
</body></html>"""

# A script posting straight to the API from the page, as a bot would.
SCRIPTED_POST = """async ([path, payload]) => {
  const response = await fetch(path, {
    method: "POST",
    credentials: "omit",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: await response.json() };
}"""


@pytest.fixture(autouse=True)
def _intake(full_intake, settings):
    settings.PARLEY_PROTECTION_REDIS_URL = ""  # the database store
    # Many posts from one address in a few seconds: lift the limits the tests
    # don't look at (tests/api/test_intake.py covers them).
    settings.PARLEY_RATE_LIMITS = {
        **settings.PARLEY_RATE_LIMITS,
        "comment": "100/minute",
        "challenge": "600/minute",
        "new_voter": "100/hour",
    }


def _publish(thread, body, name="Olu"):
    return actions.post_comment(
        thread,
        author=actions.CommentAuthor(name=name),
        body=body,
        context=IntakeContext(trusted=True),
    )


def _write(form, text, *, name="Rosa", email=""):
    """Type into the widget's form as a reader does: keys, clicks, some seconds."""
    started = time.monotonic()
    body = form.get_by_label("Comment", exact=True)
    body.click()
    body.press_sequentially(text, delay=10)
    for label, value in (("Name", name), ("E-mail (optional, never shown)", email)):
        if value:
            field = form.get_by_label(label)
            field.click()
            field.press_sequentially(value, delay=10)
    # Under two seconds from the form to the submit looks like a script.
    form.page.wait_for_timeout(max(0, 2600 - (time.monotonic() - started) * 1000))


def _main_form(page):
    """The widget's new-comment form (not the server-rendered one it replaces)."""
    form = page.locator("parley-comments [data-ref=form-slot] form")
    expect(form).to_be_visible()
    return form


def _moderator_context(browser, live_server, django_user_model):
    moderator = django_user_model.objects.create_user("mod", password="pw-mod-123")
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    client = Client()
    client.force_login(moderator)
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    return context


def _held_by_api(article, body=TOXIC) -> dict:
    """A comment posted anyway after the second look: held, as its author sees it."""
    client = Client()
    challenge = client.get("/api/v1/challenge").json()
    response = client.post(
        f"/api/v1/threads/{article.thread.key}/comments",
        json.dumps(
            {
                "body": body,
                "name": "Tam",
                "altcha": solve(challenge, took=700),
                "signals": TYPING,
                "post_anyway": True,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 202, response.content
    return response.json()


def test_widget_solves_the_challenge_and_posts_on_the_article_page(live_server, page):
    """A reader's comment carries a real solution and signals, and is published."""
    article = make_article(headline="Harbour wall repaired")
    _publish(article.thread, "The old wall held for a century.")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    form = _main_form(page)
    expect(form.get_by_role("link", name="Community guidelines")).to_have_attribute(
        "href", f"{live_server.url}/community-guidelines/"
    )
    _write(form, "Good news for the fishing boats.")
    form.get_by_role("button", name="Post comment").click()

    mine = page.locator("li.comment", has_text="Good news for the fishing boats.")
    expect(mine).to_have_count(1)
    expect(page.locator(".discussion__title")).to_have_text("2 comments")
    expect(mine.locator(".report")).to_be_hidden()  # not on one's own comment
    other = page.locator("li.comment", has_text="The old wall held")
    expect(other.locator(".report summary")).to_have_text("Report")
    screenshot(page, "intake-posted-on-article")

    comment = Comment.objects.get(body_markdown="Good news for the fishing boats.")
    assert comment.status == "published"
    verdicts = {v["check"]: v for v in comment.intake["verdicts"]}
    assert verdicts["bot_protection"]["outcome"] == "pass"
    assert verdicts["human_score"]["score"] >= 0.5
    assert comment.intake["verdicts"][0]["detail"]  # the solution was checked


def test_widget_solves_the_challenge_and_posts_from_another_origin(
    live_server, page, other_origin, settings
):
    """On a foreign page the Worker starts from a Blob and the post is accepted."""
    folder, origin = other_origin
    settings.EMBED_ORIGINS = [origin]
    (folder / "post.html").write_text(HOST_PAGE.format(server=live_server.url))
    page.goto(f"{origin}/post.html")
    form = _main_form(page)
    expect(form.get_by_role("link", name="Community guidelines")).to_have_attribute(
        "href", f"{live_server.url}/community-guidelines/"
    )
    _write(form, "Lovely walk, the harbour was calm.", name="Gwen")
    form.get_by_role("button", name="Post comment").click()
    expect(page.locator("li.comment", has_text="Lovely walk")).to_have_count(1)
    screenshot(page, "intake-posted-from-another-origin")
    assert Comment.objects.get(thread__key="blog:harbour").status == "published"


def test_scripted_posts_get_the_exact_sentences(live_server, page):
    """Without a solution, with a replayed, expired or forged one, with the
    honeypot filled, or at once with no signals: refused, word for word."""
    article = make_article(headline="Scripts")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    path = f"/api/v1/threads/{article.thread.key}/comments"

    def scripted(body, **fields):
        payload = {"body": body, "name": "Bot", **fields}
        return page.evaluate(SCRIPTED_POST, [path, payload])

    captcha = {
        "status": 400,
        "body": {"errors": {"altcha": CAPTCHA}, "code": "captcha"},
    }
    assert scripted("No proof at all.", signals=TYPING) == captcha

    replayed = solve(issue_challenge(""), took=700)
    assert scripted("First use.", altcha=replayed, signals=TYPING)["status"] == 201
    assert scripted("Second use.", altcha=replayed, signals=TYPING) == captcha

    expired = solve(issue_challenge("", now=time.time() - 7200), took=700)
    assert scripted("Expired proof.", altcha=expired, signals=TYPING) == captcha

    forged = decode(solve(issue_challenge(""), took=700))
    forged["signature"] = "0" * len(forged["signature"])
    assert scripted("Forged proof.", altcha=encode(forged), signals=TYPING) == captcha

    trapped = solve(issue_challenge(""), took=700)
    assert (
        scripted("Filled the trap.", altcha=trapped, signals=TYPING, honeypot="x")
        == captcha
    )

    at_once = solve(issue_challenge(""), took=700)
    assert scripted("Posted at once.", altcha=at_once) == {
        "status": 400,
        "body": {"errors": {"altcha": SCORE}, "code": "score", "contact": CONTACT},
    }
    assert list(Comment.objects.values_list("body_markdown", flat=True)) == [
        "First use."
    ]


def test_widget_shows_a_failed_captcha_and_the_score_with_the_contact_address(
    live_server, page
):
    """The sentences go to the form's top; after the score, a mailto link."""
    article = make_article(headline="Bots")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    form = _main_form(page)
    errors = form.locator("[data-error=general]")
    # A bot fills every field it finds, the hidden one too, and submits at once.
    form.evaluate(
        """(form) => {
          form.elements.body.value = "Buy now.";
          form.elements.name.value = "Bot";
          form.elements.honeypot.value = "http://spam.example";
          form.requestSubmit();
        }"""
    )
    expect(errors).to_have_text(CAPTCHA)
    form.evaluate(
        """(form) => {
          form.elements.honeypot.value = "";
          form.requestSubmit();
        }"""
    )
    expect(errors).to_have_text(f"{SCORE} {CONTACT}")
    expect(errors.get_by_role("link", name=CONTACT)).to_have_attribute(
        "href", f"mailto:{CONTACT}"
    )
    screenshot(page, "intake-score-failed")
    assert not Comment.objects.exists()


def test_toxic_comment_gets_a_second_look_and_is_held_for_its_author_only(
    live_server, page, browser
):
    """Posted for review, it shows "Awaiting moderation" to its author alone."""
    article = make_article(headline="Council vote")
    url = f"{live_server.url}{article.get_absolute_url()}"
    page.goto(url)
    form = _main_form(page)
    _write(form, TOXIC, name="Tam")
    form.get_by_role("button", name="Post comment").click()
    expect(form.locator("[data-error=body]")).to_have_text(SECOND_LOOK)
    expect(form.get_by_role("button", name="Edit it")).to_be_visible()
    # Two ways on, not three: the form's own button waits for "Edit it".
    expect(form.get_by_role("button", name="Post comment")).to_be_hidden()
    assert not Comment.objects.exists()

    form.get_by_role("button", name="Edit it").click()
    expect(form.get_by_label("Comment", exact=True)).to_be_focused()
    form.get_by_role("button", name="Post comment").click()
    expect(form.get_by_role("button", name="Post it for review")).to_be_visible()
    form.get_by_role("button", name="Post it for review").click()

    held = page.locator("li.comment", has_text="worthless idiot")
    expect(held.locator(".badge--held")).to_have_text("Awaiting moderation")
    expect(page.locator("parley-comments [data-ref=status]")).to_have_text(HELD)
    expect(form.get_by_label("Comment", exact=True)).to_have_value("")
    expect(held.locator(".report")).to_be_hidden()
    screenshot(page, "intake-held-for-its-author")
    comment = Comment.objects.get()
    assert comment.status == "pending"

    page.reload()
    held = page.locator("li.comment", has_text="worthless idiot")
    expect(held.locator(".badge--held")).to_have_text("Awaiting moderation")
    expect(held).to_have_class(re.compile(r"\bcomment--held\b"))

    other = browser.new_context()
    stranger = other.new_page()
    stranger.goto(url)
    expect(stranger.locator("parley-comments .discussion__invite")).to_be_visible()
    stranger.wait_for_load_state("networkidle")
    expect(stranger.locator("li.comment")).to_have_count(0)
    other.close()


def test_moderator_approves_a_held_comment_and_other_readers_then_see_it(
    live_server, browser, django_user_model
):
    """Staff controls call the moderation API; approved, the comment is public."""
    article = make_article(headline="Ferry timetable")
    _publish(article.thread, "The 7:10 is always late.")
    held = _held_by_api(article)
    url = f"{live_server.url}{article.get_absolute_url()}"

    moderator = _moderator_context(browser, live_server, django_user_model)
    page = moderator.new_page()
    page.goto(f"{url}#comment-{held['id']}")
    item = page.locator(f"#comment-{held['id']}")
    expect(item.locator(".badge--held")).to_have_text("Awaiting moderation")
    expect(item.locator(".staff").get_by_role("button", name="Approve")).to_be_visible()
    published = page.locator("li.comment", has_text="always late")
    expect(published.get_by_role("button", name="Feature")).to_be_visible()
    screenshot(page, "intake-moderator-controls")
    item.get_by_role("button", name="Approve").click()
    expect(item.locator(".comment__moderated")).to_have_text(
        "Approved: readers see it."
    )
    expect(item.locator(".badge--held")).to_be_hidden()
    expect(page.locator(".discussion__title")).to_have_text("2 comments")
    published.get_by_role("button", name="Feature").click()
    expect(published.get_by_role("button", name="Unfeature")).to_be_visible()
    moderator.close()
    assert Comment.objects.get(pk=held["id"]).status == "published"

    reader = browser.new_context()
    page = reader.new_page()
    page.goto(url)
    expect(page.locator("li.comment", has_text="worthless idiot")).to_have_count(1)
    expect(page.locator(".staff").first).to_be_hidden()
    reader.close()


def test_posting_too_fast_says_when_to_try_again(live_server, page, settings):
    """A 429 shows the server's sentence and the wait from Retry-After."""
    settings.PARLEY_RATE_LIMITS = {**settings.PARLEY_RATE_LIMITS, "comment": "1/minute"}
    article = make_article(headline="Busy")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    form = _main_form(page)
    _write(form, "First thought on the harbour.")
    form.get_by_role("button", name="Post comment").click()
    expect(page.locator("li.comment")).to_have_count(1)
    _write(form, "And a second one.", name="")
    form.get_by_role("button", name="Post comment").click()
    expect(form.locator("[data-error=general]")).to_have_text(
        re.compile(
            r"^You are posting too quickly\. Please wait a little and try again\. "
            r"You can try again in \d+ seconds?\.$"
        )
    )
    screenshot(page, "intake-rate-limited")


def test_banned_author_is_refused_with_the_sentence(live_server, page):
    """A ban by e-mail address refuses the post, with the newsroom's address."""
    Ban.objects.create(kind="email", value="troll@example.org")
    article = make_article(headline="Banned")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    form = _main_form(page)
    _write(form, "Let me back in.", name="Troll", email="troll@example.org")
    form.get_by_role("button", name="Post comment").click()
    expect(form.locator("[data-error=general]")).to_have_text(f"{BANNED} {CONTACT}")
    assert not Comment.objects.exists()


def test_no_javascript_post_is_held_and_shown_to_its_author_only(live_server, browser):
    """The plain form carries no proof of work: held, for its author's eyes."""
    article = make_article(headline="Quiet harbour")
    url = f"{live_server.url}{article.get_absolute_url()}"
    no_js = browser.new_context(java_script_enabled=False)
    page = no_js.new_page()
    page.goto(url)
    page.get_by_label("Comment", exact=True).fill("Posted without JavaScript.")
    page.get_by_label("Name").fill("Nico")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text(HELD).first).to_be_visible()
    expect(
        page.locator(".comment--held", has_text="without JavaScript")
    ).to_be_visible()
    screenshot(page, "intake-no-javascript-held")
    assert Comment.objects.get().status == "pending"

    # The same reader with JavaScript: the widget asks for their held comments.
    with_js = browser.new_context()
    with_js.add_cookies(no_js.cookies())
    page = with_js.new_page()
    page.goto(url)
    held = page.locator("li.comment", has_text="without JavaScript")
    expect(held.locator(".badge--held")).to_have_text("Awaiting moderation")
    no_js.close()
    with_js.close()

    stranger = browser.new_context()
    page = stranger.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    expect(page.locator("parley-comments .discussion__invite")).to_be_visible()
    expect(page.get_by_text("without JavaScript")).to_have_count(0)
    stranger.close()


def test_reader_reports_a_comment_and_is_thanked(live_server, page):
    """A first-time guest reports with a reason (and gets a reader token with it);
    a second report changes nothing."""
    article = make_article(headline="Reports")
    target = _publish(article.thread, "Cheap watches at my site!", name="Spammer")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")

    item = page.locator(f"#comment-{target.pk}")
    item.get_by_text("Report", exact=True).click()
    item.get_by_role("button", name="Send report").click()
    expect(item.locator(".report [data-error=general]")).to_have_text(
        "Please choose a reason."
    )
    item.get_by_role("radio", name="Other").check()
    item.get_by_role("button", name="Send report").click()
    expect(item.locator(".report [data-error=general]")).to_have_text(
        "Please tell us what is wrong."
    )
    item.get_by_role("radio", name="Spam").check()
    item.get_by_role("button", name="Send report").click()
    expect(item.locator(".report__thanks")).to_have_text(
        "Thanks, a moderator will look at it."
    )
    screenshot(page, "intake-reported")
    report = Report.objects.get()
    assert (report.comment_id, report.reason) == (target.pk, "spam")

    page.reload()
    item = page.locator(f"#comment-{target.pk}")
    item.get_by_text("Report", exact=True).click()
    item.get_by_role("radio", name="Abuse").check()
    item.get_by_role("button", name="Send report").click()
    expect(item.locator(".report__thanks")).to_have_text(
        "Thanks, a moderator will look at it."
    )
    assert Report.objects.count() == 1


def test_second_look_on_a_phone(live_server, browser):
    """At 390 px the prompt's two buttons fit beside the sentence."""
    article = make_article(headline="Small screens")
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    form = _main_form(page)
    _write(form, TOXIC, name="Tam")
    form.get_by_role("button", name="Post comment").click()
    expect(form.locator("[data-error=body]")).to_have_text(SECOND_LOOK)
    form.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    form.screenshot(path=str(ARTIFACTS / "intake-second-look-phone.png"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    context.close()
