"""Reads of discussions, and the helpers that fetch and check access in one call."""

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from parley.core import versions
from parley.core.pages import FastEntry

from . import conf, cursors, supporters
from .anchors import TextQuote
from .errors import DiscussionError
from .models import Comment, Thread, Vote, thread_is_visible
from .paging import order_fields, previous_cursor, top_level
from .readers import Reader
from .tokens import edit_token_is_valid
from .tree import CommentNode, build_tree, shown_name

MODERATE_PERMISSION = "discussions.moderate_comment"

SORTS = ("newest", "oldest", "votes")


@dataclass
class CommentPage:
    nodes: list[CommentNode]
    next_cursor: str | None
    total: int
    sort: str
    # The page before this one: None on the first page, "" when it is the
    # first page, else its cursor (asked for with `with_previous`).
    previous_cursor: str | None = None


@dataclass(frozen=True)
class ThreadState:
    """What the read path needs to know of a thread before it touches comments."""

    pk: int
    version: int
    title: str
    is_closed: bool
    is_visible: bool
    comment_count: int
    closes_at: datetime | None = None


def thread_state(key: str) -> ThreadState | None:
    """Return the thread's version and visibility in one narrow query, or None.

    This runs on every read, cached or not, so it is one fixed statement rather
    than an ORM query built anew each time (that building cost more than the
    query itself).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, version, title, is_closed, comment_count, published_at,"  # noqa: S608
            f" close_after_days FROM {Thread._meta.db_table} WHERE key = %s",
            [key],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    pk, version, title, is_closed, count, published_at, close_after_days = row
    if isinstance(published_at, str):  # SQLite hands back text
        published_at = parse_datetime(published_at)
    if published_at is not None and timezone.is_naive(published_at):
        published_at = timezone.make_aware(published_at, UTC)
    visible = thread_is_visible(published_at)
    # "Close after N days" closes by the clock, not by a write: the state (and
    # so the cached page's key) changes when the time comes.
    closed = bool(is_closed) or (
        close_after_days is not None
        and published_at is not None
        and timezone.now() >= published_at + timedelta(days=close_after_days)
    )
    closes_at = (
        published_at + timedelta(days=close_after_days)
        if close_after_days is not None and published_at is not None
        else None
    )
    return ThreadState(pk, version, title, closed, visible, count, closes_at)


def thread_page_fast_entry(
    state: ThreadState, badges_until: float = math.inf
) -> FastEntry:
    """Return what lets parley.core.fastpath answer a visible thread's page
    again: its version, read in one statement, until it closes by the clock or
    the badge clock's tick it was drawn for ends (supporters.badge_clock)."""
    closes_at = state.closes_at
    return FastEntry(
        versions.probe(rows=[(Thread, "version", state.pk)]),
        (state.version,),
        min(
            closes_at.timestamp() if closes_at and not state.is_closed else math.inf,
            badges_until,
        ),
    )


def get_thread(key: str) -> Thread | None:
    return Thread.objects.filter(key=key).first()


def access_thread(reader: Reader, key: str) -> Thread:
    """Return the thread readers may see under this key, or raise Http404.
    Staff see the threads of pages not yet public (article previews)."""
    thread = get_thread(key)
    if thread is None or not (thread.is_visible or reader.is_staff):
        raise Http404(gettext("There is no such discussion."))
    return thread


def can_moderate(reader: Reader) -> bool:
    user = reader.user
    return bool(user is not None and user.has_perm(MODERATE_PERMISSION))


def is_own(comment: Comment, reader: Reader) -> bool:
    """Return True if this reader wrote the comment (by account or reader token)."""
    identity = reader.identity
    return bool(identity) and comment.author_key == identity


