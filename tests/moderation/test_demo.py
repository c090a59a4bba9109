import pytest

from parley.discussions.models import Comment
from parley.moderation.demo import load_moderation_demo
from parley.moderation.models import Report, WordRule
from parley.newsroom.demo import load_demo_content

pytestmark = pytest.mark.django_db


def test_the_demo_desk_has_held_comments_reports_and_word_lists(full_intake):
    """The intake itself holds the demo's comments, so the desk shows real scores."""
    load_demo_content()
    assert load_moderation_demo() == 5
    held = Comment.objects.filter(status="pending")
    assert held.count() == 5
    assert sum(1 for c in held if c.toxicity and c.toxicity >= 0.5) >= 3
    assert Report.objects.count() == 2
    assert WordRule.objects.count() >= 5
    assert load_moderation_demo() == 0  # once only
