from datetime import datetime

from ninja import Field, Schema

# Money travels as decimal strings ("550.00"), never as JSON numbers, which
# most clients read as binary fractions.
AMOUNT = {"type": "string", "pattern": r"^\d+\.\d{2}$", "examples": ["2500.00"]}


class CampaignOut(Schema):
    title: str
    slug: str
    text: str = Field(description="The newsroom's appeal, plain text.")
    period_name: str = Field(
        description='The period the bar names, as shown ("MARCH 2025").'
    )
    currency: str = Field(description="ISO 4217, e.g. `USD`.")
    goal: str = Field(json_schema_extra=AMOUNT)
    raised: str = Field(
        json_schema_extra=AMOUNT,
        description="Computed from the ledger: donations received in the "
        "counting window, in the campaign's currency, less refunds.",
    )
    percent: int = Field(description="Of the goal, rounded down; may pass 100.")
    reached: bool
    goal_text: str = Field(description='The goal as the site writes money ("$5,000").')
    raised_text: str = Field(
        description="Raised, as the site writes it, in whole units rounded "
        'down ("$550" of 550.75).'
    )
    percent_text: str = Field(description='As the site writes it ("11%", "11 %").')
    scale: list[str] = Field(
        description="The bar's scale as written: 0, half the goal, the goal."
    )
    counts_from: datetime = Field(description="Money received from this time…")
    counts_until: datetime = Field(description="…until (before) this one counts.")
    shows_from: datetime = Field(description="The bar shows from this time…")
    shows_until: datetime = Field(description="…until (before) this one.")
    give_url: str = Field(
        description="Where readers are sent to give: the campaign's own page, "
        "or the site's Support page."
    )


class SupporterOut(Schema):
    name: str
    message: str
    received_at: datetime


class SupportOut(Schema):
    campaign: CampaignOut | None = Field(
        description="The campaign whose bar shows now; null when none runs "
        "(and no bar is shown)."
    )
    supporters: list[SupporterOut] = Field(
        description="The latest donors who asked to be named, newest first."
    )
    support_url: str = Field(description="The site's Support page.")
