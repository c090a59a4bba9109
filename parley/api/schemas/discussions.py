from datetime import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import BaseModel, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

from parley.discussions import anchors, conf
from parley.discussions.errors import INVALID_VOTE

MAX_ID = 2**63 - 1
CommentId = Annotated[int, Field(ge=1, le=MAX_ID)]


# What a request may carry is checked in two places, each once. The schema
# checks JSON types, strictly (1 is not true, "5" is not an id). The rules on
# values (required, lengths, choices) are the actions' own, shared with pages
# and commands, so every entry point refuses the same input with the same
# sentence and status; the schema states those rules for clients without
# enforcing a second copy of them.
def stated(**keywords: object) -> dict:
    """Return JSON Schema keywords for a rule the action enforces."""
    return keywords


def no_default(schema: dict) -> None:
    """Leave out a default that would mislead: the action decides on absence."""
    schema.pop("default", None)


def required_by_action(*names: str, example: dict):
    """Mark fields as required in the contract (absent, the action refuses them
    with the sentence it gives for an empty value), and give an example."""

    def amend(schema: dict) -> None:
        schema["required"] = sorted({*schema.get("required", []), *names})
        for name in names:
            schema["properties"][name].pop("default", None)
        schema["examples"] = [example]

    return amend


class InputSchema(BaseModel):
    """A request body: JSON types only, never coerced. Plain pydantic: ninja's
    Schema reads attributes off any object, so it took a list for an object."""

    model_config = ConfigDict(strict=True)


class ErrorsOut(Schema):
    errors: dict[str, str] = Field(description="A sentence for the reader per field.")
    code: str | None = Field(
        None,
        description=(
            "What kind of refusal: `captcha`, `score`, `second_look` (post again "
            "with `post_anyway` to have it reviewed), `rate_limited`, `banned`."
        ),
    )
    contact: str | None = Field(
        None, description="Where the reader can reach the newsroom, when it helps."
    )


class DetailOut(Schema):
    detail: str


class AuthorOut(Schema):
    name: str
    website: str
    is_staff: bool
    is_supporter: bool = Field(
        description='The author chose to show a "Supporter" badge and gave to '
        "the newsroom recently enough (the site's PARLEY_SUPPORTER_BADGE_DAYS)."
    )


# --- Inline feedback: the passage a comment is on ---
class QuoteOut(Schema):
    exact: str = Field(description="The passage's text, as plain text (never HTML).")
    prefix: str = Field(description="Up to 32 characters just before it.")
    suffix: str = Field(description="Up to 32 characters just after it.")


class QuoteIn(BaseModel):
    """A W3C Web Annotation TextQuoteSelector over the page's plain text (its
    words, each run of whitespace one space)."""

    model_config = ConfigDict(
        strict=True,
        json_schema_extra=required_by_action(
            "exact",
            example={"exact": "night trains", "prefix": "the return of ", "suffix": ""},
        ),
    )

    exact: str = Field(
        "",
        json_schema_extra=stated(minLength=1, maxLength=anchors.MAX_QUOTE_LENGTH),
        description="The passage commented on; on an article, as its body reads now.",
    )
    prefix: str = Field("", json_schema_extra=stated(maxLength=anchors.CONTEXT_LENGTH))
    suffix: str = Field("", json_schema_extra=stated(maxLength=anchors.CONTEXT_LENGTH))


# --- end inline feedback ---


class CommentOut(Schema):
    id: int
    parent: int | None
    reply_to: str | None = Field(
        None,
        description="For replies shown flat under the depth cap: whom they answer.",
    )
    depth: int = Field(
        description="Display depth, capped; the real parent is `parent`."
    )
    author: AuthorOut
    body_html: str
    created_at: datetime
    edited_at: datetime | None
    editable_until: datetime
    score: int
    upvotes: int
    downvotes: int
    is_deleted: bool
    quote: QuoteOut | None = Field(
        None, description="Inline feedback: the passage of the page it is on."
    )
    replies: list["CommentOut"] = []


CommentOut.model_rebuild()


class CommentSourceOut(CommentOut):
    body_markdown: str = Field(description="The Markdown the author wrote.")
    status: str = Field(
        "published",
        description="published, pending (awaiting moderation; only its author "
        "sees it) or rejected.",
    )


class PostedCommentOut(CommentSourceOut):
    edit_token: str = Field(
        description="Send as X-Parley-Edit-Token to edit or delete within the window."
    )
    notice: str = Field("", description="What the reader should be told, if any.")
    voter_token: str | None = Field(
        None,
        description="Issued to a guest on a first post; send back as X-Parley-Voter "
        "to see your own held comments and to vote.",
    )


class HeldCommentOut(CommentSourceOut):
    mine: bool = Field(description="The caller wrote it (a moderator sees others').")


