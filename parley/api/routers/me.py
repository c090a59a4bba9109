"""The calling reader's own state, kept out of shared pages: their votes, and
their comments that await moderation."""

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from parley.api import caching
from parley.api.comments import comment_out
from parley.api.contract import INVALID, NOT_FOUND, reads_headers
from parley.api.identity import reader_from_request
from parley.api.routers.discussions import ThreadKey, check_key_parameter
from parley.api.schemas.discussions import CommentId, HeldCommentsOut, MyVotesOut
from parley.discussions import queries
from parley.discussions.errors import DiscussionError
from parley.discussions.tokens import VOTER_HEADER

router = Router(tags=["discussions"])
MAX_MY_VOTES = 500


@router.get(
    "/me/votes",
    response={200: MyVotesOut, **INVALID},
    operation_id="my_votes",
    openapi_extra=reads_headers(VOTER_HEADER),
    summary="The caller's own votes on these comments (kept out of shared pages)",
)
def my_votes(
    request: HttpRequest,
    response: HttpResponse,
    comment: list[CommentId] = Query(
        ..., description=f"At most {MAX_MY_VOTES} comment ids."
    ),
):
    if len(comment) > MAX_MY_VOTES:
        raise DiscussionError.single(
            "comment", f"Ask for at most {MAX_MY_VOTES} comments at once."
        )
    response["Cache-Control"] = caching.PRIVATE_CACHE_CONTROL
    voter = reader_from_request(request).voter
    return {"votes": queries.votes_of(voter, comment) if voter else {}}


@router.get(
    "/me/comments",
    response={200: HeldCommentsOut, **INVALID, **NOT_FOUND},
    operation_id="my_held_comments",
    openapi_extra=reads_headers(VOTER_HEADER),
    summary="The caller's own comments in a thread that await moderation",
    description="For moderators: every comment of the thread that awaits moderation. "
    "404 when there is no such discussion.",
)
def my_held_comments(
    request: HttpRequest,
    response: HttpResponse,
    thread: ThreadKey,
):
    response["Cache-Control"] = caching.PRIVATE_CACHE_CONTROL
    check_key_parameter(thread)
    reader = reader_from_request(request)
    found = queries.access_thread(reader, thread)
    return {
        "comments": [
            {
                **comment_out(comment, queries.display_depth(comment)),
                "body_markdown": comment.body_markdown,
                "status": comment.status,
                "mine": queries.is_own(comment, reader),
            }
            for comment in queries.held_comments_for(reader, found)
        ]
    }
