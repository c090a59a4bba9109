from ninja import Field, Schema
from pydantic import ConfigDict

from parley.api.schemas.discussions import (
    MAX_ID,
    InputSchema,
    required_by_action,
    stated,
)
from parley.discussions import conf
from parley.discussions.models import Subscription

KINDS = list(Subscription.Kind.values)
DELIVERIES = list(Subscription.Delivery.values)


class SubscriptionIn(InputSchema):
    model_config = ConfigDict(
        json_schema_extra=required_by_action(
            "kinds",
            example={"kinds": ["thread", "replies"], "email": "ada@example.org"},
        )
    )

    kinds: list[str] = Field(
        default_factory=list,
        json_schema_extra=stated(minItems=1, items={"type": "string", "enum": KINDS}),
        description="`thread`: new follow-up comments; `replies`: new replies to "
        "my comments; `comment`: new replies to the comment named in `comment`.",
    )
    email: str = Field(
        "",
        json_schema_extra=stated(maxLength=conf.MAX_EMAIL_LENGTH),
        description="Required of guests, who confirm it by mail before anything "
        "is sent; a signed-in reader's account address is used instead.",
    )
    comment: int | None = Field(None, ge=1, le=MAX_ID)
    delivery: str = Field(
        "",
        json_schema_extra=stated(enum=["", *DELIVERIES]),
        description="`immediate` or `daily` (a digest); empty for the "
        "reader's default.",
    )
    honeypot: str = Field("", max_length=1000)


class SubscribedOut(Schema):
    detail: str = Field(
        description="What happens next. The same for every guest's request, "
        "whatever the address has or hasn't confirmed before."
    )


class DefaultsOut(Schema):
    follow_thread: bool
    follow_replies: bool
    delivery: str


class MySubscriptionsOut(Schema):
    signed_in: bool
    following: list[str] = Field(
        description="What a signed-in reader follows this thread for "
        "(`thread`, `replies`); always empty for guests."
    )
    defaults: DefaultsOut
    manage_url: str = Field(description="Where a signed-in reader manages them.")
