import pytest
from django.contrib.auth.models import Group

from parley.discussions.actions import set_comment_status
from parley.discussions.models import Comment
from parley.moderation.roles import ADMINS, MODERATORS, sync_roles
from tests.factories import make_article, post

TOXIC_BODY = "You are an idiot and everyone knows it."
# What the intake would have recorded for TOXIC_BODY: "idiot" scored, and the
# human score's signals.
TOXIC_INTAKE = {
    "decision": "pending",
    "verdicts": [
        {
            "check": "human_score",
            "outcome": "pass",
            "reason": "",
            "score": 0.35,
            "detail": {
                "signals": [
                    {
                        "signal": "elapsed_ms",
                        "value": 2100,
                        "weight": 0.4,
                        "note": "Written in 2 seconds.",
                    },
                    {"signal": "keys", "value": 3, "weight": 0.3, "note": "Few keys."},
                ]
            },
        },
        {
            "check": "toxicity",
            "outcome": "hold",
            "reason": "Toxicity 0.91 is over the hold threshold 0.80.",
            "score": 0.91,
            "detail": {
                "attributes": {"insult": 0.91},
                "spans": [
                    {"start": 11, "end": 16, "attribute": "insult", "weight": 0.9}
                ],
            },
        },
    ],
}


def _member(django_user_model, username: str, group: str):
    sync_roles()  # transactional tests flush the groups the migration made
    user = django_user_model.objects.create_user(
        username=username, password=f"pw-{username}-123", first_name=username.title()
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def moderator(django_user_model):
    return _member(django_user_model, "mona", MODERATORS)


@pytest.fixture
def site_admin(django_user_model):
    return _member(django_user_model, "ada", ADMINS)


def hold(comment, **fields) -> Comment:
    """Put a posted comment in the pending queue, as the intake would have."""
    fields.setdefault("intake", TOXIC_INTAKE)
    fields.setdefault("toxicity", 0.91)
    fields.setdefault("human_score", 0.35)
    set_comment_status(comment, "pending", reviewed=False)
    Comment.objects.filter(pk=comment.pk).update(**fields)
    return Comment.objects.get(pk=comment.pk)


@pytest.fixture
def article():
    return make_article(headline="Night trains return")


@pytest.fixture
def held(article):
    return hold(post(article.thread, TOXIC_BODY, name="Grumpy", email="g@example.org"))
