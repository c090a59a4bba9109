"""What a server-rendered page needs to show a discussion without JavaScript."""

from dataclasses import dataclass

from django.http import HttpRequest

from . import conf, queries
from .errors import DiscussionError
from .models import Thread
from .tokens import EDIT_COOKIE_PREFIX, VOTER_COOKIE, voter_from_token


@dataclass
class PageReader:
    user: object
    edit_tokens: list[str]
    voter: str | None


def page_reader(request: HttpRequest) -> PageReader:
    """Return the reader behind a page request; pages are CSRF-protected by Django."""
    voter_token = request.COOKIES.get(VOTER_COOKIE, "")
    user = request.user
    return PageReader(
        user=user,
        edit_tokens=[
            value
            for name, value in request.COOKIES.items()
            if name.startswith(EDIT_COOKIE_PREFIX)
        ],
        voter=_voter(user, voter_token),
    )


def _voter(user, voter_token: str) -> str | None:
    if user.is_authenticated:
        return f"u:{user.pk}"
    return voter_from_token(voter_token) if voter_token else None


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
    reader = page_reader(request)
    shown = _flatten(page.nodes)
    editable = {
        c.pk
        for c in shown
        if queries.can_edit(c, user=reader.user, edit_tokens=reader.edit_tokens)
    }
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
        "upvotes_only": conf.upvotes_only(),
    }


def _flatten(nodes: list[queries.CommentNode]) -> list:
    comments, stack = [], list(nodes)
    while stack:
        node = stack.pop()
        comments.append(node.comment)
        stack.extend(node.replies)
    return comments
