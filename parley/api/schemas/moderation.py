from typing import Literal

from ninja import Field, Schema


class ReportIn(Schema):
    reason: Literal["spam", "abuse", "off_topic", "other"]
    note: str = Field("", max_length=500)


class ReportOut(Schema):
    reported: bool = Field(description="Always true: a second report changes nothing.")
    voter_token: str | None = Field(
        None,
        description="Issued to a guest reporting before any vote or post; send back "
        "as X-Parley-Voter.",
    )


class ModerateIn(Schema):
    reason: str = Field("", max_length=1000)


class ModeratedOut(Schema):
    id: int
    status: str
    is_featured: bool
