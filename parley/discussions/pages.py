"""What a server-rendered page needs to show a discussion without JavaScript."""

from django.http import HttpRequest

from . import conf, queries
from .errors import DiscussionError
from .models import Thread
from .readers import reader_from_cookies


def discussion_context(request: HttpRequest, thread: Thread | None) -> dict:
    """Return the template context for the discussion under a page."""
    sort = request.GET.get("sort", "newest")
    if sort not in queries.SORTS:
        sort = "newest"
    cursor = request.GET.get("cursor", "")
    try:
        page = queries.comment_page(thread, sort=sort, cursor=cursor)
    except DiscussionError:
        page = queries.comment_page(thread, sort=sort)
        cursor = ""
    reader = reader_from_cookies(request)
    shown = _flatten(page.nodes)
    editable = {c.pk for c in shown if queries.can_edit(c, reader)}
    held = queries.own_held_comments(reader, thread) if thread is not None else []
    my_votes = (
        queries.votes_of(reader.voter, [c.pk for c in shown]) if reader.voter else {}
    )
    for comment in shown:
        comment.my_vote = my_votes.get(comment.pk, 0)
    return {
        "thread": thread,
        "page": page,
        "sort": sort,
        "cursor": cursor,
        "sorts": [("newest", "Newest"), ("oldest", "Oldest"), ("votes", "Most Voted")],
        "editable_ids": editable,
        "held_comments": held,
        "upvotes_only": conf.upvotes_only(),
        # Moderators get small approve / reject / feature forms on each comment.
        "can_moderate": queries.can_moderate(reader),
    }


def _flatten(nodes: list[queries.CommentNode]) -> list:
    comments, stack = [], list(nodes)
    while stack:
        node = stack.pop()
        comments.append(node.comment)
        stack.extend(node.replies)
    return comments
