"""What a server-rendered page needs to show a discussion without JavaScript:
the part every reader shares, and the layer of what is one reader's own."""

from dataclasses import dataclass, replace

from django.contrib import messages as flash
from django.contrib.auth.context_processors import PermWrapper
from django.http import HttpRequest
from django.template.loader import render_to_string

from parley.core.pages import ReaderPart, SharedPage, is_reader_cookie, render_part

from . import conf, queries, subscribers
from .anchors import TextQuote
from .errors import DiscussionError
from .forms import CommentForm
from .models import Comment, Thread
from .readers import Reader, reader_from_cookies
from .tree import CommentNode

SORTS = [("newest", "Newest"), ("oldest", "Oldest"), ("votes", "Most Voted")]


@dataclass(frozen=True)
class FeedbackView:
    """The Inline Feedbacks view of a discussion: every comment on a passage,
    or (with `among` and the passage's `quote`) the comments on one passage.
    `value` is the query parameter's value that shows it."""

    value: str
    among: tuple[int, ...] | None = None
    quote: TextQuote | None = None


def discussion_context(
    request: HttpRequest,
    thread: Thread | None,
    form: CommentForm,
    page_path: str,
    feedback: FeedbackView | None = None,
):
    """Return the template context for the discussion under a page, as every
    reader sees it, and the facts the reader layer needs (the comments shown).
    `page_path` is where the no-JS forms come back to; `feedback` shows the
    Inline Feedbacks view instead of every comment."""
    sort = request.GET.get("sort", "newest")
    if sort not in queries.SORTS:
        sort = "newest"
    cursor = request.GET.get("cursor", "")
    shows = {
        "feedback": feedback is not None,
        "among": feedback.among if feedback is not None else None,
    }
    try:
        page = queries.comment_page(thread, sort=sort, cursor=cursor, **shows)
    except DiscussionError:
        page = queries.comment_page(thread, sort=sort, **shows)
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
        "feedback": feedback,
        "page_path": page_path,
        "upvotes_only": conf.upvotes_only(),
        "guest_fields": render_to_string(
            "discussions/_form_guest.html", {"form": form}
        ),
        # What a sent-back form had ticked under "Notify of" (None: a fresh form).
        "notify_checked": form["notify"].value() if form.is_bound else None,
    }
    facts = {
        "comments": shown,
        "thread_id": thread.pk if thread else None,
        "feedback": feedback is not None,
    }
    return context, facts


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
        "notify_defaults": None,
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
        parts.update(account={}, widget={}, identity={}, notify={})
        context["notify_defaults"] = subscribers.defaults_for(user)
    if len(stored):
        parts["messages"] = {}
    thread_id = facts.get("thread_id")
    if thread_id is None:
        return context, parts
    reader = reader_from_cookies(request)
    context["can_moderate"] = queries.can_moderate(reader)
    # A moderator sees every held comment of the thread, to decide there.
    held = queries.held_comments_for(reader, Thread(pk=thread_id))
    if facts.get("feedback"):
        # The Inline Feedbacks view: only held comments on a passage belong.
        held = [comment for comment in held if comment.quote_exact]
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


def _flatten(nodes: list[CommentNode]) -> list:
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
