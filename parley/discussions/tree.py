"""The thread as shown: replies nested under their parents down to the display
cap, flat below it."""

from dataclasses import dataclass, field

from . import conf
from .models import Comment


@dataclass
class CommentNode:
    """A comment as shown: its display depth and, if shown flat, whom it answers."""

    comment: Comment
    display_depth: int
    reply_to: str | None = None
    replies: list["CommentNode"] = field(default_factory=list)


def sort_key(sort: str):
    if sort == "oldest":
        return lambda c: (c.created_at, c.pk)
    if sort == "votes":
        return lambda c: (-c.score, -c.created_at.timestamp(), -c.pk)
    return lambda c: (-c.created_at.timestamp(), -c.pk)


def build_tree(
    roots: list[Comment], replies: list[Comment], sort: str
) -> list[CommentNode]:
    """
    Nest replies under their parents: the top level in the sort's order,
    replies oldest first at every level whatever the sort (a conversation reads
    in the order it was written).

    Nesting stops at the display cap: below a comment at the deepest level, its
    whole subtree follows it flat, at the same level, each reply marked with the
    name it answers ("@name"). The real parent is kept in the data.
    """
    deepest = conf.max_display_depth() - 1
    by_id = {c.pk: c for c in [*roots, *replies]}
    children: dict[int, list[Comment]] = {}
    for reply in replies:
        children.setdefault(reply.parent_id, []).append(reply)
    key, in_turn = sort_key(sort), sort_key("oldest")

    def descendants(comment: Comment) -> list[Comment]:
        found, stack = [], list(children.get(comment.pk, []))
        while stack:
            descendant = stack.pop()
            found.append(descendant)
            stack.extend(children.get(descendant.pk, []))
        return found

    def nodes(comment: Comment, depth: int) -> list[CommentNode]:
        node = CommentNode(comment=comment, display_depth=depth)
        if depth < deepest:
            for kid in sorted(children.get(comment.pk, []), key=in_turn):
                node.replies.extend(nodes(kid, depth + 1))
            return [node]
        flat = [
            CommentNode(
                comment=descendant,
                display_depth=depth,
                reply_to=shown_name(by_id[descendant.parent_id]),
            )
            for descendant in sorted(descendants(comment), key=in_turn)
        ]
        return [node, *flat]

    return [node for root in sorted(roots, key=key) for node in nodes(root, 0)]


def shown_name(comment: Comment) -> str:
    """Return the name a reply shown flat answers ("@name")."""
    return comment.author_name if comment.is_published else "[deleted]"
