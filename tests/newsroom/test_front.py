"""The front page, section pages, the byline's comment count, the author's
landmarks and the footer's flat pages."""

import re

import pytest
from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from parley.core.pages import local_pages
from parley.discussions.models import Thread
from parley.newsroom import views
from parley.newsroom.models import Tag
from tests.factories import make_article, make_author, make_tag, post

pytestmark = pytest.mark.django_db


def _stories(count: int, **fields):
    """Make `count` stories, the first the newest."""
    return [
        make_article(headline=f"Story {n}", days_ago=n + 1, **fields)
        for n in range(count)
    ]


def test_home_opens_with_the_lead_story_then_the_latest(client):
    """The newest story leads (with its image, summary and byline), the next
    ones stand beside it, and the rest are the latest stories."""
    stories = _stories(
        8, summary="What happened.", lead_image_url="/static/parley/demo/wetlands.svg"
    )
    context = client.get("/").context
    assert context["lead"] == stories[0]
    assert context["beside"] == stories[1 : 1 + views.HOME_BESIDE_LEAD]
    assert context["latest"] == stories[1 + views.HOME_BESIDE_LEAD :]
    html = client.get("/").content.decode()
    lead = html[html.index('<article class="lead">') : html.index("</article>")]
    assert "Story 0" in lead and "What happened." in lead
    assert 'class="lead__image" src="/static/parley/demo/wetlands.svg"' in lead
    assert stories[0].authors.first().name in lead


def test_the_lead_is_headed_by_its_section(client):
    budget, city = make_tag("Budget"), make_tag("City Hall")
    Tag.objects.filter(pk=city.pk).update(is_section=True)
    make_article(headline="Budget gap", tags=[budget, city])
    html = client.get("/").content.decode()
    assert (
        f'<p class="kicker"><a href="{city.get_absolute_url()}">City Hall</a>' in html
    )


def test_later_pages_have_no_lead(client):
    _stories(views.ARTICLES_PER_PAGE + 2)
    context = client.get("/?page=2").context
    assert context["lead"] is None
    assert [a.headline for a in context["latest"]] == [
        f"Story {views.ARTICLES_PER_PAGE}",
        f"Story {views.ARTICLES_PER_PAGE + 1}",
    ]


def test_the_pager_sits_below_the_grid_not_in_it(client):
    _stories(views.ARTICLES_PER_PAGE + 1)
    html = client.get("/").content.decode()
    grid_end = html.index("</div>", html.index('<div class="card-list">'))
    assert html.index('<nav class="pager"') > grid_end
    assert 'rel="next"' in html


def test_sections_are_the_marked_tags_in_the_newsroom_order(client):
    for name, order in (("Culture", 2), ("City Hall", 1)):
        Tag.objects.filter(pk=make_tag(name).pk).update(
            is_section=True, section_order=order
        )
    make_tag("Budget")  # a tag, not a section
    _stories(1)
    html = client.get("/").content.decode()
    nav = html[html.index('<nav class="sections"') :]
    nav = nav[: nav.index("</nav>")]
    assert re.findall(r'">([^<]+)</a></li>', nav) == [
        "Front page",
        "City Hall",
        "Culture",
    ]
    assert 'aria-current="page">Front page' in nav


def test_a_tag_page_is_its_section_page(client):
    section = make_tag("Transport")
    Tag.objects.filter(pk=section.pk).update(is_section=True)
    make_article(headline="Night trains", tags=[section])
    html = client.get(section.get_absolute_url()).content.decode()
    assert f'href="{section.get_absolute_url()}" aria-current="page">Transport' in html
    assert '<h1 class="section-title">Transport</h1>' in html
    assert "Night trains" in html


def test_a_new_section_shows_on_the_shared_home_page_at_once(client):
    """The navigation is drawn into the shared page: marking a tag moves the
    version the page is kept under."""
    _stories(2)
    tag = make_tag("Climate")
    assert ">Climate</a>" not in client.get("/").content.decode()
    tag.is_section = True
    tag.save()
    assert ">Climate</a>" in client.get("/").content.decode()


