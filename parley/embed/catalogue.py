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

# Keys are messages.js's MESSAGES keys, and the English is the same (a test
# compares the two): every word the widget shows is here.
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
    "staff": pgettext_lazy("verb", "Moderate"),
    "approve": _("Approve"),
    "reject": _("Reject"),
    "feature": _("Feature"),
    "unfeature": _("Unfeature"),
    "approved": _("Approved: readers see it."),
    "rejectedDone": _("Rejected: readers no longer see it."),
    "featured": _("Featured."),
    "unfeatured": _("No longer featured."),
    # A moderator's link from a held comment to its item on the desk.
    "desk": pgettext_lazy("the moderation desk", "Desk"),
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
    # %(manage)s is the link "manage your notifications".
    "notifyAccountManage": _("By e-mail to your account's address; %(manage)s."),
    "manageNotifications": _("manage your notifications"),
    "notifyNeedsEmail": _("Please enter your e-mail address to be notified."),
    "notifyEmail": _("Your e-mail address"),
    "notifyMe": _("Notify me"),
    "retryAt": _("You can try again at %(time)s."),
    "invite": _("Would love your thoughts, please comment."),
    "closed": _("This discussion is closed to new comments."),
    "sortLabel": _("Sort comments"),
    "sortBy": _("Sort by"),
    "sortNewest": _("Newest"),
    "sortOldest": _("Oldest"),
    "sortVotes": _("Most Voted"),
    "leaveComment": _("Leave a comment"),
    "replyTo": _("Reply to %(name)s"),
    "commentingAs": _("Commenting as %(name)s."),
    # The server's own sentence (discussions/_form_identity.html), links and
    # all: the widget makes a link of each <a>, in order.
    "account": _(
        'Have an account? <a href="%(sign_in_url)s?next=%(back)s">Sign in</a>, '
        'or <a href="%(sign_up_url)s?next=%(back)s">create one</a> to comment '
        "under your name."
    ),
    "bodyLabel": _("Comment"),
    "nameLabel": _("Name"),
    "emailLabel": _("E-mail (optional, never shown)"),
    "websiteLabel": _("Website (optional)"),
    "markdownHint": _(
        "Markdown: *emphasis*, **strong**, [links](https://…), > quotes, `code`, lists."
    ),
    "postComment": _("Post comment"),
    "cancel": _("Cancel"),
    "remember": _("Keep my details in this browser for the next time I comment."),
    "emptyBody": _("Please enter your comment!"),
    "missingName": _("Please enter your name here"),
    "editLabel": _("Edit your comment"),
    "save": _("Save"),
    "commentBy": _("Comment by %(name)s"),
    "deletedMark": _("[deleted]"),
    "staffBadge": pgettext_lazy("badge", "Staff"),
    "editedMark": _("(edited)"),
    "voteUp": _("Vote up"),
    "voteDown": _("Vote down"),
    "score": _("Score"),
    "reply": _("Reply"),
    "edit": _("Edit"),
    "delete": _("Delete"),
    "reallyDelete": _("Really delete?"),
    "editableSoon": _("Editable for less than a minute"),
    "viewAll": _("View all comments"),
    "loadMore": _("Load more comments"),
    "toTop": _("Back to the top of the discussion"),
    "toForm": _("Write a comment"),
    "posted": _("Comment posted"),
    "replied": _("Reply posted"),
    "edited": _("Edit saved"),
    "deleted": _("Comment deleted"),
    # %(sort)s is the sort's name ("Newest").
    "sorted": _("Sorted by %(sort)s."),
    "unreachable": _("The discussion can't be reached right now. Please try again."),
    "requestFailed": _("Request failed (%(status)s)."),
    "somethingWrong": _("Something went wrong (%(status)s)."),
    # The report reasons, by value.
    "reason_spam": _("Spam"),
    "reason_abuse": _("Abuse"),
    "reason_off_topic": _("Off topic"),
    "reason_other": pgettext_lazy("report reason", "Other"),
}

# Sentences that depend on a number, as a function of that number (messages.js's
# PLURALS, [one, other] in English).
PLURALS: dict[str, Callable[[int], str]] = {
    "comments": lambda count: ngettext(
        "%(count)s comment", "%(count)s comments", count
    ),
    "newComments": lambda count: ngettext(
        "%(count)s new comment — show", "%(count)s new comments — show", count
    ),
    "passageLabel": lambda count: ngettext(
        "%(count)s comment on this passage", "%(count)s comments on this passage", count
    ),
    "shownOf": lambda count: ngettext(
        "Showing %(shown)s of %(count)s comment",
        "Showing %(shown)s of %(count)s comments",
        count,
    ),
    "loaded": lambda count: ngettext(
        "%(count)s more comment loaded.", "%(count)s more comments loaded.", count
    ),
    "editableFor": lambda count: ngettext(
        "Editable for %(count)s more minute",
        "Editable for %(count)s more minutes",
        count,
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
