"""
Search in Chromium, at desktop and phone sizes: the masthead's box, the results
with their marked words, and on to the article. Screenshots are saved in
test-artifacts/browser/search-*.png.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
}


@pytest.mark.parametrize("size", SIZES)
def test_masthead_search_leads_to_results_and_the_article(page, live_server, size):
    """Type in the masthead's box, read the marked results, open the story."""
    writer = make_author("Solveig Brandt")
    make_article(
        headline="Lighthouse keepers hand over the lamp",
        summary="The last keepers leave the island after ninety years.",
        body="The lighthouse will run itself from May.\n\nKeepers <b>stay</b> on.",
        authors=[writer],
    )
    make_article(headline="Harbour budget", body="A lighthouse grant is in it.")
    make_article(headline="Ferry timetables change")
    page.set_viewport_size(SIZES[size])
    page.goto(live_server.url)

    box = page.get_by_role("search").get_by_role("searchbox")
    expect(box).to_be_visible()
    # The box fits the phone's width (no sideways scrolling).
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    box.fill("lighthouse")
    box.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/search/?q=lighthouse")
    expect(page.get_by_role("status")).to_contain_text("2 stories match")
    hits = page.locator(".search-hit")
    expect(hits).to_have_count(2)
    # Best first: the word in the headline beats the word in the body.
    expect(hits.nth(0).get_by_role("heading")).to_have_text(
        "Lighthouse keepers hand over the lamp"
    )
    expect(hits.nth(0).locator("mark").first).to_have_text("Lighthouse")
    expect(hits.nth(0)).to_contain_text("By Solveig Brandt")
    # The article's own markup is text, never markup.
    assert page.locator(".search-hit b").count() == 0
    # The results page keeps the query in its own box.
    expect(page.locator("#search-q")).to_have_value("lighthouse")
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    screenshot(page, f"search-results-{size}")

    hits.nth(0).get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Lighthouse keepers hand over the lamp"
    )
    screenshot(page, f"search-article-{size}")


def test_search_page_says_why_there_is_nothing(page, live_server):
    """A query of punctuation alone gets a sentence, not an error."""
    page.goto(f"{live_server.url}/search/?q=%22(*)%22-")
    expect(page.get_by_role("status")).to_contain_text("no words to search")
    page.locator("#search-q").fill("nothing-like-this")
    page.locator("#search-q").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("No stories match")
    screenshot(page, "search-no-results")
