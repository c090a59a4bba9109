"""The audit log's record of what the intake decided (sent after commit)."""

from django.dispatch import receiver

from parley.discussions.signals import comment_written

from .models import AuditEntry

_ACTIONS = {
    "published": AuditEntry.Action.PUBLISHED,
    "pending": AuditEntry.Action.HELD,
    "rejected": AuditEntry.Action.AUTO_REJECTED,
}


@receiver(comment_written)
def record_intake_decision(sender, comment, decision, **kwargs) -> None:
    """Log every automatic decision: which checks spoke, and their reasons."""
    reasons = [
        f"{verdict.check}: {verdict.reason}"
        for verdict in decision.verdicts
        if verdict.outcome != "pass" and verdict.reason
    ]
    AuditEntry.objects.create(
        comment=comment,
        comment_ref=comment.pk,
        action=_ACTIONS[decision.status],
        reason="; ".join(reasons),
        detail=decision.as_record(),
    )