def access_comment(reader: Reader, comment_id: int, *, to: str = "read") -> Comment:
    """
    Return the comment if this reader may do `to` with it ("read", "respond":
    vote, report or reply, "edit" or "moderate"); raise Http404 when they may
    not even know it exists,
    DiscussionError (403) when they may see but not change it, and
    PermissionDenied when they may not moderate.

    Pages, the API and the admin all come through here, so that one rule decides.
    """
    comment = Comment.objects.select_related("thread").filter(pk=comment_id).first()
    if comment is None:
        raise Http404(gettext("No comment with this id."))
    # Staff read the discussion of a page they preview and moderators act on
    # what the desk shows them, but nobody responds to a comment readers can't
    # see: a thread that is not public takes no votes, reports or replies.
    if not comment.thread.is_visible and (
        to == "respond"
        or not (reader.is_staff or (to == "moderate" and can_moderate(reader)))
    ):
        raise Http404(gettext("No comment with this id."))
    # The permission lookup is paid only where it decides something, not on
    # every vote or read of a public comment.
    if not (comment.is_public or is_own(comment, reader) or can_moderate(reader)):
        raise Http404(gettext("No comment with this id."))
    if to == "moderate" and not can_moderate(reader):
        raise PermissionDenied(gettext("Only moderators may do that."))
    if to == "edit" and not can_edit(comment, reader):
        raise edit_refused()
    return comment


