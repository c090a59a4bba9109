import re

import pytest
from django.test import Client

from parley.discussions.models import Comment, Vote
from parley.newsroom.actions import save_article
from parley.newsroom.models import Article
from tests.factories import (
    NO_FEEDBACK_PROMPTS,
    make_article,
    make_author,
    make_tag,
    post,
)

pytestmark = pytest.mark.django_db


def test_home_lists_latest_published_stories_paged(client):
    for day in range(14):
        make_article(headline=f"Story {day}", days_ago=day + 1)
    make_article(headline="Hidden draft", status=Article.Status.DRAFT)
    make_article(headline="Future piece", status=Article.Status.SCHEDULED, days_ago=-1)
    page_one = client.get("/").content.decode()
    assert "Latest stories" in page_one
    assert (
        "Story 0" in page_one and "Story 11" in page_one and "Story 12" not in page_one
    )
    assert "Hidden draft" not in page_one and "Future piece" not in page_one
    assert "Story 12" in client.get("/?page=2").content.decode()
    assert client.get("/?page=abc").status_code == 200


def test_scheduled_article_appears_once_due(client):
    due = make_article(
        headline="Due now", status=Article.Status.SCHEDULED, days_ago=0.01
    )
    assert client.get(due.get_absolute_url()).status_code == 200


def test_article_page_shows_every_part(client):
    tag = make_tag("Transport")
    author = make_author("Maren Holt")
    article = make_article(
        tags=[tag],
        authors=[author],
        headline="Buses are back",
        lead_image_url="/static/parley/demo/lead-1.svg",
        lead_image_caption="A bus at dawn",
        lead_image_credit="Staff",
    )
    related = [make_article(tags=[tag], headline=f"Related {i}") for i in range(5)]
    html = client.get(article.get_absolute_url()).content.decode()
    for expected in [
        "Buses are back",
        "Maren Holt",
        "Maren Holt writes things.",
        "A bus at dawn",
        "Photo: Staff",
        "Related Articles",
        "Latest stories",
        "Would love your thoughts, please comment.",
        "Leave a comment",
    ]:
        assert expected in html, expected
    related_section = html.split("Related Articles")[1].split("</section>")[0]
    assert related_section.count("<li>") == 4
    assert "Buses are back" not in related_section
    assert related[0].headline not in related_section  # oldest of five drops out


def test_related_prefers_shared_tags_then_recency(client):
    a, b, c = make_tag(), make_tag(), make_tag()
    article = make_article(tags=[a, b])
    two_shared_old = make_article(tags=[a, b], headline="Two shared", days_ago=30)
    one_shared_new = make_article(tags=[a], headline="One shared", days_ago=1)
    unrelated = make_article(tags=[c], headline="Unrelated", days_ago=0.5)
    from parley.newsroom.queries import related_articles

    assert related_articles(article)[:3] == [two_shared_old, one_shared_new, unrelated]


