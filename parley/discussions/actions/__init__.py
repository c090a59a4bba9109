"""
Every write to a discussion: pages, the API, the admin, commands and the
moderation desk all come through here. One module per concept: threads,
comments (posting and editing) with inputs (what the reader typed, cleaned),
states (moderation and deletion), votes, subscriptions ("Notify of"),
supporters (the "Supporter" badge's choice).
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
from .subscriptions import (
    ACCOUNT_ANSWER,
    GUEST_ANSWER,
    Subscriber,
    confirm_subscriptions,
    end_subscriptions,
    forget_unconfirmed,
    save_defaults,
    set_delivery,
    subscribe,
)
from .supporters import choose_supporter_badge, touch_threads_of
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
    "ACCOUNT_ANSWER",
    "GUEST_ANSWER",
    "CommentAuthor",
    "CommentDraft",
    "IntakeContext",
    "Subscriber",
    "ThreadPage",
    "VoteResult",
    "cast_vote",
    "check_comment",
    "choose_supporter_badge",
    "confirm_subscriptions",
    "delete_comment",
    "edit_comment",
    "end_subscriptions",
    "feature_comment",
    "forget_unconfirmed",
    "get_or_create_thread",
    "is_reserved_key",
    "keep_thread",
    "post_comment",
    "save_defaults",
    "set_comment_status",
    "set_delivery",
    "subscribe",
    "touch_thread",
    "touch_threads_of",
    "validate_thread_key",
    "write_comment",
]
