"""The payment webhook: a provider's signed events recorded in the ledger."""

from django.http import HttpRequest
from ninja import Router

from parley.api.contract import ALWAYS, EITHER
from parley.api.schemas.discussions import ErrorsOut
from parley.api.schemas.webhooks import (
    EVENT_BODY,
    SIGNATURE_PARAMETER,
    WebhookReceiptOut,
)
from parley.core.addresses import client_address
from parley.support import webhooks
from parley.support.signatures import SIGNATURE_HEADER

router = Router(tags=["support"])


@router.post(
    "/support/webhook",
    response={
        200: WebhookReceiptOut,
        400: ErrorsOut,
        403: ErrorsOut,
        404: ErrorsOut,
        413: EITHER,
        **ALWAYS,
    },
    operation_id="support_webhook",
    openapi_extra={"parameters": [SIGNATURE_PARAMETER], "requestBody": EVENT_BODY},
    summary="A payment provider's signed event: a donation, or its refund",
    description=(
        "Signed as Stripe signs, with the shared secret; the signature is the "
        "only authority (no cookie or session counts). An event is processed "
        "once: delivered again, even at the same moment, it is answered 200 "
        "`duplicate`. 400: the signature is missing, wrong, or its time is more "
        "than the tolerance away from now, either way; or the event can't be "
        "recorded (the reason per field). 403: no secret is configured, so "
        "every call is refused. 404: a refund of a payment not in the ledger. "
        "Every call is logged for the admin, with the reason of a refusal."
    ),
)
def webhook(request: HttpRequest):
    # Exempt from the cross-site check as every API view is, and unlike the
    # others it reads no cookie at all: a browser can't sign (docs/security.md).
    receipt = webhooks.receive(
        request.read(webhooks.MAX_BODY_BYTES + 1),
        request.headers.get(SIGNATURE_HEADER, ""),
        remote_addr=client_address(request),
    )
    return 200, {"outcome": receipt.outcome, "detail": receipt.detail}
