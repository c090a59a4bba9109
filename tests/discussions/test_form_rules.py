"""The no-JavaScript comment form gives the action's sentences, whatever the length."""

import pytest

from parley.discussions.models import Comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "value", "sentence"),
    [
        ("name", "n" * 1001, "Please keep your name to 100 characters."),
        (
            "email",
            "a" * 995 + "@b.org",
            "Please enter a valid e-mail address, or leave it empty.",
        ),
        (
            "website",
            "https://example.org/" + "p" * 990,
            "Please enter a web address starting with http:// or https://, "
            "or leave it empty.",
        ),
    ],
)
def test_an_overlong_field_gets_the_same_sentence_as_on_the_api(
    client, field, value, sentence
):
    """Past 1,000 characters the form gave Django's own message instead."""
    article = make_article()
    data = {"body": "Hello", "name": "Ada", field: value}
    response = client.post(article.get_absolute_url(), data)
    assert response.status_code == 400
    assert sentence in response.content.decode()
    assert not Comment.objects.exists()
