"""Inline feedback on the article page, without JavaScript: markers at the
passages, the Inline Feedbacks list, a passage's feedback and its form."""

import re

import pytest
from django.test import Client

from parley.discussions.actions import CommentAuthor, delete_comment, post_comment
from parley.discussions.anchors import TextQuote
from parley.discussions.models import Comment
from parley.discussions.tokens import EDIT_COOKIE_PREFIX, make_edit_token
from parley.newsroom.actions import save_article
from parley.newsroom.models import FeedbackPrompt
from parley.newsroom.passages import body_text, prompt_quote
from tests.factories import make_article, post

pytestmark = pytest.mark.django_db
BODY = (
    "Night trains are back. The first leaves at nine.\n\n"
    "Critics say the fares are too high. Fans say the fares are fair.\n\n"
    "The ministry will review the fares next year."
)
EARLIER = "on an earlier version of this article"
MARKER = re.compile(
    r'<a class="passage-marker" href="\?feedback=(\d+-\d+)#inline-feedbacks" '
    r'aria-label="([^"]*)">(\d+)</a>'
)


def feedback(article, exact: str, body: str = "My feedback.", **quote) -> Comment:
    return post_comment(
        article.thread,
        author=CommentAuthor(name="Ana"),
        body=body,
        quote=TextQuote(exact, **quote),
    )


def page(article, query: str = "") -> str:
    response = Client().get(f"{article.get_absolute_url()}{query}")
    assert response.status_code == 200
    return response.content.decode()


def markers(html: str) -> list[tuple[str, str, str]]:
    return MARKER.findall(html)


@pytest.fixture
def article():
    return make_article(headline="Night trains", body=BODY)


def _passage_id(exact: str, nth: int = 0) -> str:
    text = body_text(BODY)
    start = -1
    for _ in range(nth + 1):
        start = text.index(exact, start + 1)
    return f"{start}-{start + len(exact)}"


def test_each_anchored_passage_shows_a_count_marker(article):
    for _ in range(3):
        feedback(article, "The first leaves at nine.")
    feedback(article, "Fans say the fares are fair.")
    post(article.thread, "On the whole article.")
    html = page(article)
    assert markers(html) == [
        (_passage_id("The first leaves at nine."), "3 comments on this passage", "3"),
        (_passage_id("Fans say the fares are fair."), "1 comment on this passage", "1"),
    ]
    assert '<mark class="passage">The first leaves at nine.</mark>' in html


def test_a_repeated_passage_is_marked_where_it_was_quoted(article):
    """The second "the fares", told apart by its context."""
    feedback(article, "the fares", prefix="Fans say ", suffix=" are fair")
    [(passage, _label, _count)] = markers(page(article))
    assert passage == _passage_id("the fares", nth=1)


def test_the_marker_survives_an_edit_to_another_paragraph(article):
    comment = feedback(article, "Fans say the fares are fair.")
    article.body = BODY.replace(
        "Night trains are back.", "After twenty years, night trains are back."
    ).replace("next year.", "next year, after the elections.")
    save_article(article)
    html = page(article)
    [(passage, label, _count)] = markers(html)
    text = body_text(article.body)
    start = text.index("Fans say the fares are fair.")
    assert passage == f"{start}-{start + len('Fans say the fares are fair.')}"
    assert label == "1 comment on this passage"
    assert EARLIER not in html
    assert comment.quote_exact in page(article, "?feedback=all")


def test_a_deleted_passage_is_on_an_earlier_version_never_lost(article):
    comment = feedback(article, "Critics say the fares are too high.", "Too high?")
    article.body = BODY.replace("Critics say the fares are too high. ", "")
    save_article(article)
    html = page(article)
    assert markers(html) == []
    item = html[html.index(f'id="comment-{comment.pk}"') :]
    item = item[: item.index("</li>")]
    assert "Critics say the fares are too high." in item
    assert f'<footer class="comment__quote-stale">{EARLIER}</footer>' in item
    assert "Too high?" in page(article, "?feedback=all")
    assert EARLIER in page(article, "?feedback=all")


def test_the_inline_feedbacks_list_shows_every_quote_and_nothing_else(article):
    first = feedback(article, "Night trains are back.")
    second = feedback(article, "The ministry will review the fares next year.")
    whole = post(article.thread, "On the whole article.")
    html = page(article, "?feedback=all")
    assert '<a href="?feedback=all#comments" aria-current="true">' in html
    assert f'id="comment-{first.pk}"' in html and f'id="comment-{second.pk}"' in html
    assert f'id="comment-{whole.pk}"' not in html
    assert "<p>Night trains are back.</p>" in html
    plain = page(article)
    assert f'id="comment-{whole.pk}"' in plain
    assert '<a href="?feedback=all#comments">Inline Feedbacks</a>' in plain


