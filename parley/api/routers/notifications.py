""" "Notify of" over JSON: subscribe to a thread, to replies, or to one comment's
replies; and what the calling reader follows. Each handler: parse, call, respond."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router

from parley.api import caching
from parley.api.contract import INVALID, NOT_FOUND, THROTTLED, WRITE, reads_headers
from parley.api.identity import reader_from_request, refuse_foreign_pages
from parley.api.routers.discussions import ThreadKey, check_key_parameter
from parley.api.schemas.notifications import (
    MySubscriptionsOut,
    SubscribedOut,
    SubscriptionIn,
)
from parley.core.addresses import request_address_hash
from parley.discussions import actions, queries, subscribers
from parley.discussions.throttle import throttle
from parley.discussions.tokens import VOTER_HEADER

router = Router(tags=["notifications"])


@router.post(
    "/threads/{path:key}/subscriptions",
    response={202: SubscribedOut, **WRITE, **NOT_FOUND, **THROTTLED},
    operation_id="subscriptions_create",
    openapi_extra=reads_headers(VOTER_HEADER),
    summary='"Notify of": new follow-up comments, replies to mine, or to one comment',
    description=(
        "A guest's subscription starts once the address confirms it (a link "
        "by mail, sent at most once an hour per address and thread); a signed-in "
        "reader's at once. Every guest's request gets the same answer, whatever "
        "the address has or hasn't confirmed before. 404: no such discussion or "
        "comment."
    ),
)
def subscribe(
    request: HttpRequest,
    response: HttpResponse,
    payload: SubscriptionIn,
    key: ThreadKey,
):
    refuse_foreign_pages(request)
    reader = reader_from_request(request)
    actions.validate_thread_key(key)
    thread = queries.access_thread(reader, key)
    if not thread.is_visible:  # staff preview a draft's discussion; nobody joins it
        raise Http404("There is no such discussion.")
    comment = (
        queries.access_comment(reader, payload.comment, to="respond")
        if payload.comment is not None
        else None
    )
    throttle(
        "subscribe",
        identity=reader.identity,
        address_hash=request_address_hash(request),
    )
    response["Cache-Control"] = caching.PRIVATE_CACHE_CONTROL
    if payload.honeypot:  # a bot is told what anyone is
        return 202, {"detail": str(actions.GUEST_ANSWER)}
    answer = actions.subscribe(
        thread,
        subscriber=actions.Subscriber(user=reader.user, email=payload.email),
        kinds=payload.kinds,
        comment=comment,
        delivery=payload.delivery,
    )
    return 202, {"detail": answer}


@router.get(
    "/me/subscriptions",
    response={200: MySubscriptionsOut, **INVALID},
    operation_id="my_subscriptions",
    summary="What the signed-in caller follows in a thread, and their defaults",
)
def my_subscriptions(request: HttpRequest, response: HttpResponse, thread: ThreadKey):
    check_key_parameter(thread)
    response["Cache-Control"] = caching.PRIVATE_CACHE_CONTROL
    user = reader_from_request(request).user
    found = queries.get_thread(thread) if user is not None else None
    defaults = subscribers.defaults_for(user) if user is not None else None
    return {
        "signed_in": user is not None,
        "following": sorted(subscribers.followed_in_thread(user, found.pk))
        if found is not None
        else [],
        "defaults": {
            "follow_thread": bool(defaults and defaults.follow_thread),
            "follow_replies": bool(defaults and defaults.follow_replies),
            "delivery": defaults.delivery if defaults else "immediate",
        },
        "manage_url": reverse("notifications:manage"),
    }
