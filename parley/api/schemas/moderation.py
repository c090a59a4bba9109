from ninja import Field, Schema

from parley.api.schemas.discussions import InputSchema, stated

REASONS = ["spam", "abuse", "off_topic", "other"]


class ReportIn(InputSchema):
    reason: str = Field(json_schema_extra=stated(enum=REASONS))
    note: str = Field(
        "",
        json_schema_extra=stated(maxLength=500),
        description="Why, in the reader's words; required with `other`.",
    )


class ReportOut(Schema):
    reported: bool = Field(description="Always true: a second report changes nothing.")
    voter_token: str | None = Field(
        None,
        description="Issued to a guest reporting before any vote or post; send back "
        "as X-Parley-Voter.",
    )


class ModerateIn(InputSchema):
    reason: str = Field("", max_length=1000)


class ModeratedOut(Schema):
    id: int
    status: str
    is_featured: bool
