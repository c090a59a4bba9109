"""Editors' feedback prompts, from the article admin."""

import pytest
from django.test import Client

from parley.core import versions
from parley.newsroom.models import Article, FeedbackPrompt
from tests.factories import make_article

pytestmark = pytest.mark.django_db
BODY = (
    "Night trains are back. The first leaves at nine.\n\n"
    "Critics say the fares are too high. Fans say the fares are fair."
)


def _change(editor_client, article: Article, prompts: list[dict], body: str = ""):
    """Post the article's change form as the admin sends it, with these prompts
    (dicts of passage, question and, for existing ones, id / DELETE)."""
    existing = [p for p in prompts if "id" in p]
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "summary": "",
        "body": body or article.body,
        "authors": [a.pk for a in article.authors.all()],
        "status": "published",
        "published_at_0": article.published_at.strftime("%Y-%m-%d"),
        "published_at_1": article.published_at.strftime("%H:%M:%S"),
        "comments_open": "on",
        "feedback_prompts-TOTAL_FORMS": str(len(prompts)),
        "feedback_prompts-INITIAL_FORMS": str(len(existing)),
    }
    for n, prompt in enumerate(prompts):
        data[f"feedback_prompts-{n}-exact"] = prompt["passage"]
        data[f"feedback_prompts-{n}-question"] = prompt.get(
            "question", "What do you think about this?"
        )
        data[f"feedback_prompts-{n}-article"] = str(article.pk)
        if "id" in prompt:
            data[f"feedback_prompts-{n}-id"] = str(prompt["id"])
        if prompt.get("DELETE"):
            data[f"feedback_prompts-{n}-DELETE"] = "on"
    return editor_client.post(f"/admin/newsroom/article/{article.pk}/change/", data)


def _errors(response) -> list[str]:
    return [
        str(error)
        for formset in response.context["inline_admin_formsets"]
        for errors in formset.formset.errors
        for field_errors in errors.values()
        for error in field_errors
    ]


@pytest.fixture
def article():
    return make_article(headline="Night trains", body=BODY)


def test_an_editor_puts_a_prompt_on_a_passage(editor_client, article):
    articles = versions.probe(names=[versions.ARTICLES])
    before = articles.read()
    response = _change(
        editor_client, article, [{"passage": "The first leaves\n at nine."}]
    )
    assert response.status_code == 302, _errors(response)
    prompt = FeedbackPrompt.objects.get()
    assert prompt.exact == "The first leaves at nine."
    assert prompt.prefix == "Night trains are back. "
    assert prompt.suffix == " Critics say the fares are too h"
    assert prompt.question == "What do you think about this?"
    assert articles.read() != before  # shared pages refresh
    html = Client().get(article.get_absolute_url()).content.decode()
    assert 'class="passage-prompt"' in html
    assert ">What do you think about this?</a>" in html


def test_the_change_form_shows_the_prompts_inline(editor_client, article):
    response = editor_client.get(f"/admin/newsroom/article/{article.pk}/change/")
    assert response.status_code == 200
    assert "feedback_prompts-TOTAL_FORMS" in response.content.decode()


def test_a_passage_not_in_the_body_is_a_clear_form_error(editor_client, article):
    response = _change(editor_client, article, [{"passage": "Day trains"}])
    assert response.status_code == 200
    assert _errors(response) == [
        "This passage is not in the article's body. Copy it from the body as it "
        "reads there."
    ]
    assert not FeedbackPrompt.objects.exists()


def test_a_passage_found_twice_asks_for_more_words(editor_client, article):
    response = _change(editor_client, article, [{"passage": "the fares"}])
    assert _errors(response) == [
        "This passage occurs 2 times in the body; add a few words before or "
        "after it so that it occurs once."
    ]


def test_the_passage_is_found_in_the_body_being_saved(editor_client, article):
    """A prompt added with a body edit is checked against the new body."""
    body = BODY + "\n\nA brand new paragraph."
    response = _change(
        editor_client, article, [{"passage": "A brand new paragraph."}], body=body
    )
    assert response.status_code == 302, _errors(response)
    assert FeedbackPrompt.objects.get().prefix.endswith("the fares are fair. ")


def test_removing_a_prompts_passage_asks_the_editor(editor_client, article):
    _change(editor_client, article, [{"passage": "Night trains are back."}])
    prompt = FeedbackPrompt.objects.get()
    body = BODY.replace("Night trains are back. ", "")
    response = _change(
        editor_client,
        article,
        [{"passage": prompt.exact, "id": prompt.pk}],
        body=body,
    )
    assert response.status_code == 200
    assert _errors(response)[0].startswith("This passage is not in the article's body")
    response = _change(
        editor_client,
        article,
        [{"passage": prompt.exact, "id": prompt.pk, "DELETE": True}],
        body=body,
    )
    assert response.status_code == 302, _errors(response)
    assert not FeedbackPrompt.objects.exists()


def test_a_custom_question_is_shown(editor_client, article):
    _change(
        editor_client,
        article,
        [{"passage": "Fans say the fares are fair.", "question": "Fair to whom?"}],
    )
    html = Client().get(article.get_absolute_url()).content.decode()
    assert ">Fair to whom?</a>" in html
