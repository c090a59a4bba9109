"""Threads, comments and votes over JSON. Each handler: parse, call, respond."""

from typing import Annotated

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Field, Path, Query, Router

from parley.api import caching
from parley.api.comments import node_out, shown_out
from parley.api.contract import (
    DELETED,
    INVALID,
    NOT_FOUND,
    SECOND_LOOK,
    THROTTLED,
    WRITE,
    reads_headers,
)
from parley.api.identity import reader_from_request
from parley.api.schemas.discussions import (
    MAX_ID,
    CommentEditIn,
    CommentIn,
    CommentPageOut,
    CommentSourceOut,
    CountsOut,
    PostedCommentOut,
    VoteIn,
    VoteOut,
    stated,
)
from parley.core.addresses import request_address_hash
from parley.core.pages import ENVIRON_KEY, is_canonical
from parley.discussions import actions, conf, cursors, queries, supporters
from parley.discussions.anchors import TextQuote
from parley.discussions.errors import AWAITING_MODERATION, DiscussionError
from parley.discussions.models import Comment
from parley.discussions.readers import intake_context
from parley.discussions.throttle import throttle
from parley.discussions.tokens import (
    EDIT_HEADER,
    VOTER_HEADER,
    set_edit_cookie,
    set_voter_cookie,
)

router = Router(tags=["discussions"])
MAX_COUNTS = 200
ThreadKey = Annotated[
    str,
    Field(
        json_schema_extra=stated(minLength=1, maxLength=conf.MAX_THREAD_KEY_LENGTH),
        examples=["blog:my-post"],
    ),
]
Sort = Annotated[str, Field(json_schema_extra=stated(enum=list(queries.SORTS)))]
Cursor = Annotated[
    str,
    Field(
        json_schema_extra=stated(maxLength=cursors.MAX_CURSOR_LENGTH),
        description="`next_cursor` of the page before, as the server wrote it.",
    ),
]
Limit = Annotated[
    int,
    Field(
        json_schema_extra=stated(minimum=0, maximum=conf.MAX_PAGE_SIZE),
        description="Top-level comments a page; 0 for the site's default.",
    ),
]


def _proof_context(request: HttpRequest, reader, payload):
    """The intake context of an API write: the proof of work and the signals."""
    return intake_context(
        request,
        reader,
        channel="api",
        altcha=payload.altcha,
        honeypot=payload.honeypot,
        signals=payload.signals.model_dump(exclude_none=True)
        if payload.signals
        else {},
        post_anyway=payload.post_anyway,
    )


def check_key_parameter(key: str) -> None:
    """Refuse a malformed thread key sent as a parameter: 400, where the same
    key in the path names a thread that can't exist (404)."""
    try:
        actions.validate_thread_key(key)
    except DiscussionError as error:
        raise DiscussionError(error.errors) from None


# The query parameters a thread page reads.
LIST_PARAMS = ("sort", "cursor", "limit", "feedback")


