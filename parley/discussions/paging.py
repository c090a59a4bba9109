"""
Where a comment is among a view's pages: the page before a page, and the page
that shows a given comment. The no-JavaScript pager's "Newer" link and where a
reader lands after writing come from here; pages themselves are
queries.comment_page.
"""

from . import conf, cursors
from .errors import DiscussionError
from .models import Comment


def order_fields(sort: str, *, backwards: bool = False) -> list[str]:
    if sort == "oldest":
        fields = ["created_at", "id"]
    elif sort == "votes":
        fields = ["-score", "-created_at", "-id"]
    else:
        fields = ["-created_at", "-id"]
    if backwards:
        return [name[1:] if name.startswith("-") else f"-{name}" for name in fields]
    return fields


def top_level(thread_id: int, *, feedback: bool = False, among=None):
    """The top-level comments a page of this view walks through."""
    top = Comment.objects.visible().filter(thread_id=thread_id, parent__isnull=True)
    if feedback:
        top = top.exclude(quote_exact="")
    if among is not None:
        top = top.filter(pk__in=among)
    return top


# What a cursor is made of: all a pager's query needs of a comment.
_POSITION_FIELDS = ("pk", "created_at", "score")


def previous_cursor(
    thread_id: int,
    first: Comment,
    *,
    sort: str,
    feedback: bool = False,
    among=None,
) -> str | None:
    """Return the cursor of the page before the one that starts with `first`:
    "" when that is the first page, None when there is none. One query, of at
    most a page and one rows."""
    limit = conf.page_size()
    ahead = list(
        top_level(thread_id, feedback=feedback, among=among)
        .filter(cursors.ahead_of(first, sort))
        .order_by(*order_fields(sort, backwards=True))
        .only(*_POSITION_FIELDS)[: limit + 1]
    )
    if not ahead:
        return None
    return cursors.encode(ahead[limit], sort) if len(ahead) > limit else ""


def page_cursor_for(
    thread_id: int,
    root_id: int,
    *,
    sort: str,
    cursor: str = "",
    feedback: bool = False,
    among=None,
) -> str | None:
    """
    Return the cursor of the page that shows this top-level comment in this
    sort and view: `cursor` when its page does (the page the reader was on),
    else the page the pager reaches it on ("" for the first); None when the
    view doesn't show it. Where a no-JavaScript reader lands after writing.
    """
    top = top_level(thread_id, feedback=feedback, among=among)
    root = top.filter(pk=root_id).only(*_POSITION_FIELDS).first()
    if root is None:
        return None
    limit, order = conf.page_size(), order_fields(sort)
    if cursor:
        try:
            shown = top.filter(cursors.after(cursor, sort)).order_by(*order)
            if root_id in shown.values_list("pk", flat=True)[:limit]:
                return cursor
        except DiscussionError:
            pass  # a stale link: the page is found as if from the first
    ahead = top.filter(cursors.ahead_of(root, sort)).count()
    if ahead < limit:
        return ""
    boundary = top.order_by(*order).only(*_POSITION_FIELDS)[
        (ahead // limit) * limit - 1
    ]
    return cursors.encode(boundary, sort)
