"""What a server-rendered page needs to show a discussion without JavaScript:
the part every reader shares, and the layer of what is one reader's own."""

from dataclasses import replace

from django.contrib import messages as flash
from django.contrib.auth.context_processors import PermWrapper
from django.http import HttpRequest
from django.template.loader import render_to_string

from parley.core.pages import ReaderPart, SharedPage, is_reader_cookie, render_part

from . import conf, queries
from .errors import DiscussionError
from .forms import CommentForm
from .models import Comment, Thread
from .readers import Reader, reader_from_cookies

SORTS = [("newest", "Newest"), ("oldest", "Oldest"), ("votes", "Most Voted")]


def discussion_context(
    request: HttpRequest, thread: Thread | None, form: CommentForm, page_path: str
):
    """Return the template context for the discussion under a page, as every
    reader sees it, and the facts the reader layer needs (the comments shown).
    `page_path` is where the no-JS forms come back to."""
    sort = request.GET.get("sort", "newest")
    if sort not in queries.SORTS:
        sort = "newest"
    cursor = request.GET.get("cursor", "")
    try:
        page = queries.comment_page(thread, sort=sort, cursor=cursor)
    except DiscussionError:
        page = queries.comment_page(thread, sort=sort)
        cursor = ""
    shown = {
        comment.pk: (comment.created_at, comment.user_id, comment.is_deleted)
        for comment in _flatten(page.nodes)
    }
    context = {
        "thread": thread,
        "page": page,
        "sort": sort,
        "cursor": cursor,
        "sorts": SORTS,
        "page_path": page_path,
        "upvotes_only": conf.upvotes_only(),
        "guest_fields": render_to_string(
            "discussions/_form_guest.html", {"form": form}
        ),
    }
    return context, {"comments": shown, "thread_id": thread.pk if thread else None}


def unknown_reader() -> dict:
    """Return the reader layer's context for a reader nobody knows."""
    return {
        "user": None,
        "perms": None,
        "messages": (),
        "held_comments": (),
        "can_moderate": False,
        "my_vote": 0,
        "editable": False,
    }


def carries_reader_cookies(request: HttpRequest) -> bool:
    """Return True if the request's cookies may make its page differ from the
    shared one (a session, messages, a reader or edit token)."""
    return any(is_reader_cookie(name) for name in request.COOKIES)


def reader_layer(request: HttpRequest, facts: dict) -> tuple[dict, dict]:
    """
    Return this reader's context and the parts of the page that are theirs
    (part key -> that part's own values). A reader without cookies has none, and
    costs nothing: the shared page is theirs as it is.
    """
    if not carries_reader_cookies(request):
        return unknown_reader(), {}
    user = request.user if request.user.is_authenticated else None
    stored = flash.get_messages(request)
    context = {
        **unknown_reader(),
        "user": request.user,
        "perms": PermWrapper(request.user),
        "messages": stored,
    }
    parts: dict[str, dict] = {}
    if user is not None:
        parts.update(account={}, widget={}, identity={})
    if len(stored):
        parts["messages"] = {}
    thread_id = facts.get("thread_id")
    if thread_id is None:
        return context, parts
    reader = reader_from_cookies(request)
    context["can_moderate"] = queries.can_moderate(reader)
    held = queries.own_held_comments(reader, Thread(pk=thread_id))
    if held:
        context["held_comments"] = held
        parts["held"] = {}
    parts.update(_comment_parts(reader, facts["comments"], context["can_moderate"]))
    return context, parts


def _comment_parts(reader: Reader, shown: dict, moderator: bool) -> dict[str, dict]:
    """Return the comments whose buttons differ for this reader: their own votes,
    the ones they may still edit, and every one for a moderator."""
    votes = queries.votes_of(reader.voter, list(shown)) if reader.voter else {}
    parts = {}
    for pk, (created_at, user_id, is_deleted) in shown.items():
        editable = queries.may_still_edit(pk, created_at, user_id, is_deleted, reader)
        if moderator or editable or votes.get(pk):
            parts[f"comment:{pk}"] = {"my_vote": votes.get(pk, 0), "editable": editable}
    return parts


def _flatten(nodes: list[queries.CommentNode]) -> list:
    comments, stack = [], list(nodes)
    while stack:
        node = stack.pop()
        comments.append(node.comment)
        stack.extend(node.replies)
    return comments


# What an article page's check reads, and how it is brought up to date.
SCORES_REFRESHER = "parley.discussions.pages.refresh_scores"


def refresh_scores(page: SharedPage) -> SharedPage | None:
    """
    Return the shared page with the scores its comments have now, rendering
    only the buttons of the comments whose score moved: a vote changes nothing
    else on a page sorted by time. None if a comment shown is gone (rebuild).
    """
    # The thread's version is read before the scores, so the page is never
    # older than the version it is kept under.
    values = page.check.read()
    shown = list(page.facts["comments"])
    scores = dict(Comment.objects.filter(pk__in=shown).values_list("pk", "score"))
    if len(scores) != len(shown):
        return None
    parts, fills = list(page.parts), list(page.fills)
    for index, part in enumerate(parts):
        kind, _, pk = part.key.partition(":")
        if kind != "comment" or part.args["score"] == scores[int(pk)]:
            continue
        parts[index] = ReaderPart(
            part.key, part.template, {**part.args, "score": scores[int(pk)]}
        )
        fills[index] = render_part(parts[index], unknown_reader())
    return replace(page, parts=parts, fills=fills, check_values=values, body=b"")