def test_building_the_home_page_costs_the_same_however_many_stories(client):
    """Lead, sections and latest cost fixed queries, not one per story."""

    def build_cost(count: int) -> int:
        _stories(count)
        local_pages.clear()
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    few = build_cost(2)
    assert build_cost(10) == few


def test_article_byline_links_its_comment_count_to_the_discussion(client):
    article = make_article(headline="Night trains")
    post(article.thread, "First.")
    post(article.thread, "Second.")
    html = client.get(article.get_absolute_url()).content.decode()
    byline = html[html.index('<p class="meta byline">') :]
    byline = byline[: byline.index("</p>")]
    assert (
        f'<a class="comment-count" href="#comments"'
        f' data-parley-count="{article.thread.key}">2 comments</a>'
    ) in byline
    assert 'id="comments"' in html
    post(article.thread, "Third.")
    assert (
        'href="#comments"'
        f' data-parley-count="{article.thread.key}">3 comments</a>'
        in client.get(article.get_absolute_url()).content.decode()
    )


def test_large_counts_read_as_the_widget_writes_them(client):
    """counts.js writes "1,234 comments" (toLocaleString): the server too."""
    article = make_article()
    Thread.objects.filter(pk=article.thread_id).update(comment_count=1234)
    assert ">1,234 comments</a>" in client.get("/").content.decode()


def test_two_authors_give_two_differently_named_landmarks(client):
    article = make_article(
        authors=[make_author("Maren Holt"), make_author("Idris Okafor")]
    )
    html = client.get(article.get_absolute_url()).content.decode()
    labels = re.findall(r'<aside class="author-box" aria-label="([^"]+)"', html)
    assert sorted(labels) == ["About Idris Okafor", "About Maren Holt"]


def test_card_images_are_not_nameless_links(client):
    """The headline's link covers the card: an image link with no name is
    what axe reported ten times on the home page."""
    _stories(4, lead_image_url="/static/parley/demo/rents.svg")
    html = client.get("/").content.decode()
    assert not re.search(r'<a [^>]*>\s*<img [^>]*alt=""', html)


def test_an_illustration_credit_reads_as_written(client):
    article = make_article(
        lead_image_url="/static/parley/demo/rents.svg",
        lead_image_caption="Rents and wages.",
        lead_image_credit="Illustration: Jonas Veldt",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<span class="credit">Illustration: Jonas Veldt</span>' in html
    assert "Photo: Illustration" not in html


def test_footer_links_to_the_newsrooms_flat_pages(client):
    """The migrations create the pages: a new site's footer leads somewhere."""
    _stories(1)
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for href, name in [
        ("/pages/about/", "About"),
        ("/pages/privacy/", "Privacy"),
        ("/pages/corrections/", "Corrections"),
        ("/community-guidelines/", "Community guidelines"),
    ]:
        assert f'<a href="{href}">{name}</a>' in footer
        page = Client().get(href)
        assert page.status_code == 200, href
        assert '<footer class="site-footer">' in page.content.decode()


def test_the_footer_pages_a_new_site_starts_with_name_it():
    about = FlatPage.objects.get(url="/about/")
    assert about.content.startswith(f"{settings.SITE_NAME} publishes the news")
    assert about.sites.filter(pk=settings.SITE_ID).exists()
    for url in ("/privacy/", "/corrections/", "/community-guidelines/"):
        assert FlatPage.objects.get(url=url).sites.exists()


def test_editors_mark_sections_from_the_tag_list(editor_client):
    tag = make_tag("Health")
    html = editor_client.get("/admin/newsroom/tag/").content.decode()
    assert 'name="form-0-is_section"' in html
    assert 'name="form-0-section_order"' in html
    response = editor_client.post(
        "/admin/newsroom/tag/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(tag.pk),
            "form-0-is_section": "on",
            "form-0-section_order": "3",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    tag.refresh_from_db()
    assert tag.is_section and tag.section_order == 3