@router.get(
    "/threads/{path:key}/comments",
    response={200: CommentPageOut, 304: None, **INVALID, **NOT_FOUND},
    operation_id="comments_list",
    summary="One page of top-level comments, with their replies nested",
    description=(
        "304 when If-None-Match holds the page's ETag. 404 for a key no thread "
        "can have (a thread that doesn't exist yet lists as empty). With "
        "`feedback=true`, the Inline Feedbacks view: only the comments on a "
        "passage (each with its `quote`), with their replies."
    ),
)
def list_comments(
    request: HttpRequest,
    key: ThreadKey,
    sort: Sort = "newest",
    cursor: Cursor = "",
    limit: Limit = 0,
    feedback: Annotated[
        bool, Field(description="Only comments on a passage (inline feedback).")
    ] = False,
):
    actions.validate_thread_key(key)
    queries.check_page_request(sort, limit, cursor)
    # The version is read before the page is built: a write landing in between
    # makes the cached page newer than its key, never older.
    state = queries.thread_state(key)
    thread = state if state is not None and state.is_visible else None
    upvotes_only = conf.upvotes_only()
    # Badges that come and go by the clock (a gift, one grown old) change no
    # version: the page is drawn for a tick of the badge clock, and kept for it.
    badges = supporters.badge_clock()

    def build() -> dict:
        page = queries.comment_page(
            thread,
            sort=sort,
            cursor=cursor,
            limit=limit,
            feedback=feedback,
            badges_as_of=badges.as_of,
        )
        return {
            "thread": {
                "key": key,
                "title": thread.title if thread else "",
                "is_closed": thread.is_closed if thread else False,
                "comment_count": page.total,
                "upvotes_only": upvotes_only,
            },
            "sort": page.sort,
            "comments": [node_out(node) for node in page.nodes],
            "next_cursor": page.next_cursor,
            "max_depth": conf.max_display_depth(),
            # How the widget writes dates as the page does (core's comment_date).
            "time_zone": settings.TIME_ZONE,
            "language": get_language() or settings.LANGUAGE_CODE,
        }

    etag = caching.page_etag(
        thread.pk if thread else None,
        thread.version if thread else 0,
        key,
        thread.is_closed if thread else False,
        sort,
        cursor,
        limit,
        upvotes_only,
        queries.edit_window_seconds(),
        conf.max_display_depth(),
        feedback,
        badges.tick,
        settings.TIME_ZONE,
        get_language(),
    )
    response = caching.cached_json_response(request, etag, build)
    if thread is not None and is_canonical(request, LIST_PARAMS):
        # The same for every reader: the fast path may answer it again while the
        # thread's version holds (and, if it closes by the clock or the badge
        # clock's tick ends, until then).
        request.META[ENVIRON_KEY] = queries.thread_page_fast_entry(thread, badges.until)
    return response


@router.post(
    "/threads/{path:key}/comments",
    response={
        201: PostedCommentOut,
        202: PostedCommentOut,
        **WRITE,
        **NOT_FOUND,
        **DELETED,
        **SECOND_LOOK,
        **THROTTLED,
    },
    operation_id="comments_create",
    openapi_extra=reads_headers(VOTER_HEADER),
    summary="Post a comment or a reply",
    description=(
        "201: published. 202: held for moderation; only its author sees it "
        "(`GET /me/comments`). A thread for an external page is created by its "
        "first accepted comment, and only for a page on an embed origin. 409: the "
        "comment replied to was deleted. 413: the comment is over 10,000 "
        "characters, or the request body over the size limit."
    ),
)
def create_comment(
    request: HttpRequest,
    response: HttpResponse,
    payload: CommentIn,
    key: ThreadKey,
):
    reader = reader_from_request(request)
    # A guest's reader token: how they find their own held comment again.
    issued = reader.ensure_identity()
    comment = actions.post_comment(
        actions.ThreadPage(
            key,
            title=payload.thread_title,
            url=payload.thread_url,
            origin=request.headers.get("Origin", ""),
        ),
        author=actions.CommentAuthor(
            user=reader.user,
            name=payload.name,
            email=payload.email,
            website=payload.website,
        ),
        body=payload.body,
        parent_id=payload.parent,
        quote=TextQuote(**payload.quote.model_dump()) if payload.quote else None,
        context=_proof_context(request, reader, payload),
    )
    token = set_edit_cookie(response, comment.pk)
    if issued:
        set_voter_cookie(response, issued)
    held = comment.status == Comment.Status.PENDING
    return 202 if held else 201, {
        **shown_out(comment),
        "body_markdown": comment.body_markdown,
        "edit_token": token,
        "status": comment.status,
        # Held: said so, with why when the intake told its author.
        "notice": f"{AWAITING_MODERATION} {queries.hold_notice(comment)}".strip()
        if held
        else "",
        "voter_token": issued,
    }


