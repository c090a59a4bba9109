import io

import pytest
from django.contrib.flatpages.models import FlatPage
from django.core.management import call_command
from django.db.models import F, Max, Sum

from parley.discussions.models import Comment, Thread, Vote
from parley.newsroom import demo_art
from parley.newsroom.models import Article, Author, Tag

pytestmark = pytest.mark.django_db


def test_demo_content_is_complete_and_consistent(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    assert Author.objects.exclude(bio="").count() >= 4
    assert Article.objects.published().count() >= 12
    biggest = Thread.objects.order_by("-comment_count").first()
    assert biggest.comment_count >= 1000
    assert Comment.objects.filter(thread=biggest).count() == biggest.comment_count
    assert Comment.objects.aggregate(deepest=Max("depth"))["deepest"] >= 4
    assert Vote.objects.exists()
    for thread in Thread.objects.all():
        assert thread.comment_count == thread.comments.count()
    mismatched = Comment.objects.annotate(
        vote_sum=Sum("votes__value", default=0)
    ).exclude(score=F("vote_sum"))
    assert not mismatched.exists()
    empty = Thread.objects.filter(comment_count=0, is_closed=False).count()
    assert empty >= 1  # a thread that shows the invitation
    assert Thread.objects.filter(is_closed=True).exists()
    call_command("load_demo", stdout=io.StringIO())  # twice is harmless
    assert Article.objects.published().count() == 13


def test_demo_front_page_looks_like_a_newsroom(settings, tmp_path):
    """Every story has its own captioned, credited illustration (a file that is
    there), the navigation has sections, and the footer's pages have text."""
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    articles = list(Article.objects.published())
    images = {article.lead_image_url for article in articles}
    assert len(images) == len(articles)
    for article in articles:
        assert article.lead_image_url.startswith(demo_art.URL_PREFIX)
        name = article.lead_image_url.removeprefix(demo_art.URL_PREFIX)
        assert (demo_art.FOLDER / name).is_file()
        assert article.lead_image_caption.endswith(".")
        assert article.lead_image_credit.startswith("Illustration: ")
    assert Tag.objects.filter(is_section=True).count() >= 5
    for url in ("/about/", "/privacy/", "/corrections/", "/community-guidelines/"):
        assert len(FlatPage.objects.get(url=url).content) > 200
    assert (
        "The Parley Courier is a small" in FlatPage.objects.get(url="/about/").content
    )
    # Loaded again, the demo leaves the newsroom's edits alone.
    FlatPage.objects.filter(url="/about/").update(content="Our own words.")
    call_command("load_demo", stdout=io.StringIO())
    assert FlatPage.objects.get(url="/about/").content == "Our own words."


@pytest.mark.parametrize("index", range(len(demo_art.SCENES)))
def test_demo_illustrations_are_what_the_code_draws(index):
    """The committed SVG files are this code's drawings (run `python -m
    parley.newsroom.demo_art` after changing one)."""
    name = demo_art.SCENES[index][0]
    assert (demo_art.FOLDER / name).read_text(encoding="utf-8") == demo_art.draw(index)
