// placement.js: where a comment the widget adds goes in the thread.
//
// The server's one depth rule (its `max_depth`, in the thread page; 5 when an
// older server leaves it out): replies nest under their parent down to depth
// max_depth - 1; a reply to a comment at that deepest depth shows beside it,
// flat, marked "@name" with whom it answers. Replies read oldest first at every
// level, so a new one goes at the END of its parent's replies (or of the flat
// run under the deepest comment it descends from). A new top-level comment goes
// on top. insertComment() is used for the reader's own posts, the live stream's
// new comments and the reader's held ones.

import { buildComment, repliesOf } from "./comment-view.js";
import { MESSAGES } from "./messages.js";

export const DEFAULT_MAX_DEPTH = 5;

export function insertComment(host, comment, { parent = comment.parent, scroll = false } = {}) {
  const parentItem = parent === null ? null : host.querySelector(`#comment-${parent}`);
  const deepest = Math.max(1, host.maxDepth || DEFAULT_MAX_DEPTH) - 1;
  const parentComment = parentItem ? host.comments.get(parent) : null;
  const parentDepth = parentComment ? parentComment.depth ?? 0 : 0;
  let item;
  if (!parentItem) {
    comment.depth = 0;
    item = buildComment(host, comment);
    host.refs.list.prepend(item);
  } else if (parentDepth < deepest) {
    comment.depth = parentDepth + 1;
    item = buildComment(host, comment);
    repliesOf(parentItem).append(item);
  } else {
    comment.depth = deepest;
    comment.reply_to = parentComment.is_deleted ? MESSAGES.deletedMark : parentComment.author.name;
    item = buildComment(host, comment);
    endOfFlatRun(host, parentItem).after(item);
  }
  if (!comment.status || comment.status === "published") host.count += 1;
  host.updateTitle();
  if (scroll) item.querySelector(":scope > article").scrollIntoView({ block: "nearest" });
  return item;
}

// The last item shown flat after the deepest-depth comment `item` belongs to.
function endOfFlatRun(host, item) {
  const isFlat = (node) => Boolean(host.comments.get(Number(node.dataset.id))?.reply_to);
  let head = item;
  while (isFlat(head) && head.previousElementSibling) head = head.previousElementSibling;
  let last = head;
  while (last.nextElementSibling && isFlat(last.nextElementSibling)) last = last.nextElementSibling;
  return last;
}