def edit_refused() -> DiscussionError:
    """Return the refusal of a change to a comment the reader may not change."""
    return DiscussionError.single(
        "comment",
        ngettext(
            "You can change only your own comments, within %(minutes)s minute "
            "of posting.",
            "You can change only your own comments, within %(minutes)s minutes "
            "of posting.",
            edit_window_seconds() // 60,
        )
        % {"minutes": number_format(edit_window_seconds() // 60)},
        status=403,
    )


def can_edit(comment: Comment, reader: Reader) -> bool:
    """Return True if this reader wrote the comment and the edit window is open."""
    return may_still_edit(
        comment.pk, comment.created_at, comment.user_id, comment.is_deleted, reader
    )


def may_still_edit(
    pk: int, created_at: datetime, user_id: int | None, is_deleted: bool, reader: Reader
) -> bool:
    """can_edit from the comment's facts alone (what a shared page kept of it)."""
    if is_deleted or timezone.now() > created_at + conf.edit_window():
        return False
    user = reader.user
    if user is not None and user_id == user.pk:
        return True
    return any(edit_token_is_valid(token, pk) for token in reader.edit_tokens)


def held_comments_for(reader: Reader, thread: Thread) -> list[Comment]:
    """Return the held comments this reader may see in the thread: their own, or
    every one for a moderator (who decides on them there)."""
    if can_moderate(reader):
        return list(
            supporters.with_badges(
                Comment.objects.filter(thread=thread, status=Comment.Status.PENDING)
            )
            .select_related("thread", "parent")
            .order_by("created_at")[:200]
        )
    return own_held_comments(reader, thread)


def own_held_comments(reader: Reader, thread: Thread) -> list[Comment]:
    """Return this reader's comments in the thread that await moderation."""
    if not reader.identity:
        return []
    return list(
        supporters.with_badges(
            Comment.objects.filter(
                thread=thread,
                author_key=reader.identity,
                status=Comment.Status.PENDING,
            )
        )
        .select_related("parent")  # "in reply to <name>"
        .order_by("created_at")[:50]
    )


def hold_notice(comment: Comment) -> str:
    """Return why the intake holds the comment, in the words it gave its
    author (Verdict.notice), or "" when it gave none."""
    verdicts = (comment.intake or {}).get("verdicts", [])
    notices = [
        verdict.get("notice", "")
        for verdict in verdicts
        if isinstance(verdict, dict) and verdict.get("outcome") == "hold"
    ]
    return " ".join(notice for notice in notices if isinstance(notice, str) and notice)


def display_depth(comment: Comment) -> int:
    """Return the depth the comment shows at: its own, down to the display cap
    (conf.max_display_depth), the rule tree.build_tree follows."""
    return min(comment.depth, conf.max_display_depth() - 1)


def display_reply_to(comment: Comment) -> str | None:
    """Return the name a comment shown flat below the display cap answers
    ("@name", as tree.build_tree marks it), or None when it nests. Reads the
    parent (one query unless the caller has it)."""
    if comment.depth < conf.max_display_depth() or comment.parent_id is None:
        return None
    return shown_name(comment.parent)


def editable_until(comment: Comment) -> datetime:
    return comment.created_at + conf.edit_window()


def minutes_left(until: datetime) -> int:
    """Return the whole minutes left until then, rounded up (a reader told "1
    minute" still has some seconds), 0 once it has passed: the count the "N
    minutes left to edit" sentences are chosen by, in every language's plural."""
    seconds = (until - timezone.now()).total_seconds()
    return max(0, math.ceil(seconds / 60))


def thread_counts(keys: list[str]) -> dict[str, int]:
    """Return the number of comments readers see for each key (0 for unknown
    keys and for threads not yet public).

    One fixed statement, like thread_state: it runs for every teaser on a page.
    """
    if not keys:
        return {}
    placeholders = ", ".join(["%s"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT key, comment_count FROM {Thread._meta.db_table}"  # noqa: S608
            f" WHERE key IN ({placeholders}) AND published_at <= %s",
            [*keys, timezone.now()],
        )
        found = dict(cursor.fetchall())
    return {key: found.get(key, 0) for key in keys}


def check_page_request(sort: str, limit: int, cursor: str = "") -> None:
    """Raise DiscussionError unless sort, limit (0: the default) and cursor (""
    for the first page) can make a page."""
    if sort not in SORTS:
        raise DiscussionError.single("sort", _("Sort by newest, oldest or votes."))
    if not 0 <= limit <= conf.MAX_PAGE_SIZE:
        raise DiscussionError.single(
            "limit",
            gettext("Ask for 1 to %(limit)s comments a page.")
            % {"limit": number_format(conf.MAX_PAGE_SIZE)},
        )
    if cursor:
        cursors.position(cursor, sort)


def comment_page(
    thread: Thread | ThreadState | None,
    *,
    sort: str = "newest",
    cursor: str = "",
    limit: int = 0,
    feedback: bool = False,
    among: "tuple[int, ...] | None" = None,
    badges_as_of: datetime | None = None,
    with_previous: bool = False,
) -> CommentPage:
    """
    Return one page of top-level comments with all their replies, nested.
    With `feedback`, only the comments on a passage (the Inline Feedbacks
    view); with `among`, only those of these ids (the comments on one passage).
    Each comment is marked `author_is_supporter` as of `badges_as_of` (now).
    With `with_previous`, a page after the first also finds the cursor of the
    page before it (one more query; the no-JavaScript pager's "Newer").

    The page is found through a partial index on top-level comments and its
    replies through their root, so it costs the same in a thread of any size.
    """
    check_page_request(sort, limit, cursor)
    limit = limit or conf.page_size()
    if thread is None:
        return CommentPage(nodes=[], next_cursor=None, total=0, sort=sort)

    top = top_level(thread.pk, feedback=feedback, among=among)
    if cursor:
        top = top.filter(cursors.after(cursor, sort))
    top = supporters.with_badges(top, badges_as_of)
    roots = list(top.order_by(*order_fields(sort))[: limit + 1])
    next_cursor = cursors.encode(roots[limit - 1], sort) if len(roots) > limit else None
    roots = roots[:limit]
    replies = Comment.objects.visible().filter(root_id__in=[c.pk for c in roots])
    replies = list(supporters.with_badges(replies, badges_as_of))
    previous = None
    if with_previous and cursor and roots:
        previous = previous_cursor(
            thread.pk, roots[0], sort=sort, feedback=feedback, among=among
        )
    return CommentPage(
        nodes=build_tree(roots, replies, sort),
        next_cursor=next_cursor,
        total=thread.comment_count,
        sort=sort,
        previous_cursor=previous,
    )


# Enough for any article's passages; past it, the oldest are marked.
MAX_ANCHORED = 5000


def anchored_comments(thread: Thread | None) -> list[tuple[int, TextQuote]]:
    """Return (id, quote) of the thread's published comments on a passage,
    oldest first: what a page marks in its text. Held, rejected and deleted
    comments are never counted."""
    if thread is None:
        return []
    rows = (
        Comment.objects.filter(
            thread_id=thread.pk, status=Comment.Status.PUBLISHED, is_public=True
        )
        .exclude(quote_exact="")
        .order_by("created_at", "id")
        .values_list("pk", "quote_exact", "quote_prefix", "quote_suffix")
    )
    return [(pk, TextQuote(*quote)) for pk, *quote in rows[:MAX_ANCHORED]]


def edit_window_seconds() -> int:
    return int(conf.edit_window().total_seconds())


def votes_of(voter: str, comment_ids: list[int]) -> dict[int, int]:
    """Return this voter's votes on these comments, by comment id."""
    return dict(
        Vote.objects.filter(voter=voter, comment_id__in=comment_ids).values_list(
            "comment_id", "value"
        )
    )
