"""What the widget's catalogue route answers."""

from typing import Literal

from ninja import Field, Schema


class WidgetMessagesOut(Schema):
    language: str = Field(description='The language the words are in, e.g. "de".')
    direction: Literal["ltr", "rtl"]
    messages: dict[str, str] = Field(
        description="Each of the widget's words by its key (messages.js)."
    )
    plurals: dict[str, dict[str, str]] = Field(
        description=(
            "Each sentence that depends on a number, as one string per CLDR "
            "plural category of the language (pick with Intl.PluralRules); "
            "%(count)s stands for the number."
        )
    )
