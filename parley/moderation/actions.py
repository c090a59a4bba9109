"""
Every moderation write: the desk, the thread's staff controls, the API and the
admin all come through here, and each records its audit entry in the same
transaction as the change it logs.
"""

from datetime import timedelta

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from parley.core.db import write_transaction
from parley.discussions import actions as discussion_actions
from parley.discussions.errors import DiscussionError
from parley.discussions.models import Comment

from . import conf
from .models import AuditEntry, AuthorStanding, Ban, Report, author_keys

Action = AuditEntry.Action


def _log(action: str, *, by, comment: Comment | None = None, reason="", **detail):
    return AuditEntry.objects.create(
        comment=comment,
        comment_ref=comment.pk if comment is not None else None,
        actor=by,
        action=action,
        reason=reason,
        detail=detail,
    )


def approve_comment(comment: Comment, *, by) -> Comment:
    """Publish a held (or rejected) comment; readers see it on the next request."""
    with write_transaction():
        comment = discussion_actions.set_comment_status(comment, "published")
        Report.objects.filter(comment=comment, resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
        _log(Action.APPROVED, by=by, comment=comment)
    return comment


def reject_comment(comment: Comment, *, by, reason: str = "") -> Comment:
    """Take a comment away from readers, keeping it (and why) for the record."""
    with write_transaction():
        comment = discussion_actions.set_comment_status(comment, "rejected")
        Report.objects.filter(comment=comment, resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
        _log(Action.REJECTED, by=by, comment=comment, reason=reason)
    return comment


def delete_comment(comment: Comment, *, by, reason: str = "") -> None:
    with write_transaction():
        _log(
            Action.DELETED,
            by=by,
            comment=comment,
            reason=reason,
            body=comment.body_markdown[:2000],
            author=comment.author_name,
        )
        discussion_actions.delete_comment(comment)


def feature_comment(comment: Comment, *, by, featured: bool = True) -> None:
    with write_transaction():
        discussion_actions.feature_comment(comment, featured=featured)
        _log(Action.FEATURED if featured else Action.UNFEATURED, by=by, comment=comment)


def set_author_standing(comment: Comment, standing: str | None, *, by) -> None:
    """Trust or pre-moderate the author of this comment (None clears it)."""
    keys = author_keys(
        user_id=comment.user_id,
        identity=comment.author_key,
        email=comment.author_email,
    )
    if not keys:
        raise DiscussionError.single(
            "author", _("This comment's author left nothing to recognise them by.")
        )
    with write_transaction():
        for key in keys:
            if standing is None:
                AuthorStanding.objects.filter(author=key).delete()
            else:
                AuthorStanding.objects.update_or_create(
                    author=key,
                    defaults={
                        "standing": standing,
                        "set_by": by,
                        "updated_at": timezone.now(),
                    },
                )
        action = {
            "trusted": Action.TRUSTED,
            "premoderated": Action.PREMODERATED,
            None: Action.STANDING_CLEARED,
        }[standing]
        _log(action, by=by, comment=comment, authors=keys)


def ban_author(
    comment: Comment,
    *,
    by,
    kinds: list[str],
    days: int | None = None,
    reason: str = "",
) -> list[Ban]:
    """
    Ban the author of this comment by account, e-mail and/or address hash, for
    some days or for good (days=None). Their comment is rejected with it.
    """
    until = timezone.now() + timedelta(days=days) if days else None
    values = {
        Ban.Kind.USER: str(comment.user_id) if comment.user_id else "",
        Ban.Kind.EMAIL: comment.author_email.lower(),
        Ban.Kind.ADDRESS: (comment.intake or {}).get("address_hash", ""),
        Ban.Kind.READER: comment.author_key if not comment.user_id else "",
    }
    chosen = [(kind, values.get(kind, "")) for kind in kinds]
    if not any(value for _kind, value in chosen):
        raise DiscussionError.single(
            "kinds",
            _("This author can't be banned that way: nothing to match them by."),
        )
    with write_transaction():
        bans = [
            Ban.objects.create(
                kind=kind, value=value, until=until, reason=reason, created_by=by
            )
            for kind, value in chosen
            if value
        ]
        if not comment.is_deleted and comment.status != "rejected":
            discussion_actions.set_comment_status(comment, "rejected")
        _log(
            Action.BANNED,
            by=by,
            comment=comment,
            reason=reason,
            kinds=[ban.kind for ban in bans],
            until=until.isoformat() if until else None,
        )
    return bans


def lift_ban(ban: Ban, *, by) -> None:
    with write_transaction():
        Ban.objects.filter(pk=ban.pk, lifted_at__isnull=True).update(
            lifted_at=timezone.now()
        )
        _log(Action.UNBANNED, by=by, reason=f"{ban.get_kind_display()} ban lifted")


def report_comment(
    comment: Comment, *, reporter: str, reason: str, note: str = ""
) -> bool:
    """
    Record a reader's report; return False if they had reported it already.
    Enough open reports hold a published comment no moderator has cleared.
    """
    if reason not in Report.Reason.values:
        raise DiscussionError.single(
            "reason", _("Choose spam, abuse, off topic or other.")
        )
    note = (note or "").strip()
    if reason == Report.Reason.OTHER and not note:
        raise DiscussionError.single("note", _("Please tell us what is wrong."))
    if len(note) > 500:
        raise DiscussionError.single(
            "note", _("Please keep the note to 500 characters.")
        )
    try:
        with write_transaction():
            Report.objects.create(
                comment=comment, reporter=reporter, reason=reason, note=note
            )
            _log(Action.REPORTED, by=None, comment=comment, reason=reason, note=note)
            open_reports = Report.objects.filter(
                comment=comment, resolved_at__isnull=True
            ).count()
            if (
                open_reports >= conf.reports_to_hold()
                and comment.is_published
                and comment.reviewed_at is None
            ):
                discussion_actions.set_comment_status(
                    comment, "pending", reviewed=False
                )
                _log(
                    Action.HELD_BY_REPORTS,
                    by=None,
                    comment=comment,
                    reason=f"{open_reports} reports",
                )
    except IntegrityError:
        return False
    return True
