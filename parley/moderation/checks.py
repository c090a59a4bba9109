"""
The moderation app's intake checks (listed in PARLEY_INTAKE_CHECKS): who the
author is, the thread's rules, the newsroom's word lists and content rules, and
the toxicity score. Each returns a Verdict with a sentence for moderators.
"""

import re
from datetime import timedelta
from functools import cache

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parley.core.text import fold_for_matching
from parley.discussions.intake import Outcome, Submission, Verdict
from parley.discussions.models import Comment

from . import conf
from .models import AuthorStanding, Ban, WordRule, author_keys

SECOND_LOOK = gettext_lazy(
    "This comment may break our community guidelines. Edit it, or post it for review."
)
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


def submission_author_keys(submission: Submission) -> list[str]:
    return author_keys(
        user_id=submission.user.pk if submission.user is not None else None,
        identity=submission.identity,
        email=submission.author_email,
    )


class AuthorStandingCheck:
    """Banned authors are refused; pre-moderated ones held; trusted ones noted."""

    name = "author_standing"

    def check(self, submission: Submission) -> Verdict | None:
        ban = self._ban(submission)
        if ban is not None:
            return Verdict(
                self.name,
                Outcome.REFUSE,
                _(
                    "You can't comment here. If you think this is a mistake, "
                    "please contact us."
                ),
                field="author",
                status=403,
                code="banned",
                detail={"ban": ban.pk, "kind": ban.kind},
            )
        standings = dict(
            AuthorStanding.objects.filter(
                author__in=submission_author_keys(submission)
            ).values_list("author", "standing")
        )
        if AuthorStanding.Standing.PREMODERATED in standings.values():
            return Verdict(self.name, Outcome.HOLD, "The author is pre-moderated.")
        if AuthorStanding.Standing.TRUSTED in standings.values():
            return Verdict(
                self.name, Outcome.PASS, "Trusted author.", detail={"trusted": True}
            )
        return None

    @staticmethod
    def _ban(submission: Submission) -> Ban | None:
        matches = Q()
        if submission.user is not None:
            matches |= Q(kind=Ban.Kind.USER, value=str(submission.user.pk))
        if submission.identity:
            matches |= Q(kind=Ban.Kind.READER, value=submission.identity)
        if submission.author_email:
            matches |= Q(kind=Ban.Kind.EMAIL, value=submission.author_email.lower())
        if submission.address_hash:
            matches |= Q(kind=Ban.Kind.ADDRESS, value=submission.address_hash)
        if not matches:
            return None
        return Ban.objects.in_force().filter(matches).first()


def _is_trusted(submission: Submission) -> bool:
    return AuthorStanding.objects.filter(
        author__in=submission_author_keys(submission),
        standing=AuthorStanding.Standing.TRUSTED,
    ).exists()


class ThreadPolicyCheck:
    """The thread's and the site's pre-moderation: a thread that holds every
    comment, and a new commenter's first comments."""

    name = "thread_policy"

    def check(self, submission: Submission) -> Verdict | None:
        thread = submission.thread
        if thread is not None and thread.premoderate:
            return Verdict(
                self.name,
                Outcome.HOLD,
                "Every comment here is reviewed.",
                notice=_("Every comment in this discussion is reviewed first."),
            )
        first = conf.premoderate_first()
        if not first or submission.is_edit or _is_trusted(submission):
            return None
        if submission.user is not None and submission.user.is_staff:
            return None
        published = self._published_count(submission, first)
        if published < first:
            return Verdict(
                self.name,
                Outcome.HOLD,
                f"A new commenter: {published} published comment(s) so far; "
                f"the first {first} are reviewed.",
                notice=_("A new commenter's first comments are reviewed first."),
            )
        return None

    @staticmethod
    def _published_count(submission: Submission, limit: int) -> int:
        mine = Q()
        if submission.user is not None:
            mine |= Q(user=submission.user)
        if submission.identity:
            mine |= Q(author_key=submission.identity)
        if submission.author_email:
            mine |= Q(author_email__iexact=submission.author_email)
        if not mine:
            return 0
        return Comment.objects.filter(mine, status="published")[:limit].count()


