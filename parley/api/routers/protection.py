"""The proof-of-work challenge the widget (or any ALTCHA client) solves."""

from django.http import HttpRequest, HttpResponse
from ninja import Router

from parley.api.caching import PRIVATE_CACHE_CONTROL
from parley.api.contract import ALWAYS, THROTTLED
from parley.api.schemas.protection import ChallengeOut
from parley.core.addresses import request_address_hash
from parley.discussions.throttle import throttle
from parley.protection.challenge import issue_challenge

router = Router(tags=["protection"])


@router.get(
    "/challenge",
    response={200: ChallengeOut, **THROTTLED, **ALWAYS},
    operation_id="challenge_get",
    summary="An ALTCHA proof-of-work challenge, to solve before posting",
    description=(
        "Find `number` in [0, maxnumber] with SHA-256(salt + number) == challenge, "
        "then send base64 of {algorithm, challenge, number, salt, signature, took} "
        "as the comment's `altcha`. Each solution is accepted once; the search "
        "space grows for an address that asks for many challenges."
    ),
)
def challenge(request: HttpRequest, response: HttpResponse):
    response["Cache-Control"] = PRIVATE_CACHE_CONTROL
    address_hash = request_address_hash(request)
    throttle("challenge", identity="", address_hash=address_hash)
    return issue_challenge(address_hash)
