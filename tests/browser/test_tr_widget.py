"""The widget speaks its reader's language, every word of it from the server's
catalogue: German sort names, form, heading, paging and errors, numbers written
the German way; Arabic right to left, within a phone's width."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from parley.discussions.models import Comment, Thread
from tests.browser.conftest import WIDGET_LOADED, screenshot, wait_for_widget
from tests.browser.widget_pages import announced, top_level
from tests.factories import make_article, post
from tests.moderation.conftest import hold

pytestmark = pytest.mark.django_db(transaction=True)

OVERFLOW = (
    "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
)


def _article_with_comments(count: int):
    article = make_article(headline="Ein Gespräch")
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            thread=article.thread,
            author_name=f"Leserin {i}",
            body_markdown=f"Beitrag {i}",
            body_html=f"<p>Beitrag {i}</p>",
            created_at=now - timezone.timedelta(minutes=i + 30),
        )
        for i in range(count)
    )
    Thread.objects.filter(pk=article.thread.pk).update(comment_count=count)
    return article


@pytest.fixture
def reader(browser, request):
    """A page in the language and size the test asks for (its `locale` and
    `viewport` marks' values), failing on any JavaScript error."""

    def open_page(locale: str, width: int = 1280, height: int = 900):
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale=locale
        )
        request.addfinalizer(context.close)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        request.addfinalizer(lambda: not errors or pytest.fail(f"JS errors: {errors}"))
        page.add_init_script(WIDGET_LOADED)
        return page

    return open_page


def test_the_widget_speaks_german_from_the_catalogue(live_server, reader):
    page = reader("de-DE")
    article = _article_with_comments(1050)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    wait_for_widget(page)
    widget = page.locator("parley-comments")

    # The heading, the sorts and the paging, numbers as German writes them.
    expect(widget.locator("h2.discussion__title")).to_have_text("1.050 Kommentare")
    sorts = widget.locator("nav.sort button[data-sort]")
    expect(sorts).to_have_text(["Neueste", "Älteste", "Meiste Stimmen"])
    expect(widget.locator("nav.sort")).to_have_attribute(
        "aria-label", "Kommentare sortieren"
    )
    expect(widget.locator(".more__shown")).to_have_text(
        "20 von 1.050 Kommentaren angezeigt"
    )
    expect(
        widget.get_by_role("button", name="Alle Kommentare anzeigen")
    ).to_be_visible()
    # A comment's controls.
    first = top_level(page).first
    expect(first.get_by_role("button", name="Antworten", exact=True)).to_be_visible()
    expect(first.get_by_role("button", name="Dafür stimmen")).to_be_visible()
    expect(first.locator(":scope > article")).to_have_attribute(
        "aria-label", "Kommentar von Leserin 0"
    )

    # The form: its title, labels and button; a guest may sign in instead.
    form = widget.locator("[data-ref=form-slot] form")
    expect(form.locator(".comment-form__title")).to_have_text(
        "Einen Kommentar schreiben"
    )
    expect(form.get_by_label("Kommentar", exact=True)).to_be_visible()
    expect(form.get_by_label("E-Mail (freiwillig, wird nie angezeigt)")).to_be_visible()
    sign_in = form.get_by_role("link", name="Melden Sie sich an")
    expect(sign_in).to_have_attribute(
        "href",
        f"{live_server.url}/accounts/sign-in/?next="
        f"{article.get_absolute_url().replace('/', '%2F')}%23comments",
    )
    expect(form.get_by_role("link", name="legen Sie eines an")).to_be_visible()

    # An empty comment: the form's own sentence, in German.
    form.get_by_role("button", name="Kommentar veröffentlichen").click()
    expect(form.locator("[data-error=body]")).to_have_text(
        "Bitte geben Sie Ihren Kommentar ein!"
    )
    expect(form.locator("[data-error=name]")).to_have_text(
        "Bitte geben Sie hier Ihren Namen ein"
    )

    # Paging: the next page, and what the live region says of it.
    widget.get_by_role("button", name="Alle Kommentare anzeigen").click()
    expect(top_level(page)).to_have_count(40)
    expect(announced(page)).to_have_text(
        "20 weitere Kommentare geladen. 40 von 1.050 Kommentaren angezeigt"
    )
    expect(
        widget.get_by_role("button", name="Weitere Kommentare laden")
    ).to_be_visible()

    # Posted: the live region says so in German, and the heading counts it.
    form.get_by_label("Kommentar", exact=True).fill("Ein Kommentar auf Deutsch.")
    form.get_by_label("Name").fill("Greta")
    form.get_by_role("button", name="Kommentar veröffentlichen").click()
    mine = widget.locator("li.comment", has_text="Ein Kommentar auf Deutsch.")
    expect(mine.locator(":scope > article")).to_be_focused()
    expect(announced(page)).to_have_text("Kommentar veröffentlicht")
    expect(widget.locator("h2.discussion__title")).to_have_text("1.051 Kommentare")
    expect(mine.locator("[data-ref=edit-left]")).to_have_text(
        "Noch 15 Minuten bearbeitbar"
    )
    page.locator("#comments").scroll_into_view_if_needed()
    screenshot(page, "tr-widget-de")


