"""The public fields of a comment, as the API's routes and the live stream give
them: an explicit allow-list, never the e-mail address or the raw Markdown."""

from parley.discussions import queries, supporters
from parley.discussions.models import Comment
from parley.discussions.tree import CommentNode


def comment_out(comment: Comment, depth: int = 0, reply_to: str | None = None) -> dict:
    """Return the public fields of a comment: never the e-mail or the raw Markdown."""
    deleted = comment.is_placeholder
    return {
        "id": comment.pk,
        "parent": comment.parent_id,
        "reply_to": reply_to,
        "depth": depth,
        "author": {
            "name": "" if deleted else comment.author_name,
            "website": "" if deleted else comment.author_website,
            "is_staff": comment.author_is_staff and not deleted,
            "is_supporter": not deleted and supporters.shows_badge(comment),
        },
        "body_html": "" if deleted else comment.body_html,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
        "editable_until": queries.editable_until(comment),
        "score": comment.score,
        "upvotes": comment.upvotes,
        "downvotes": comment.downvotes,
        "is_deleted": deleted,
        "quote": None if deleted or not comment.quote else comment.quote.as_dict(),
        "replies": [],
    }


def shown_out(comment: Comment) -> dict:
    """Return one comment as a thread page would show it: at its display depth,
    and marked with whom it answers when shown flat (tree.build_tree's rule)."""
    return comment_out(
        comment, queries.display_depth(comment), queries.display_reply_to(comment)
    )


def node_out(node: CommentNode) -> dict:
    out = comment_out(node.comment, node.display_depth, node.reply_to)
    out["replies"] = [node_out(reply) for reply in node.replies]
    return out
