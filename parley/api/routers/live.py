"""A thread's live events (Server-Sent Events): the contract, and the stream
as served through WSGI. Through ASGI parley.config.asgi serves the same route
on the event loop (parley.live.streams), handing here only what it refuses."""

import redis
from django.http import Http404, HttpRequest, JsonResponse, StreamingHttpResponse
from ninja import Query, Router

from parley.api.contract import INVALID, NOT_FOUND
from parley.api.routers.discussions import ThreadKey
from parley.core.middleware import RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE
from parley.discussions import actions
from parley.live import streams

router = Router(tags=["live"])

EVENTS_DESCRIPTION = """\
Server-Sent Events for one visible thread, for every reader alike (no cookies or
reader headers are read). Events, each with an `id`:

- `comment`: a comment readers now see (posted, or approved): `{comment, count}`
  with the comment's public JSON as in `comments_list`, and the thread's count;
- `update`: a comment readers see changed (edited, or shown as deleted because
  replies hang below it): `{comment, count}`;
- `remove`: a comment readers saw is gone: `{id, count}`;
- `vote`: a comment's score moved: `{id, score, upvotes, downvotes}`;
- `ready`: the stream is open; its id names the present;
- `reload`: the `Last-Event-ID` (or `since`) sent is unknown or too old: fetch the
  first page again.

Held and rejected comments are never sent. A reconnecting browser sends
`Last-Event-ID` and is given what it missed. A `: heartbeat` comment comes every
15 seconds. Served through ASGI a stream stays open; through WSGI it ends after
about 25 seconds and the browser reconnects."""


# One event of the stream, as EventSource reads it; `data` is JSON.
EVENT_SCHEMA = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "event": {"enum": ["ready", "reload", "comment", "update", "remove", "vote"]},
        "data": {"type": "string", "contentMediaType": "application/json"},
        "retry": {"type": "integer"},
    },
}


@router.get(
    "/threads/{path:key}/events",
    response={200: None, **INVALID, **NOT_FOUND},
    operation_id="comments_events",
    summary="A thread's new comments, edits, removals and votes, live",
    description=EVENTS_DESCRIPTION,
    openapi_extra={
        "responses": {
            200: {
                "description": "An event stream (text/event-stream).",
                "content": {"text/event-stream": {"schema": EVENT_SCHEMA}},
            }
        },
        "parameters": [
            {
                "in": "header",
                "name": "Last-Event-ID",
                "required": False,
                "schema": {"type": "string"},
                "description": "The id of the last event received (cut to "
                f"{streams.MAX_ID_LENGTH} characters).",
            }
        ],
    },
)
def thread_events(
    request: HttpRequest,
    key: ThreadKey,
    since: str = Query(
        "",
        max_length=streams.MAX_ID_LENGTH,
        description="The id of the last event received, for a new EventSource "
        "(which sends no Last-Event-ID).",
    ),
):
    actions.validate_thread_key(key)
    last_id = request.headers.get("Last-Event-ID", "")[: streams.MAX_ID_LENGTH]
    last_id = last_id or since
    try:
        found = streams.open_sync(key, last_id)
    except redis.RedisError:
        # The database's outage answers alike (api/errors.py).
        return JsonResponse(
            {"detail": UNAVAILABLE_MESSAGE},
            status=503,
            headers={"Retry-After": RETRY_AFTER_SECONDS},
        )
    if found is None:
        raise Http404("There is no such thread.")
    return StreamingHttpResponse(streams.wsgi_stream(*found), headers=streams.HEADERS)
