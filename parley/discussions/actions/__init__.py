"""
Every write to a discussion: pages, the API, the admin, commands and the
moderation desk all come through here. One module per concept: threads,
comments (posting and editing), states (moderation and deletion), votes.
"""

from ..intake import IntakeContext
from .comments import (
    CommentAuthor,
    CommentDraft,
    check_comment,
    edit_comment,
    post_comment,
    write_comment,
)
from .states import delete_comment, feature_comment, set_comment_status
from .threads import (
    ThreadPage,
    get_or_create_thread,
    is_reserved_key,
    keep_thread,
    touch_thread,
    validate_thread_key,
)
from .votes import VoteResult, cast_vote

__all__ = [
    "CommentAuthor",
    "CommentDraft",
    "IntakeContext",
    "ThreadPage",
    "VoteResult",
    "cast_vote",
    "check_comment",
    "delete_comment",
    "edit_comment",
    "feature_comment",
    "get_or_create_thread",
    "is_reserved_key",
    "keep_thread",
    "post_comment",
    "set_comment_status",
    "touch_thread",
    "validate_thread_key",
    "write_comment",
]
