"""The read API for apps: published articles, listed and read."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parley.discussions.models import Thread
from parley.newsroom.actions import save_article
from parley.newsroom.models import Article
from tests.factories import make_article, make_author, make_tag, post

pytestmark = pytest.mark.django_db
API = "/api/v1"
SUMMARY_FIELDS = {
    "slug",
    "headline",
    "summary",
    "url",
    "published_at",
    "lead_image",
    "authors",
    "tags",
    "thread_key",
    "comment_count",
}


def _slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["articles"]]


def test_list_is_newest_first_with_comment_counts(client):
    """Each article comes with its discussion's key and count of comments."""
    older = make_article(days_ago=3)
    newer = make_article(days_ago=1)
    post(older.thread, "One.")
    post(older.thread, "Two.")
    response = client.get(f"{API}/articles")
    assert response.status_code == 200
    body = response.json()
    assert _slugs(response) == [newer.slug, older.slug]
    assert body["count"] == 2
    first, second = body["articles"]
    assert set(first) == SUMMARY_FIELDS
    assert second["comment_count"] == 2
    assert second["thread_key"] == older.thread.key
    assert second["url"] == f"http://testserver/articles/{older.slug}/"
    assert first["comment_count"] == 0


def test_list_is_paged(client):
    """per_page articles a page; next_page until the last; past it, empty."""
    made = [make_article(days_ago=days) for days in range(1, 6)]
    newest_first = [article.slug for article in made]
    first = client.get(f"{API}/articles?per_page=2").json()
    assert (first["page"], first["pages"], first["next_page"]) == (1, 3, 2)
    assert [a["slug"] for a in first["articles"]] == newest_first[:2]
    last = client.get(f"{API}/articles?per_page=2&page=3").json()
    assert [a["slug"] for a in last["articles"]] == newest_first[4:]
    assert last["next_page"] is None
    past = client.get(f"{API}/articles?per_page=2&page=9").json()
    assert past["articles"] == []
    assert past["count"] == 5


def test_list_filters_by_tag_and_author(client):
    climate, sport = make_tag("Climate"), make_tag("Sport")
    ada, bo = make_author("Ada"), make_author("Bo")
    by_ada_on_climate = make_article(tags=[climate], authors=[ada])
    by_bo_on_climate = make_article(tags=[climate, sport], authors=[bo])
    by_ada_on_sport = make_article(tags=[sport], authors=[ada])
    on_climate = client.get(f"{API}/articles?tag={climate.slug}")
    assert set(_slugs(on_climate)) == {by_ada_on_climate.slug, by_bo_on_climate.slug}
    by_ada = client.get(f"{API}/articles?author={ada.slug}")
    assert set(_slugs(by_ada)) == {by_ada_on_climate.slug, by_ada_on_sport.slug}
    both = client.get(f"{API}/articles?tag={sport.slug}&author={bo.slug}")
    assert _slugs(both) == [by_bo_on_climate.slug]


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        ("tag=nowhere", "There is no such tag."),
        ("author=nobody", "There is no such author."),
    ],
)
def test_an_unknown_tag_or_author_is_404(client, query, sentence):
    response = client.get(f"{API}/articles?{query}")
    assert response.status_code == 404
    assert response.json() == {"detail": sentence}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=0", "page"),
        ("page=two", "page"),
        ("per_page=51", "per_page"),
        ("tag=not%20a%20slug", "tag"),
    ],
)
def test_bad_parameters_are_refused_with_400(client, query, field):
    response = client.get(f"{API}/articles?{query}")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {field}


def test_drafts_and_articles_not_yet_due_are_not_there(client):
    """Neither listed nor readable: the API shows what the site's readers see."""
    live = make_article()
    draft = make_article(status=Article.Status.DRAFT)
    due_later = make_article(status=Article.Status.SCHEDULED, days_ago=-1)
    assert _slugs(client.get(f"{API}/articles")) == [live.slug]
    for hidden in (draft, due_later):
        response = client.get(f"{API}/articles/{hidden.slug}")
        assert response.status_code == 404
        assert response.json() == {"detail": "No article here."}


def test_an_article_reads_with_its_paragraphs_related_and_latest(client):
    climate = make_tag("Climate")
    article = make_article(
        tags=[climate],
        body="The river rose.\n\nThe town <b>stayed</b> dry.",
        lead_image_url="/static/parley/demo/lead-0.svg",
        lead_image_caption="The river",
        lead_image_credit="A. Photographer",
    )
    related = make_article(tags=[climate], days_ago=5)
    latest = make_article(days_ago=0.5)
    response = client.get(f"{API}/articles/{article.slug}")
    assert response.status_code == 200
    body = response.json()
    assert body["paragraphs"] == ["The river rose.", "The town <b>stayed</b> dry."]
    assert body["lead_image"] == {
        "src": "http://testserver/static/parley/demo/lead-0.svg",
        "caption": "The river",
        "credit": "A. Photographer",
    }
    assert body["tags"] == [
        {
            "name": "Climate",
            "slug": climate.slug,
            "url": f"http://testserver/tags/{climate.slug}/",
        }
    ]
    assert body["comments_open"] is True
    # Sharing a tag ranks first; the latest story tops the list up.
    assert [item["slug"] for item in body["related"]] == [related.slug, latest.slug]
    assert [item["slug"] for item in body["latest"]] == [latest.slug, related.slug]
    assert all(set(item) == SUMMARY_FIELDS for item in body["related"] + body["latest"])


def test_a_closed_discussion_says_comments_are_not_open(client):
    article = make_article()
    Thread.objects.filter(pk=article.thread_id).update(is_closed=True)
    assert client.get(f"{API}/articles/{article.slug}").json()["comments_open"] is False
    article.comments_open = False
    save_article(article)
    assert client.get(f"{API}/articles/{article.slug}").json()["comments_open"] is False


@pytest.mark.parametrize("path", ["/articles", "/articles/{slug}"])
def test_a_client_holding_the_answer_gets_304(client, path):
    article = make_article()
    url = f"{API}{path.format(slug=article.slug)}"
    first = client.get(url)
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=5"
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    post(article.thread, "A new comment changes the count.")
    changed = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200


def test_a_list_costs_the_same_queries_however_long(client, django_assert_num_queries):
    """Count, page, authors, tags: never a query per article."""
    tag = make_tag()
    for _ in range(12):
        article = make_article(tags=[tag, make_tag()], authors=[make_author()])
        post(article.thread, "A comment.")
    with django_assert_num_queries(4):
        response = client.get(f"{API}/articles?per_page=12")
    assert len(response.json()["articles"]) == 12


def test_reading_an_article_costs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    tag = make_tag()
    article = make_article(tags=[tag])
    for _ in range(8):
        make_article(tags=[tag, make_tag()], authors=[make_author(), make_author()])
    with django_assert_max_num_queries(10):
        response = client.get(f"{API}/articles/{article.slug}")
    assert len(response.json()["related"]) == 4


def test_a_scheduled_article_lists_once_due(client):
    """Nothing is written when it comes due: the list reads the clock."""
    article = make_article(status=Article.Status.SCHEDULED, days_ago=-1)
    assert _slugs(client.get(f"{API}/articles")) == []
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )
    assert _slugs(client.get(f"{API}/articles")) == [article.slug]
