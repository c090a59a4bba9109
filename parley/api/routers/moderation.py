"""Reader reports, and the moderators' controls shown in a thread."""

from typing import Annotated

from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Router

from parley.api.contract import DELETED, NOT_FOUND, THROTTLED, WRITE, reads_headers
from parley.api.identity import reader_from_request
from parley.api.schemas.discussions import MAX_ID, stated
from parley.api.schemas.moderation import ModeratedOut, ModerateIn, ReportIn, ReportOut
from parley.core.addresses import request_address_hash
from parley.discussions import queries
from parley.discussions.errors import DiscussionError
from parley.discussions.throttle import throttle
from parley.discussions.tokens import VOTER_HEADER, set_voter_cookie
from parley.moderation import actions

router = Router(tags=["moderation"])
ACTIONS = ["approve", "reject", "feature", "unfeature"]


@router.post(
    "/comments/{comment_id}/report",
    response={
        201: ReportOut,
        200: ReportOut,
        **WRITE,
        **NOT_FOUND,
        **DELETED,
        **THROTTLED,
    },
    operation_id="comments_report",
    openapi_extra=reads_headers(VOTER_HEADER),
    summary="Report a comment (spam, abuse, off topic, other with a note)",
)
def report(
    request: HttpRequest,
    response: HttpResponse,
    payload: ReportIn,
    comment_id: int = Path(..., ge=1, le=MAX_ID),
):
    reader = reader_from_request(request)
    # A first-time guest gets the reader token votes and posts get, so that
    # their report counts once.
    issued = reader.ensure_identity()
    if issued:
        set_voter_cookie(response, issued)
    comment = queries.access_comment(reader, comment_id, to="respond")
    throttle(
        "report",
        identity=reader.identity,
        address_hash=request_address_hash(request),
    )
    created = actions.report_comment(
        comment, reporter=reader.identity, reason=payload.reason, note=payload.note
    )
    return (201 if created else 200), {"reported": True, "voter_token": issued}


def _moderated(comment) -> dict:
    return {
        "id": comment.pk,
        "status": comment.status,
        "is_featured": comment.is_featured,
    }


@router.post(
    "/moderation/comments/{comment_id}/{action}",
    response={200: ModeratedOut, **WRITE, **NOT_FOUND, **DELETED},
    operation_id="comments_moderate",
    summary="Approve, reject, feature or unfeature a comment (moderators only)",
    description="403 for anyone but moderators; 404 for an action not among these.",
)
def moderate(
    request: HttpRequest,
    payload: ModerateIn,
    action: Annotated[str, Field(json_schema_extra=stated(enum=ACTIONS))],
    comment_id: int = Path(..., ge=1, le=MAX_ID),
):
    reader = reader_from_request(request)
    comment = queries.access_comment(reader, comment_id, to="moderate")
    user = reader.user
    if action == "approve":
        comment = actions.approve_comment(comment, by=user)
    elif action == "reject":
        comment = actions.reject_comment(comment, by=user, reason=payload.reason)
    elif action in ("feature", "unfeature"):
        actions.feature_comment(comment, by=user, featured=action == "feature")
    else:
        raise DiscussionError.single(
            "action", "Choose approve, reject, feature or unfeature.", status=404
        )
    return _moderated(comment)
