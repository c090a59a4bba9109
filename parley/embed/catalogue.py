"""
The widget's words, from the server's translation catalogue.

The widget (static/parley/messages.js) keeps English words as its fallback and,
before it first draws, asks GET /api/v1/widget/messages for them in its
language: one catalogue for the site and the widget, translated once. Plural
sentences go as one string per CLDR plural category of the language ("one",
"few", "other", …), so the widget picks with Intl.PluralRules and never
restates a language's plural rule in JavaScript. Placeholders are Python's
named ones ("%(count)s"), which the widget fills in.
"""

from collections.abc import Callable

from babel import Locale
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

# Keys are messages.js's MESSAGES keys. Words the widget's other modules still
# hold inline move here as they are marked (docs/operations.md, Translations).
MESSAGES = {
    "honeypot": _("Leave this field empty"),
    "guidelines": _("Community guidelines"),
    "held": _("Awaiting moderation"),
    "heldHint": _("Only you can see it until a moderator approves it."),
    "heldForModerator": _("Held for review: readers don't see it."),
    "rejected": pgettext_lazy("comment state", "Rejected"),
    "supporter": _("Supporter"),
    "editIt": _("Edit it"),
    "postForReview": _("Post it for review"),
    "report": pgettext_lazy("verb", "Report"),
    "reportLegend": _("Why should a moderator look at this comment?"),
    "reportNote": _("Note (needed for Other)"),
    "reportSend": _("Send report"),
    "reportChoose": _("Please choose a reason."),
    "reportThanks": _("Thanks, a moderator will look at it."),
    # The report reasons, by value (messages.js's MESSAGES.reasons).
    "reason_spam": _("Spam"),
    "reason_abuse": _("Abuse"),
    "reason_off_topic": _("Off topic"),
    "reason_other": pgettext_lazy("report reason", "Other"),
    "staff": pgettext_lazy("verb", "Moderate"),
    "approve": _("Approve"),
    "reject": _("Reject"),
    "feature": _("Feature"),
    "unfeature": _("Unfeature"),
    "approved": _("Approved: readers see it."),
    "rejectedDone": _("Rejected: readers no longer see it."),
    "featured": _("Featured."),
    "unfeatured": _("No longer featured."),
    "inlineFeedbacks": _("Inline Feedbacks"),
    "commentOnPassage": _("Comment on this passage"),
    "commentsOnPassage": _("Comments on this passage"),
    "wholeArticle": _("Comment on the whole article"),
    "allComments": _("All comments"),
    "passageQuoted": _("The passage commented on"),
    "earlierVersion": _("on an earlier version of this article"),
    "notifyLegend": _("Notify of"),
    "notifyThread": _("new follow-up comments"),
    "notifyReplies": _("new replies to my comments"),
    "notifyComment": _("Notify of new replies to this comment"),
    "notifyGuestHint": _("By e-mail to the address above, once you confirm it."),
    "notifyAccountHint": _("By e-mail to your account's address."),
    "notifyNeedsEmail": _("Please enter your e-mail address to be notified."),
    "notifyEmail": _("Your e-mail address"),
    "notifyMe": _("Notify me"),
    "retryAt": _("You can try again at %(time)s."),
}

# Sentences that depend on a number, as a function of that number.
PLURALS: dict[str, Callable[[int], str]] = {
    "newComments": lambda count: ngettext(
        "%(count)s new comment — show", "%(count)s new comments — show", count
    ),
    "passageLabel": lambda count: ngettext(
        "%(count)s comment on this passage", "%(count)s comments on this passage", count
    ),
    "retrySeconds": lambda count: ngettext(
        "You can try again in %(count)s second.",
        "You can try again in %(count)s seconds.",
        count,
    ),
    "retryMinutes": lambda count: ngettext(
        "You can try again in %(count)s minute.",
        "You can try again in %(count)s minutes.",
        count,
    ),
}

# Numbers to find one example of each plural category among: CLDR's "many" of
# French and Spanish starts at a million.
SAMPLE_NUMBERS = (*range(201), 1_000, 10_000, 100_000, 1_000_000)


def plural_examples(language: str) -> dict[str, int]:
    """Return a number of each CLDR plural category of this language, by category."""
    locale = Locale.parse(language, sep="-")
    examples: dict[str, int] = {}
    for number in SAMPLE_NUMBERS:
        examples.setdefault(locale.plural_form(number), number)
    return examples


def widget_messages(language: str) -> dict:
    """Return the widget's words in the active language (which is `language`):
    each message as a string, each plural message as a string per category."""
    examples = plural_examples(language)
    return {
        "messages": {key: str(text) for key, text in MESSAGES.items()},
        "plurals": {
            key: {category: sentence(number) for category, number in examples.items()}
            for key, sentence in PLURALS.items()
        },
    }
