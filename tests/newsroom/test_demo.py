import io

import pytest
from django.core.management import call_command
from django.db.models import F, Max, Sum

from parley.discussions.models import Comment, Thread, Vote
from parley.newsroom.models import Article, Author

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
