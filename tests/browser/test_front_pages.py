"""The newsroom's pages in Chromium at a desktop's and a phone's size: the front
page, the byline's comment count, the author page, two authors' landmarks, the
embed help page and the footer's flat pages."""

import pytest
from playwright.sync_api import expect

from parley.newsroom.demo_pages import write_flat_pages
from parley.newsroom.models import Tag
from tests.browser.conftest import screenshot
from tests.factories import make_article, make_author, make_tag, post

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SIZES = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]

# Links and controls smaller than 24 x 24 px (WCAG 2.2 target size), except
# links inside running text (the standard's inline exception) and the
# discussion's own (its tests hold them).
SMALL_TARGETS = """
() => [...document.querySelectorAll("a[href], button, input, select, textarea")]
  .filter((el) => el.offsetParent !== null)
  .filter((el) => !el.closest(".article__body, .flatpage, #comments"))
  .map((el) => [el, el.getBoundingClientRect()])
  .filter(([, box]) => box.width < 24 || box.height < 24)
  .map(([el, box]) => `${el.outerHTML.slice(0, 80)} ${box.width}x${box.height}`)
"""

NO_PAGE_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


def _size(page, viewport) -> str:
    page.set_viewport_size(viewport)
    return "desktop" if viewport is DESKTOP else "phone"


def _newsroom():
    sections = []
    for order, name in enumerate(
        ["City Hall", "Transport", "Climate", "Housing", "Education", "Culture"]
    ):
        tag = make_tag(name)
        Tag.objects.filter(pk=tag.pk).update(is_section=True, section_order=order)
        sections.append(tag)
    writers = [make_author("Maren Holt"), make_author("Idris Okafor")]
    scenes = ["night-train", "classroom", "wetlands", "council-chamber", "rents"]
    stories = [
        make_article(
            headline=f"Story number {n}: the council and the trains",
            summary="A summary that says what happened and why it matters.",
            lead_image_url=f"/static/parley/demo/{scenes[n % len(scenes)]}.svg",
            tags=[sections[n % len(sections)]],
            authors=[writers[n % 2]],
            days_ago=n + 1,
        )
        for n in range(14)
    ]
    write_flat_pages()
    return stories


@pytest.mark.parametrize("viewport", SIZES)
def test_front_page_has_a_lead_sections_and_the_latest(live_server, page, viewport):
    stories = _newsroom()
    size = _size(page, viewport)
    page.goto(live_server.url)
    lead = page.locator("article.lead")
    expect(lead.locator(".lead__headline")).to_have_text(stories[0].headline)
    lead_box = lead.locator(".lead__image").bounding_box()
    card_box = page.locator(".latest-stories .card__image").first.bounding_box()
    if viewport is DESKTOP:
        assert lead_box["width"] > card_box["width"]  # the lead is the large one
    else:  # across the phone's column, as every story
        assert lead_box["width"] == card_box["width"] >= PHONE["width"] - 40
    nav = page.get_by_role("navigation", name="Sections")
    expect(nav.get_by_role("link", name="Front page")).to_have_attribute(
        "aria-current", "page"
    )
    expect(nav.get_by_role("link")).to_have_count(7)
    expect(page.get_by_role("heading", name="Latest stories")).to_be_visible()
    # The pager is below the grid, across the page, not one of its cards.
    pager = page.get_by_role("navigation", name="Pages")
    assert pager.evaluate("(el) => el.closest('.card-list') === null")
    grid = page.locator(".latest-stories .card-list").bounding_box()
    assert pager.bounding_box()["y"] >= grid["y"] + grid["height"]
    assert page.evaluate(NO_PAGE_OVERFLOW)
    assert page.evaluate(SMALL_TARGETS) == []
    if viewport is PHONE:
        # The sections scroll sideways inside their bar, not the page.
        sections = nav.locator("ul")
        assert sections.evaluate("(el) => el.scrollWidth > el.clientWidth")
    screenshot(page, f"front-home-{size}")
    nav.get_by_role("link", name="Transport").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Transport")
    expect(nav.get_by_role("link", name="Transport")).to_have_attribute(
        "aria-current", "page"
    )
    assert page.evaluate(NO_PAGE_OVERFLOW)
    assert page.evaluate(SMALL_TARGETS) == []
    screenshot(page, f"front-section-{size}")