@cache
def _compiled(rules: tuple[tuple[str, str], ...]) -> list[tuple[str, str, re.Pattern]]:
    compiled = []
    for kind, pattern in rules:
        folded = fold_for_matching(pattern.strip())
        if not folded:
            continue
        wildcard = folded.endswith("*")
        words = folded.rstrip("*").split()
        body = r"\W+".join(re.escape(word) for word in words)
        tail = r"\w*" if wildcard else ""
        compiled.append((kind, pattern, re.compile(rf"(?<!\w){body}{tail}(?!\w)")))
    return compiled


def word_rules() -> list[tuple[str, str, re.Pattern]]:
    rules = tuple(WordRule.objects.order_by("pk").values_list("kind", "pattern"))
    return _compiled(rules)


class ContentRulesCheck:
    """The newsroom's word lists, too many links, and one text pasted across
    threads: banned words reject, the rest hold."""

    name = "content_rules"

    def check(self, submission: Submission) -> Verdict | None:
        folded = fold_for_matching(submission.body)
        banned, suspect = [], []
        for kind, pattern, regex in word_rules():
            if regex.search(folded):
                (banned if kind == WordRule.Kind.BANNED else suspect).append(pattern)
        if banned:
            return Verdict(
                self.name,
                Outcome.REJECT,
                "Contains banned words: " + ", ".join(banned),
                detail={"banned": banned, "suspect": suspect},
            )
        reasons, detail = [], {}
        if suspect:
            reasons.append("Contains watched words: " + ", ".join(suspect))
            detail["suspect"] = suspect
        links = len(LINK.findall(submission.body))
        if links > conf.max_links():
            reasons.append(f"{links} links (more than {conf.max_links()}).")
            detail["links"] = links
        if not submission.is_edit and self._posted_elsewhere(submission):
            reasons.append("The same text was posted in another discussion.")
            detail["duplicate"] = True
        if reasons:
            return Verdict(self.name, Outcome.HOLD, " ".join(reasons), detail=detail)
        return None

    @staticmethod
    def _posted_elsewhere(submission: Submission) -> bool:
        if len(submission.body) < 20:
            return False  # "Agreed." is not spam
        since = timezone.now() - timedelta(hours=conf.duplicate_window_hours())
        same = Comment.objects.filter(
            body_markdown=submission.body, created_at__gte=since
        )
        if submission.thread is not None:
            same = same.exclude(thread=submission.thread)
        return same.exists()


class ToxicityCheck:
    """
    Score the text with the configured scorer. Over the hold threshold, the
    author first gets a second look (a refusal the widget and the form show,
    with the sentence); posted anyway, the comment is held. Over the reject
    threshold (off by default) it is rejected.
    """

    name = "toxicity"

    def check(self, submission: Submission) -> Verdict | None:
        from .scoring import get_scorer, hold_threshold, reject_threshold

        scores = get_scorer().score([submission.body])[0]
        value = round(float(scores.toxicity), 4)
        detail = {
            "attributes": {k: round(float(v), 4) for k, v in scores.attributes.items()},
            "spans": [
                {
                    "start": span.start,
                    "end": span.end,
                    "attribute": span.attribute,
                    "weight": round(float(span.weight), 4),
                }
                for span in scores.spans
            ],
        }
        reject_at = reject_threshold()
        if reject_at is not None and value >= reject_at:
            return Verdict(
                self.name,
                Outcome.REJECT,
                f"Toxicity {value:.2f} is over the reject threshold {reject_at:.2f}.",
                score=value,
                detail=detail,
            )
        hold_at = hold_threshold()
        if value >= hold_at:
            if not submission.post_anyway:
                return Verdict(
                    self.name,
                    Outcome.REFUSE,
                    str(SECOND_LOOK),
                    score=value,
                    detail=detail,
                    field="body",
                    status=422,
                    code="second_look",
                )
            return Verdict(
                self.name,
                Outcome.HOLD,
                f"Toxicity {value:.2f} is over the hold threshold {hold_at:.2f}; "
                "the author posted it for review.",
                score=value,
                detail=detail,
            )
        return Verdict(self.name, Outcome.PASS, "", score=value, detail=detail)