def test_drafts_are_hidden_from_readers_but_previewable_by_staff(client, staff_user):
    draft = make_article(status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(staff_user)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Preview" in response.content.decode()


def test_tag_and_author_pages(client):
    tag, author = make_tag("Climate"), make_author("Lucía Ferrand")
    make_article(tags=[tag], authors=[author], headline="Wetlands")
    assert "Wetlands" in client.get(tag.get_absolute_url()).content.decode()
    html = client.get(author.get_absolute_url()).content.decode()
    assert "Wetlands" in html and "Lucía Ferrand writes things." in html
    assert client.get("/tags/nope/").status_code == 404


def test_feeds_and_sitemap(client):
    make_article(headline="Feed me")
    make_article(headline="Secret draft", status=Article.Status.DRAFT)
    for url in ["/feeds/rss/", "/feeds/atom/", "/sitemap.xml"]:
        response = client.get(url)
        assert response.status_code == 200
        assert b"Secret draft" not in response.content
    assert b"Feed me" in client.get("/feeds/rss/").content


def test_admin_pages_for_editors(client, django_user_model):
    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(editor)
    article = make_article()
    for url in [
        "/admin/newsroom/article/",
        "/admin/newsroom/article/?q=Headline",
        f"/admin/newsroom/article/{article.pk}/change/",
        "/admin/newsroom/article/add/",
        "/admin/discussions/comment/",
        "/admin/discussions/thread/",
    ]:
        assert client.get(url).status_code == 200, url


def test_closing_comments_in_admin_closes_the_thread(client, django_user_model):
    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(editor)
    article = make_article()
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "summary": "",
        "body": article.body,
        "authors": [a.pk for a in article.authors.all()],
        "status": "published",
        "published_at_0": article.published_at.strftime("%Y-%m-%d"),
        "published_at_1": article.published_at.strftime("%H:%M:%S"),
        **NO_FEEDBACK_PROMPTS,
    }
    response = client.post(f"/admin/newsroom/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.content[:3000]
    article.thread.refresh_from_db()
    assert article.thread.is_closed


# ----- the discussion without JavaScript -----


def _form_errors(html: str) -> list[str]:
    return re.findall(r'<span class="field-error" role="alert">([^<]*)</span>', html)


def test_empty_form_shows_both_exact_errors(client):
    article = make_article()
    response = client.post(article.get_absolute_url(), {"body": "", "name": ""})
    assert response.status_code == 400
    assert _form_errors(response.content.decode()) == [
        "Please enter your comment!",
        "Please enter your name here",
    ]


def test_guest_posts_replies_and_sees_threaded_comments(client):
    article = make_article()
    response = client.post(
        article.get_absolute_url(), {"body": "First!", "name": "Ana"}
    )
    assert response.status_code == 302
    top = Comment.objects.get()
    assert response["Location"].endswith(f"#comment-{top.pk}")
    response = client.post(
        article.get_absolute_url(), {"body": "Second.", "name": "Ben", "parent": top.pk}
    )
    reply = Comment.objects.get(parent=top)
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index(f'id="comment-{top.pk}"') < html.index(f'id="comment-{reply.pk}"')
    assert "2 comments" in html
    assert (
        "Reply to Ana"
        in client.get(f"{article.get_absolute_url()}?reply={top.pk}").content.decode()
    )


def test_reply_parameter_garbage_is_ignored(client):
    article = make_article()
    for value in ["abc", "-4", "99999999999999999999999"]:
        assert (
            client.get(f"{article.get_absolute_url()}?reply={value}").status_code == 200
        )


def test_vote_buttons_work_without_javascript(client):
    article = make_article()
    comment = post(article.thread, "vote me")
    url = f"/comments/{comment.pk}/vote/"
    assert (
        client.post(url, {"value": "1", "next": article.get_absolute_url()}).status_code
        == 302
    )
    assert (
        client.post(url, {"value": "1"}).status_code == 302
    )  # same vote again: no change
    comment.refresh_from_db()
    assert comment.score == 1
    assert Vote.objects.count() == 1
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'aria-label="Vote up" aria-pressed="true"' in html
    client.post(url, {"value": "nonsense"})
    comment.refresh_from_db()
    assert comment.score == 1


def test_guest_edits_and_deletes_within_the_window(client):
    article = make_article()
    client.post(article.get_absolute_url(), {"body": "Tpyo", "name": "Ana"})
    comment = Comment.objects.get()
    assert (
        f"/comments/{comment.pk}/edit/"
        in client.get(article.get_absolute_url()).content.decode()
    )
    assert client.post(f"/comments/{comment.pk}/edit/", {"body": ""}).status_code == 400
    client.post(f"/comments/{comment.pk}/edit/", {"body": "Typo"})
    comment.refresh_from_db()
    assert comment.body_markdown == "Typo"
    stranger = Client()
    assert stranger.get(f"/comments/{comment.pk}/edit/").status_code == 403
    assert stranger.post(f"/comments/{comment.pk}/delete/").status_code == 403
    client.post(f"/comments/{comment.pk}/delete/")
    assert not Comment.objects.exists()


def test_closed_article_shows_no_form(client):
    article = make_article(comments_open=False)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "This discussion is closed to new comments." in html
    assert 'id="comment-form"' not in html
    response = client.post(article.get_absolute_url(), {"body": "x", "name": "y"})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_closed_article_offers_no_reply_or_notify_on_its_comments(client):
    """No reply can come, so none is offered to be notified of."""
    article = make_article()
    post(article.thread, "Said before it closed.")
    article.comments_open = False
    save_article(article)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Said before it closed." in html
    assert "Notify of new replies to this comment" not in html
    assert "?reply=" not in html


def test_view_all_comments_pages_with_a_cursor(client):
    article = make_article()
    for i in range(25):
        post(article.thread, f"comment number {i}")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "View all comments" in html
    next_url = (
        re.search(r'href="(\?sort=newest&amp;cursor=[^"#]+)', html)
        .group(1)
        .replace("&amp;", "&")
    )
    second = client.get(article.get_absolute_url() + next_url).content.decode()
    assert "comment number 0" in second and "comment number 24" not in second
    assert client.get(article.get_absolute_url() + "?cursor=garbage").status_code == 200


def test_missing_pages_get_the_site_404(client):
    response = client.get("/articles/no-such-story/")
    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()


def test_form_posted_from_another_site_is_refused_kindly():
    article = make_article()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        article.get_absolute_url(),
        {"body": "x", "name": "y"},
        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert "This form came from another site" in response.content.decode()
    assert not Comment.objects.exists()


def test_form_posted_from_the_page_itself_needs_no_token():
    article = make_article()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        article.get_absolute_url(),
        {"body": "x", "name": "y"},
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
    )
    assert response.status_code == 302
    assert Comment.objects.exists()


def test_a_held_comment_is_not_named_as_the_one_replied_to(client):
    """?reply= names only a comment readers see; a held one stays unknown."""
    from parley.discussions.actions import set_comment_status

    article = make_article()
    held = post(article.thread, "Held back.", name="Watcher")
    set_comment_status(held, "pending")
    page = client.get(f"{article.get_absolute_url()}?reply={held.pk}")
    assert page.status_code == 200
    assert "Watcher" not in page.content.decode()
