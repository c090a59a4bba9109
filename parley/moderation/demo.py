"""
Demo moderation work, so the desk has something to show on a fresh `make run`:
word lists, comments the real intake held (the model's scores and spans
included), a no-JS post waiting for review, and reports on a published comment.
"""

from django.conf import settings
from django.test.utils import override_settings

from parley.discussions import actions as discussion_actions
from parley.discussions.intake import IntakeContext
from parley.discussions.models import Comment, Thread

from . import actions
from .models import AuditEntry, WordRule

WORD_RULES = [
    ("banned", "subhuman*", "Dehumanising"),
    ("banned", "vermin", "Dehumanising"),
    ("suspect", "traitor*", "Often an insult of other commenters"),
    ("suspect", "go back where * came from", "Anti-migrant trope"),
    ("suspect", "globalist*", "Often a coded antisemitic trope"),
]

HELD = [
    ("Anyone who still believes the ministry is a brainless sheep.", "Marta K."),
    ("People like you should be driven out of this town for good.", "truth_teller"),
    (
        "Nice house you have there on Harbour Road. Would be a shame if something "
        "happened to it.",
        "Watcher",
    ),
    ("They breed like rats and the council just hands them our flats.", "Local Lad"),
]


def load_moderation_demo() -> int:
    """Add the demo's moderation work once; return how many comments it wrote."""
    if AuditEntry.objects.exists() or not Thread.objects.exists():
        return 0
    for kind, pattern, note in WORD_RULES:
        WordRule.objects.get_or_create(kind=kind, pattern=pattern, note=note)
    threads = list(
        Thread.objects.filter(comment_count__gt=0, is_closed=False).order_by("-pk")[:3]
    )
    content_checks = [
        path for path in settings.PARLEY_INTAKE_CHECKS if ".moderation." in path
    ]
    written = 0
    # The bot checks judge a browser, and this is a script: only the content
    # checks (the model included) decide, as they would for a reader.
    with override_settings(PARLEY_INTAKE_CHECKS=content_checks):
        for n, (body, name) in enumerate(HELD):
            discussion_actions.post_comment(
                threads[n % len(threads)],
                author=discussion_actions.CommentAuthor(name=name),
                body=body,
                context=IntakeContext(identity=f"a:demo-{n}", post_anyway=True),
            )
            written += 1
    # A post from the no-JS form: no proof of work is possible, so it is held.
    with override_settings(
        PARLEY_INTAKE_CHECKS=[
            "parley.protection.checks.ChallengeCheck",
            *content_checks,
        ]
    ):
        discussion_actions.post_comment(
            threads[0],
            author=discussion_actions.CommentAuthor(name="Old Browser"),
            body="Posted from a library computer without JavaScript: the ferry "
            "timetable in the print edition was different from this one.",
            context=IntakeContext(identity="a:demo-nojs", channel="form"),
        )
    written += 1
    reported = (
        Comment.objects.filter(thread=threads[0], status="published")
        .order_by("-created_at")
        .first()
    )
    if reported is not None:
        for n, reason in enumerate(["abuse", "off_topic"]):
            actions.report_comment(
                reported, reporter=f"a:demo-reporter-{n}", reason=reason
            )
    return written