@pytest.mark.parametrize("viewport", SIZES)
def test_byline_comment_count_jumps_to_the_discussion(live_server, page, viewport):
    article = make_article(
        headline="Night trains return",
        lead_image_url="/static/parley/demo/night-train.svg",
        lead_image_caption="The sleeper at dusk.",
        lead_image_credit="Illustration: Nadia Brook",
    )
    for n in range(12):
        post(article.thread, f"Comment number {n}.")
    for n in range(3):  # the related articles and the latest stories beside it
        make_article(headline=f"Another story {n}", days_ago=n + 2)
    size = _size(page, viewport)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    count = page.locator(".byline").get_by_role("link", name="12 comments")
    expect(count).to_have_attribute("href", "#comments")
    assert page.evaluate(SMALL_TARGETS) == []
    screenshot(page, f"front-article-{size}")
    count.click()
    page.wait_for_function("location.hash === '#comments'")
    expect(page.locator("#comments")).to_be_in_viewport()
    assert page.evaluate(NO_PAGE_OVERFLOW)


@pytest.mark.parametrize("viewport", SIZES)
def test_author_page_header_lines_up(live_server, page, viewport):
    writer = make_author("Maren Holt")
    writer.bio = (
        "Maren covers city hall and the budget fights behind it. Before joining"
        " the newsroom she spent eight years reporting on regional transport."
    )
    writer.save()
    make_article(authors=[writer], lead_image_url="/static/parley/demo/rents.svg")
    size = _size(page, viewport)
    page.goto(f"{live_server.url}{writer.get_absolute_url()}")
    avatar = page.locator(".author-head__avatar").bounding_box()
    name = page.get_by_role("heading", level=1, name="Maren Holt").bounding_box()
    bio = page.get_by_text("Maren covers city hall").bounding_box()
    # The portrait is centred on the name beside it...
    assert (
        abs((avatar["y"] + avatar["height"] / 2) - (name["y"] + name["height"] / 2))
        <= 2
    )
    assert name["x"] > avatar["x"] + avatar["width"]
    # ...and the biography starts where the name does (on a phone, under both).
    start = avatar["x"] if viewport is PHONE else name["x"]
    assert abs(bio["x"] - start) <= 1
    assert bio["y"] >= max(avatar["y"] + avatar["height"], name["y"] + name["height"])
    assert page.evaluate(NO_PAGE_OVERFLOW)
    assert page.evaluate(SMALL_TARGETS) == []
    screenshot(page, f"front-author-{size}")


def test_two_authors_give_landmarks_with_their_own_names(live_server, page):
    article = make_article(
        authors=[make_author("Maren Holt"), make_author("Idris Okafor")]
    )
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    names = page.locator("aside.author-box").evaluate_all(
        "(asides) => asides.map((aside) => aside.getAttribute('aria-label'))"
    )
    assert sorted(names) == ["About Idris Okafor", "About Maren Holt"]
    for name in names:
        expect(page.get_by_role("complementary", name=name, exact=True)).to_have_count(
            1
        )


def test_embed_help_fits_a_phone(live_server, page):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/embed/")
    snippet = page.locator("pre").first
    expect(snippet).to_contain_text("data-parley-thread")
    assert page.evaluate(NO_PAGE_OVERFLOW)
    # The whole snippet shows: it wraps inside its box, nothing hidden sideways.
    assert snippet.evaluate("(el) => el.scrollWidth <= el.clientWidth")
    box = snippet.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    screenshot(page, "front-embed-help-phone")


@pytest.mark.parametrize("viewport", SIZES)
def test_footer_reaches_the_newsrooms_pages(live_server, page, viewport):
    write_flat_pages()
    make_article()
    size = _size(page, viewport)
    page.goto(live_server.url)
    footer = page.locator("footer.site-footer")
    for name, title in [
        ("About", "About us"),
        ("Privacy", "Privacy"),
        ("Corrections", "Corrections"),
        ("Community guidelines", "Community guidelines"),
    ]:
        footer.get_by_role("link", name=name, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        # A flat page looks like the site: its masthead and footer are there.
        expect(page.locator(".masthead__name")).to_be_visible()
        assert page.evaluate(NO_PAGE_OVERFLOW)
        assert page.evaluate(SMALL_TARGETS) == []
    screenshot(page, f"front-flatpage-{size}")
