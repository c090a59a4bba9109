"""
Where a reader without JavaScript lands after writing, and what they are told
there: the page of the thread that shows their comment, at its anchor, with
the news next to it; and the guest details they asked this browser to keep.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse

from . import paging, queries
from .links import is_site_path, thread_link
from .models import Comment

# Messages about one comment carry its tag and show next to it; messages
# about the discussion show at its top (pages.reader_layer sorts them out).
COMMENT_TAG = "parley-comment-"
THREAD_TAG = "parley-thread"

GUEST_COOKIE = "parley-guest"
GUEST_SALT = "parley.discussions.guest"
GUEST_COOKIE_MAX_AGE = 365 * 24 * 3600
GUEST_FIELDS = ("name", "email", "website")


def tell(request: HttpRequest, level: int, text, comment: Comment | None = None):
    """Leave the reader a message for their next page: next to `comment`
    when that page shows it, else at the top of the discussion."""
    tag = f"{COMMENT_TAG}{comment.pk}" if comment is not None else THREAD_TAG
    messages.add_message(request, level, text, extra_tags=tag)


def sort_messages(stored) -> tuple[list, list, dict[int, list]]:
    """Return the reader's messages as (for the page's top, for the top of the
    discussion, by the id of the comment they are about)."""
    general, thread, by_comment = [], [], {}
    for message in stored:
        tag = message.extra_tags or ""
        if tag == THREAD_TAG:
            thread.append(message)
        elif tag.startswith(COMMENT_TAG) and tag[len(COMMENT_TAG) :].isdigit():
            by_comment.setdefault(int(tag[len(COMMENT_TAG) :]), []).append(message)
        else:
            general.append(message)
    return general, thread, by_comment


def _sort_of(query) -> str:
    sort = query.get("sort", "")
    return sort if sort in queries.SORTS else "newest"


def _address(path: str, anchor: str, **params: str) -> str:
    query = urlencode([(name, value) for name, value in params.items() if value])
    return f"{path}?{query}#{anchor}" if query else f"{path}#{anchor}"


def comment_address(comment: Comment, path: str, query, feedback=None) -> str:
    """
    Return where the comment shows on the page at `path` (a site path), for a
    reader who was reading it with `query` (its sort, cursor and Inline
    Feedbacks view, `feedback`: a pages.FeedbackView or None): the page of the
    thread that holds it in that sort and view, at its anchor. A held comment
    shows in the reader's own list at the top of every page of the discussion.
    """
    sort = _sort_of(query)
    # The newest first page is the article's own address; other pages are
    # the addresses the pager links to.
    shown_sort = "" if sort == "newest" else sort
    anchor = f"comment-{comment.pk}"
    if not comment.is_public:
        view = feedback.value if feedback is not None and comment.quote_exact else ""
        return _address(path, anchor, sort=shown_sort, feedback=view)
    root_id = comment.root_id or comment.pk
    cursor = None
    if feedback is not None:
        cursor = paging.page_cursor_for(
            comment.thread_id,
            root_id,
            sort=sort,
            cursor=query.get("cursor", ""),
            feedback=True,
            among=feedback.among,
        )
    if cursor is not None:
        return _address(path, anchor, sort=sort, cursor=cursor, feedback=feedback.value)
    cursor = paging.page_cursor_for(
        comment.thread_id,
        root_id,
        sort=sort,
        cursor="" if feedback is not None else query.get("cursor", ""),
    )
    return _address(path, anchor, sort=sort if cursor else shown_sort, cursor=cursor)


def back_to(request: HttpRequest, comment: Comment, anchor: str = "") -> str:
    """Return the page the reader came from (`next`, a site path) at the
    comment's anchor (or `anchor`), else the thread's page."""
    anchor = anchor or f"comment-{comment.pk}"
    target = request.POST.get("next") or request.GET.get("next", "")
    if is_site_path(target):
        return f"{target.split('#')[0]}#{anchor}"
    return thread_link(comment.thread, anchor) or f"/#{anchor}"


def remember_guest(response: HttpResponse, details: dict | None) -> None:
    """Keep a guest's name, e-mail and website in this browser for their next
    comment, when they ticked "Keep my details…"; forget them when they didn't.
    Signed, so a page shows only what this site wrote; HttpOnly and SameSite
    like the reader's other cookies."""
    if details is None:
        response.delete_cookie(GUEST_COOKIE, samesite="Lax")
        return
    value = signing.dumps(
        {name: details.get(name, "") for name in GUEST_FIELDS},
        salt=GUEST_SALT,
        compress=True,
    )
    response.set_cookie(
        GUEST_COOKIE,
        value,
        max_age=GUEST_COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def remembered_guest(request: HttpRequest) -> dict | None:
    """Return the guest details this browser keeps, or None."""
    value = request.COOKIES.get(GUEST_COOKIE)
    if not value:
        return None
    try:
        details = signing.loads(value, salt=GUEST_SALT, max_age=GUEST_COOKIE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(details, dict):
        return None
    return {name: str(details.get(name, ""))[:500] for name in GUEST_FIELDS}