class HeldCommentsOut(Schema):
    comments: list[HeldCommentOut]


class ThreadOut(Schema):
    key: str
    title: str
    is_closed: bool
    comment_count: int
    upvotes_only: bool = Field(description="The site counts up-votes only.")


class CommentPageOut(Schema):
    thread: ThreadOut
    sort: str
    comments: list[CommentOut]
    next_cursor: str | None
    max_depth: int = Field(
        description="Levels replies nest to (depths 0 to max_depth - 1); deeper "
        "replies show at the deepest level, flat, with `reply_to`, oldest first."
    )
    time_zone: str = Field(
        "UTC", description="The site's time zone, for writing dates as its pages do."
    )
    language: str = Field(
        "en", description="The language the page is in (a Django language code)."
    )


class SignalsIn(InputSchema):
    """How the form was used, as the widget counted it (all optional)."""

    elapsed_ms: float | None = Field(None, ge=0, le=1e10)
    keys: int | None = Field(None, ge=0, le=10**7)
    pointer: int | None = Field(None, ge=0, le=10**7)
    focus: int | None = Field(None, ge=0, le=10**7)
    pastes: int | None = Field(None, ge=0, le=10**7)
    solve_ms: float | None = Field(None, ge=0, le=1e10)
    challenge_solved: bool | None = None


class ProofIn(InputSchema):
    altcha: str = Field(
        "",
        max_length=4000,
        description="The ALTCHA solution: base64 of {algorithm, challenge, number, "
        "salt, signature, took}, as ALTCHA's libraries and widget produce it.",
    )
    honeypot: str = Field("", max_length=1000, description="Must be empty.")
    signals: SignalsIn | None = None
    post_anyway: bool = Field(
        False,
        description="After a `second_look` refusal: post as it is, to be reviewed.",
    )


BODY_RULES = stated(minLength=1, maxLength=conf.MAX_BODY_LENGTH)
BODY_DESCRIPTION = (
    "Markdown, not blank, at most 10,000 characters once trimmed (413 past that)."
)


class CommentIn(ProofIn):
    model_config = ConfigDict(
        json_schema_extra=required_by_action(
            "body", example={"body": "Thanks, this *helped*.", "name": "Ada"}
        )
    )

    body: str = Field("", json_schema_extra=BODY_RULES, description=BODY_DESCRIPTION)
    name: str = Field(
        "",
        json_schema_extra=lambda schema: (
            no_default(schema),
            schema.update(stated(minLength=1, maxLength=conf.MAX_NAME_LENGTH)),
        ),
        description="Required of guests (not blank); a signed-in reader's "
        "account name is used instead.",
    )
    email: str = Field(
        "",
        json_schema_extra=stated(maxLength=conf.MAX_EMAIL_LENGTH),
        description="Optional, never shown: an e-mail address.",
    )
    website: str = Field(
        "",
        json_schema_extra=stated(maxLength=conf.MAX_WEBSITE_LENGTH),
        description="Optional: an http:// or https:// address.",
    )
    parent: int | None = Field(None, ge=1, le=MAX_ID)
    quote: QuoteIn | None = Field(
        None,
        description="Inline feedback: the passage commented on (not on a reply). "
        "On an article it must be in the body as it reads now.",
    )
    thread_title: str = Field("", max_length=300)
    thread_url: str = Field("", max_length=1000)


class CommentEditIn(ProofIn):
    model_config = ConfigDict(
        json_schema_extra=required_by_action(
            "body", example={"body": "Thanks, this *really* helped."}
        )
    )

    body: str = Field("", json_schema_extra=BODY_RULES, description=BODY_DESCRIPTION)


def _exact_vote(value: object) -> object:
    # JSON's true, 1.0 and "1" are not votes: refused with the action's sentence
    # rather than coerced (cast_vote takes only the integers).
    if type(value) is not int or value not in (-1, 0, 1):
        raise PydanticCustomError("vote_value", str(INVALID_VOTE))
    return value


class VoteIn(InputSchema):
    value: Annotated[
        int,
        Field(strict=True, ge=-1, le=1, json_schema_extra={"enum": [-1, 0, 1]}),
        BeforeValidator(_exact_vote),
    ] = Field(description="1 up, -1 down, 0 to take the vote back.")


class VoteOut(Schema):
    id: int
    score: int
    upvotes: int
    downvotes: int
    my_vote: int
    voter_token: str | None = Field(
        None,
        description="Issued on a first anonymous vote; send back as X-Parley-Voter.",
    )


class CountsOut(Schema):
    counts: dict[str, int]


class MyVotesOut(Schema):
    votes: dict[int, int] = Field(description="Comment id to 1 or -1; others: no vote.")