def test_the_api_speaks_the_widgets_language(live_server, reader):
    """The API's own sentences come in the widget's language: the widget asks
    for it (Accept-Language) whatever the browser's own preference."""
    page = reader("en-US")
    article = _article_with_comments(2)
    # A German page, in an English browser: the page's language rules.
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    wait_for_widget(page)
    asked = page.evaluate(
        """async () => {
          const { ApiClient } = await import("/static/parley/api.js");
          const api = new ApiClient({ language: "de" });
          try { await api.request("GET", "/no-such-route"); }
          catch (error) { return error.message; }
        }"""
    )
    assert asked == "Diesen API-Endpunkt gibt es nicht."


@pytest.mark.parametrize(
    ("name", "width", "height"), [("phone", 390, 844), ("desktop", 1280, 900)]
)
def test_the_widget_in_arabic_reads_right_to_left(
    live_server, reader, name, width, height
):
    page = reader("ar", width, height)
    article = _article_with_comments(3)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    wait_for_widget(page)
    widget = page.locator("parley-comments")
    expect(widget.locator("h2.discussion__title")).to_have_text("3 تعليقات")
    expect(widget.locator("nav.sort button[data-sort]")).to_have_text(
        ["الأحدث", "الأقدم", "الأكثر تصويتًا"]
    )
    form = widget.locator("[data-ref=form-slot] form")
    expect(form.get_by_role("button", name="انشر التعليق")).to_be_visible()
    assert widget.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert page.evaluate(OVERFLOW) <= 0
    widget.scroll_into_view_if_needed()
    screenshot(page, f"tr-widget-ar-{name}")


def test_a_moderator_reaches_a_held_comments_desk_item_in_their_language(
    live_server, browser
):
    """A held comment, to a moderator with JavaScript: marked, with the link to
    its item on the desk (as the no-JS page has it), in the reader's language."""
    editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client = Client()
    client.force_login(editor)
    article = make_article(headline="Gebaggert")
    post(article.thread, "Endlich.", name="Olu")
    held = hold(post(article.thread, "Zurückgehalten.", name="Tam"), intake={})
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="de-DE"
    )
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    try:
        page = context.new_page()
        page.add_init_script(WIDGET_LOADED)
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        wait_for_widget(page)
        item = page.locator(f"parley-comments li#comment-{held.pk}")
        expect(item.locator(".badge--held")).to_have_text("Wartet auf Freigabe")
        desk = item.get_by_role("link", name="Moderationspult")
        expect(desk).to_have_attribute(
            "href", f"{live_server.url}/moderate/comments/{held.pk}/"
        )
        # The published comment has none, and a signed-in reader no sign-in links.
        expect(page.locator("parley-comments [data-ref=desk]:visible")).to_have_count(1)
        expect(page.locator("parley-comments .comment-form__account")).to_have_count(0)
        item.scroll_into_view_if_needed()
        screenshot(page, "tr-widget-de-moderator")
    finally:
        context.close()


FOREIGN_PAGE = """<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Anderswo</title></head>
<body><h1>Ein Blog</h1>
<script src="{server}/static/parley/embed.js" data-parley-thread="blog:anderswo" async>
</script></body></html>"""


def test_a_foreign_page_gets_no_sign_in_links(
    live_server, reader, other_origin, settings
):
    """Another site's readers can't sign in to Parley from there: no links."""
    folder, origin = other_origin
    settings.EMBED_ORIGINS = [origin]
    (folder / "post.html").write_text(FOREIGN_PAGE.format(server=live_server.url))
    page = reader("de-DE")
    page.goto(f"{origin}/post.html")
    form = page.locator("parley-comments [data-ref=form-slot] form")
    expect(form.get_by_role("button", name="Kommentar veröffentlichen")).to_be_visible()
    expect(form.locator(".comment-form__account")).to_have_count(0)
    expect(form.get_by_label("Name")).to_be_visible()


def test_a_widget_in_another_language_than_its_page_says_so(
    live_server, reader, other_origin, settings
):
    """A Portuguese page (a language the site doesn't speak) in a French
    browser: the widget speaks French and marks itself lang="fr"."""
    folder, origin = other_origin
    settings.EMBED_ORIGINS = [origin]
    html = FOREIGN_PAGE.format(server=live_server.url).replace('lang="de"', 'lang="pt"')
    (folder / "post.html").write_text(html)
    page = reader("fr-FR")
    page.goto(f"{origin}/post.html")
    widget = page.locator("parley-comments")
    expect(widget.get_by_role("button", name="Publier le commentaire")).to_be_visible()
    expect(widget).to_have_attribute("lang", "fr")
