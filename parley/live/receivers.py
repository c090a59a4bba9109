"""
Turn what happened in a discussion (parley.discussions.signals, sent after
commit) into live events, each built once for every stream of its thread.

Only what every reader may see is sent: a held or rejected comment never is,
and a comment's JSON is the public one the API gives a reader nobody knows.

    comment  a comment readers now see (new, or approved): {comment, count}
    update   a comment readers see changed (edited, or now "[deleted]"
             because replies hang below it): {comment, count}
    remove   a comment readers saw is gone (deleted, held, rejected): {id, count}
    vote     a comment's score moved: {id, score, upvotes, downvotes}
"""

import json

from django.core.serializers.json import DjangoJSONEncoder

from parley.discussions import queries
from parley.discussions.models import Comment, Thread

from . import conf
from .bus import get_bus

PUBLISHED = Comment.Status.PUBLISHED


def on_comment_written(sender, comment, decision, created, **kwargs):
    if comment.status != PUBLISHED or not comment.is_public:
        return  # held or rejected: for its author and moderators only
    publish(comment.thread_id, "comment" if created else "update", comment=comment)


def on_status_changed(
    sender, comment, comment_id, thread_id, old_status, new_status, is_public, **kw
):
    if new_status == PUBLISHED and old_status != PUBLISHED:
        publish(thread_id, "comment", comment=comment)
    elif old_status == PUBLISHED or is_public:
        if is_public and comment.pk is not None:
            publish(thread_id, "update", comment=comment)
        else:
            publish(thread_id, "remove", comment_id=comment_id)


def on_voted(sender, comment_id, thread_id, score, upvotes, downvotes, **kwargs):
    data = {
        "id": comment_id,
        "score": score,
        "upvotes": upvotes,
        "downvotes": downvotes,
    }
    get_bus().publish(thread_id, "vote", _json(data))


def publish(thread_id: int, name: str, *, comment=None, comment_id=None) -> None:
    """Publish a comment event with the thread's count as readers see it now."""
    count = (
        Thread.objects.filter(pk=thread_id)
        .values_list("comment_count", flat=True)
        .first()
    )
    if comment is not None:
        out = conf.comment_json()(comment, queries.display_depth(comment))
        data = {"comment": out, "count": count}
    else:
        data = {"id": comment_id, "count": count}
    get_bus().publish(thread_id, name, _json(data))


def _json(data: dict) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, separators=(",", ":"))