@router.patch(
    "/comments/{comment_id}",
    response={
        200: CommentSourceOut,
        **WRITE,
        **NOT_FOUND,
        **DELETED,
        **SECOND_LOOK,
        **THROTTLED,
    },
    operation_id="comments_update",
    openapi_extra=reads_headers(VOTER_HEADER, EDIT_HEADER),
    summary="Edit your comment within the edit window",
)
def update_comment(
    request: HttpRequest,
    payload: CommentEditIn,
    comment_id: int = Path(..., ge=1, le=MAX_ID),
):
    reader = reader_from_request(request)
    comment = actions.edit_comment(
        queries.access_comment(reader, comment_id, to="edit"),
        body=payload.body,
        context=_proof_context(request, reader, payload),
    )
    return {
        **shown_out(comment),
        "body_markdown": comment.body_markdown,
        "status": comment.status,
    }


@router.get(
    "/comments/{comment_id}",
    response={200: CommentSourceOut, **INVALID, **NOT_FOUND},
    operation_id="comments_get",
    openapi_extra=reads_headers(VOTER_HEADER),
    summary="One comment with its Markdown source, for editing",
)
def get_comment(request: HttpRequest, comment_id: int = Path(..., ge=1, le=MAX_ID)):
    comment = queries.access_comment(reader_from_request(request), comment_id)
    return {
        **shown_out(comment),
        "body_markdown": "" if comment.is_placeholder else comment.body_markdown,
        "status": comment.status,
    }


@router.delete(
    "/comments/{comment_id}",
    response={204: None, **WRITE, **NOT_FOUND},
    operation_id="comments_delete",
    openapi_extra=reads_headers(VOTER_HEADER, EDIT_HEADER),
    summary="Delete your comment within the edit window",
)
def remove_comment(request: HttpRequest, comment_id: int = Path(..., ge=1, le=MAX_ID)):
    reader = reader_from_request(request)
    actions.delete_comment(queries.access_comment(reader, comment_id, to="edit"))
    return 204, None


@router.post(
    "/comments/{comment_id}/vote",
    response={200: VoteOut, **WRITE, **NOT_FOUND, **DELETED, **THROTTLED},
    operation_id="comments_vote",
    openapi_extra=reads_headers(VOTER_HEADER),
    summary="Vote a comment up (1) or down (-1), or take the vote back (0)",
)
def vote_comment(
    request: HttpRequest,
    response: HttpResponse,
    payload: VoteIn,
    comment_id: int = Path(..., ge=1, le=MAX_ID),
):
    reader = reader_from_request(request)
    comment = queries.access_comment(reader, comment_id, to="respond")
    address_hash = request_address_hash(request)
    issued = None
    if reader.voter is None and payload.value == 0:
        # Nothing to take back: answer with the comment as it stands.
        result = actions.VoteResult(
            comment.pk, comment.score, comment.upvotes, comment.downvotes, my_vote=0
        )
    else:
        issued = reader.ensure_identity()
        if issued:
            set_voter_cookie(response, issued)
        throttle("vote", identity=reader.voter, address_hash=address_hash)
        result = actions.cast_vote(
            comment, voter=reader.voter, value=payload.value, first_vote=bool(issued)
        )
    return {
        "id": result.comment_id,
        "score": result.score,
        "upvotes": result.upvotes,
        "downvotes": result.downvotes,
        "my_vote": result.my_vote,
        "voter_token": issued,
    }


@router.get(
    "/counts",
    response={200: CountsOut, **INVALID},
    operation_id="counts_list",
    summary="Comment counts for many threads at once",
)
def counts(
    request: HttpRequest,
    thread: list[ThreadKey] = Query(..., description=f"At most {MAX_COUNTS} keys."),
):
    if len(thread) > MAX_COUNTS:
        raise DiscussionError.single(
            "thread", f"Ask for at most {MAX_COUNTS} threads at once."
        )
    for key in thread:
        check_key_parameter(key)
    return {"counts": queries.thread_counts(thread)}
