"""The payment webhook's contract: the signed event it reads, and its answer.

The body is read as raw bytes (the signature covers them exactly), so the event
is described here for the OpenAPI document rather than parsed by a schema."""

from ninja import Field, Schema

from parley.support.signatures import SIGNATURE_HEADER
from parley.support.webhooks import MAX_BODY_BYTES

SIGNATURE_PARAMETER = {
    "in": "header",
    "name": SIGNATURE_HEADER,
    "required": True,
    "schema": {"type": "string", "maxLength": 2048},
    "description": '`t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` '
    "with the shared secret, as Stripe signs; several `v1` may be sent.",
}

_AMOUNT = {
    "type": ["string", "number"],
    "description": 'A decimal in the currency\'s units (`"25.00"`), at most two '
    "decimals; a JSON number is read as the decimal it spells.",
}
_TIME = {"type": "integer", "description": "Unix time in seconds."}

DONATION_OBJECT = {
    "title": "Donation",
    "type": "object",
    "description": "`donation.succeeded`: the payment.",
    "required": ["id", "amount", "currency"],
    "properties": {
        "id": {
            "type": "string",
            "maxLength": 200,
            "description": "The payment's own reference: one ledger entry each.",
        },
        "amount": _AMOUNT,
        "currency": {"type": "string", "pattern": "^[A-Za-z]{3}$"},
        "kind": {
            "type": "string",
            "enum": ["one_off", "recurring_first", "recurring_renewal"],
            "default": "one_off",
        },
        "donor_name": {"type": "string"},
        "public": {
            "type": "boolean",
            "default": False,
            "description": "The donor agreed to be named on the Support page.",
        },
        "email": {"type": "string", "description": "Private: never shown."},
        "message": {"type": "string"},
        "created": _TIME,
    },
}
REFUND_OBJECT = {
    "title": "Refund",
    "type": "object",
    "description": "`donation.refunded`: a refund of a recorded payment.",
    "required": ["donation"],
    "properties": {
        "id": {"type": "string"},
        "donation": {
            "type": "string",
            "maxLength": 200,
            "description": "The refunded payment's `id`.",
        },
        "amount": {**_AMOUNT, "description": "This refund; absent: all that is left."},
        "created": _TIME,
    },
}
EVENT_BODY = {
    "required": True,
    "description": f"One event, at most {MAX_BODY_BYTES:,} bytes. Types other "
    "than `donation.succeeded` and `donation.refunded` are answered 200 and "
    "ignored.",
    "content": {
        "application/json": {
            "schema": {
                "title": "WebhookEvent",
                "type": "object",
                "required": ["id", "type"],
                "properties": {
                    "id": {
                        "type": "string",
                        "maxLength": 200,
                        "description": "The provider's event id: processed once.",
                    },
                    "type": {"type": "string", "maxLength": 100},
                    "created": _TIME,
                    "data": {
                        "type": "object",
                        "properties": {
                            "object": {"anyOf": [DONATION_OBJECT, REFUND_OBJECT]}
                        },
                    },
                },
            },
            "example": {
                "id": "evt_1",
                "type": "donation.succeeded",
                "created": 1741000000,
                "data": {
                    "object": {
                        "id": "pay_1",
                        "amount": "25.00",
                        "currency": "EUR",
                        "kind": "one_off",
                        "donor_name": "Ada",
                        "public": True,
                        "message": "Keep it up.",
                    }
                },
            },
        }
    },
}


class WebhookReceiptOut(Schema):
    outcome: str = Field(
        json_schema_extra={
            "enum": ["recorded", "refunded", "ignored", "duplicate"],
        },
        description="`recorded`, `refunded`, `ignored` (a type not handled) or "
        "`duplicate` (processed already: nothing more was written).",
    )
    detail: str
