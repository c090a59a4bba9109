"""What a server-rendered page needs to show a discussion without JavaScript:
the part every reader shares, and the layer of what is one reader's own."""

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.contrib import messages as flash
from django.contrib.auth.context_processors import PermWrapper
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from parley.core.pages import ReaderPart, SharedPage, is_reader_cookie, render_part

from . import conf, landing, queries, subscribers
from .anchors import TextQuote
from .errors import DiscussionError
from .forms import CommentForm
from .models import Comment, Thread
from .readers import Reader, reader_from_cookies
from .tree import CommentNode

SORTS = [("newest", _("Newest")), ("oldest", _("Oldest")), ("votes", _("Most Voted"))]
# The no-JavaScript pager's links in each sort: (the page before, the page after).
PAGER_LABELS = {
    "newest": (_("Newer comments"), _("Older comments")),
    "oldest": (_("Older comments"), _("Newer comments")),
    "votes": (_("Higher voted"), _("Lower voted")),
}


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
        page = queries.comment_page(
            thread, sort=sort, cursor=cursor, with_previous=True, **shows
        )
    except DiscussionError:
        page = queries.comment_page(thread, sort=sort, **shows)
        cursor = ""
    # The links of this page keep its sort and view: the pager's, and Reply's
    # (which also keeps the page, so the reader stays where they were).
    view = [("sort", sort)]
    if feedback is not None:
        view.append(("feedback", feedback.value))
    here = [*view, ("cursor", cursor)] if cursor else view
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
        "view_query": urlencode(view),
        "here_query": urlencode(here),
        "pager_labels": PAGER_LABELS[sort],
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
        # A form sent back with its errors keeps what was typed in it.
        "form_bound": form.is_bound,
    }
    return context, facts


def unknown_reader() -> dict:
    """Return the reader layer's context for a reader nobody knows."""
    return {
        "user": None,
        "perms": None,
        "messages": (),
        "held_comments": (),
        "thread_notices": (),
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
    general, about_thread, about = landing.sort_messages(flash.get_messages(request))
    context = {
        **unknown_reader(),
        "user": request.user,
        "perms": PermWrapper(request.user),
        "messages": general,
    }
    parts: dict[str, dict] = {}
    if user is not None:
        parts.update(account={}, widget={}, identity={}, notify={})
        context["notify_defaults"] = subscribers.defaults_for(user)
    elif not facts.get("form_bound") and (guest := landing.remembered_guest(request)):
        parts["identity"] = {"guest_fields": _guest_fields(guest)}
    thread_id = facts.get("thread_id")
    if thread_id is None:
        return _with_messages(context, parts, [*about_thread, *_flat(about)])
    reader = reader_from_cookies(request)
    context["can_moderate"] = queries.can_moderate(reader)
    # A moderator sees every held comment of the thread, to decide there.
    held = queries.held_comments_for(reader, Thread(pk=thread_id))
    if facts.get("feedback"):
        # The Inline Feedbacks view: only held comments on a passage belong.
        held = [comment for comment in held if comment.quote_exact]
    for comment in held:
        comment.notices = about.pop(comment.pk, [])
        comment.hold_notice = queries.hold_notice(comment)
    shown = facts["comments"]
    elsewhere = [m for pk, found in about.items() if pk not in shown for m in found]
    if held or about_thread:
        context["held_comments"] = held
        context["thread_notices"] = about_thread
        parts["held"] = {}
    parts.update(
        _comment_parts(
            reader,
            shown,
            context["can_moderate"],
            {pk: found for pk, found in about.items() if pk in shown},
        )
    )
    return _with_messages(context, parts, elsewhere)


def _with_messages(context: dict, parts: dict, more: list) -> tuple[dict, dict]:
    """Show at the page's top the messages no part of the discussion shows."""
    context["messages"] = [*context["messages"], *more]
    if context["messages"]:
        parts["messages"] = {}
    return context, parts


def _flat(about: dict[int, list]) -> list:
    return [message for found in about.values() for message in found]


def _guest_fields(details: dict) -> str:
    """The guest's fields, filled with what this browser keeps for them."""
    form = CommentForm(initial={**details, "remember": True})
    return render_to_string("discussions/_form_guest.html", {"form": form})


def _comment_parts(
    reader: Reader, shown: dict, moderator: bool, notices: dict[int, list]
) -> dict[str, dict]:
    """Return the comments whose buttons differ for this reader: their own votes,
    the ones they may still edit (with the time left), every one for a
    moderator, and the ones with news for them (posted, updated, refused)."""
    votes = queries.votes_of(reader.voter, list(shown)) if reader.voter else {}
    parts = {}
    window = conf.edit_window()
    for pk, (created_at, user_id, is_deleted) in shown.items():
        editable = queries.may_still_edit(pk, created_at, user_id, is_deleted, reader)
        if moderator or editable or votes.get(pk) or pk in notices:
            parts[f"comment:{pk}"] = {
                "my_vote": votes.get(pk, 0),
                "editable": editable,
                "editable_until": created_at + window if editable else None,
                "minutes_left": (
                    queries.minutes_left(created_at + window) if editable else 0
                ),
                "notices": notices.get(pk, ()),
            }
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