def test_a_passage_link_shows_its_feedback_and_a_form_quoting_it(article):
    on_it = feedback(article, "The first leaves at nine.", "Nine is late.")
    elsewhere = feedback(article, "Night trains are back.", "Finally.")
    passage = _passage_id("The first leaves at nine.")
    html = page(article, f"?feedback={passage}")
    assert f'id="comment-{on_it.pk}"' in html
    assert f'id="comment-{elsewhere.pk}"' not in html
    assert "Comment on this passage" in html
    hidden = '<input type="hidden" name="quote_exact" value="The first leaves at nine."'
    assert hidden in html


def test_posting_from_the_passage_form_leaves_feedback_on_it(article):
    feedback(article, "The first leaves at nine.")
    passage = _passage_id("The first leaves at nine.")
    quote = prompt_quote(BODY, "The first leaves at nine.")
    client = Client()
    response = client.post(
        f"{article.get_absolute_url()}?feedback={passage}",
        {
            "body": "Too late for me.",
            "name": "Bo",
            "quote_exact": quote.exact,
            "quote_prefix": quote.prefix,
            "quote_suffix": quote.suffix,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    comment = Comment.objects.get(body_markdown="Too late for me.")
    assert comment.quote == quote
    assert markers(page(article))[0][1] == "2 comments on this passage"


def test_a_form_quoting_a_passage_that_is_gone_says_so(article):
    response = Client().post(
        article.get_absolute_url(),
        {"body": "Hm.", "name": "Bo", "quote_exact": "Day trains are back."},
    )
    assert response.status_code == 400
    assert (
        "That passage is not in the article as it reads now. Please select it "
        "again, or comment without it." in response.content.decode()
    )
    assert not Comment.objects.exists()


def test_held_and_deleted_feedback_are_not_counted(article):
    article.premoderate_comments = True
    save_article(article)
    feedback(article, "Night trains are back.")
    assert markers(page(article)) == []
    assert "<p>Night trains are back.</p>" not in page(article, "?feedback=all")
    article.premoderate_comments = False
    save_article(article)
    shown = feedback(article, "Night trains are back.")
    assert len(markers(page(article))) == 1
    delete_comment(shown)
    assert markers(page(article)) == []


def test_a_quote_is_text_never_markup(client):
    body = 'Use <b>bold</b> & "quotes" with care.'
    article = make_article(body=body)
    feedback(article, '<b>bold</b> & "quotes"')
    html = page(article, "?feedback=all")
    assert "<b>bold</b> &amp;" not in html
    assert "<p>&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot;</p>" in html, html[
        html.index("comment__quote") :
    ][:300]


def test_an_editors_prompt_invites_comments_on_its_passage(article):
    quote = prompt_quote(article.body, "Critics say the fares are too high.")
    FeedbackPrompt.objects.create(
        article=article, exact=quote.exact, prefix=quote.prefix, suffix=quote.suffix
    )
    html = page(article)
    passage = _passage_id("Critics say the fares are too high.")
    assert (
        f'<a class="passage-prompt" href="?feedback={passage}#comment-form">'
        "What do you think about this?</a>" in html
    )
    assert markers(html) == []  # no comment on it yet
    assert "No comments on this passage yet." in page(article, f"?feedback={passage}")


def test_an_unknown_passage_shows_every_inline_feedback(article):
    feedback(article, "Night trains are back.")
    html = page(article, "?feedback=9999-10010")
    assert '<h3 class="feedback-view__title">Inline Feedbacks</h3>' in html


FORM_TIME = re.compile(rb'name="form_token" value="[^"]*"')


def test_feedback_pages_are_the_same_bytes_shared_or_alone(
    article, django_user_model, settings
):
    """Markers, quotes and the passage form are the same for every reader: the
    shared page equals the page rendered for each reader alone."""
    mine = feedback(article, "The first leaves at nine.")
    feedback(article, "Night trains are back.")
    article.body = BODY.replace("The ministry will review", "The ministry reviews")
    save_article(article)
    voter = Client()
    author = Client()
    author.cookies[f"{EDIT_COOKIE_PREFIX}{mine.pk}"] = make_edit_token(mine.pk)
    member = Client()
    member.force_login(django_user_model.objects.create_user("m", password="pw-1x"))
    passage = markers(page(article))[0][0]
    for query in ("", "?feedback=all", f"?feedback={passage}"):
        url = f"{article.get_absolute_url()}{query}"
        for client in (Client(), voter, author, member):
            shared = client.get(url).content
            settings.PARLEY_SHARED_PAGES = False
            alone = client.get(url).content
            settings.PARLEY_SHARED_PAGES = True
            assert FORM_TIME.sub(b"", shared) == FORM_TIME.sub(b"", alone), url


def test_the_feedback_view_shows_only_held_comments_on_a_passage(article):
    """The review saw its own held comment on the whole article listed among
    the Inline Feedbacks; it belongs to the discussion, not to this view."""
    article.premoderate_comments = True
    save_article(article)
    author = Client()
    response = author.post(
        article.get_absolute_url(), {"body": "Hold me, whole.", "name": "Eve"}
    )
    assert response.status_code == 302
    discussion = author.get(article.get_absolute_url()).content.decode()
    assert "Hold me, whole." in discussion
    view = author.get(f"{article.get_absolute_url()}?feedback=all").content.decode()
    assert "Hold me, whole." not in view
