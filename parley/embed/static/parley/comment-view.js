// comment-view.js: one comment (and its replies) as a list item.
//
// buildComment(host, comment) clones the comment template and fills it;
// fillComment and fillVotes refresh an item after an edit, a delete or a vote.
// The host is the <parley-comments> element: these read its `comments` map
// (filled here), `store` (own votes, edit tokens), `closed`, its upvotes-only
// and moderator attributes, and hand clicks on a comment's buttons to
// `host.onAction`. A comment whose `status` is "pending" (or "rejected", seen by
// moderators) is marked as awaiting moderation; its author's own (`mine`, or
// one this browser holds an edit token for) carry no Report control.

import { dateFormatter, formatDate } from "./dates.js";
import { showEditWindow } from "./edit-window.js";
import { showQuote } from "./inline-feedback.js";
import { MESSAGES, number, say } from "./messages.js";
import { showDeskLink } from "./moderation.js";
import { clone, commentTemplate } from "./templates.js";

// The <ol> of replies under an item, created on first use.
export function repliesOf(item) {
  let replies = item.querySelector(":scope > .comments--replies");
  if (!replies) {
    replies = document.createElement("ol");
    replies.className = "comments comments--replies";
    item.append(replies);
  }
  return replies;
}

export function buildComment(host, comment) {
  host.comments.set(comment.id, comment);
  const item = clone(commentTemplate).firstElementChild;
  item.id = `comment-${comment.id}`;
  item.classList.add(`depth-${comment.depth}`);
  item.dataset.id = comment.id;
  fillComment(host, item, comment);
  if (comment.replies.length) {
    const replies = repliesOf(item);
    for (const reply of comment.replies) replies.append(buildComment(host, reply));
  }
  return item;
}

export function fillComment(host, item, comment) {
  const part = (selector) => item.querySelector(`:scope > article ${selector}`);
  const article = item.querySelector(":scope > article");
  const author = part(".comment__author");
  const body = part(".comment__body");
  if (comment.is_deleted) {
    showEditWindow(host, item, comment, false);
    // A form open on it (a reply being written) stays, focus and all.
    for (const child of [...article.children]) if (!child.matches("form")) child.remove();
    article.prepend(Object.assign(document.createElement("p"), {
      className: "comment__deleted",
      textContent: MESSAGES.deletedMark,
    }));
    return;
  }
  if (comment.author.website) {
    const link = document.createElement("a");
    link.href = comment.author.website;
    link.rel = "nofollow ugc noopener";
    link.textContent = comment.author.name;
    author.replaceChildren(link);
  } else {
    author.textContent = comment.author.name;
  }
  article.setAttribute("aria-label", say("commentBy", { name: comment.author.name }));
  part("[data-ref=staff-badge]").hidden = !comment.author.is_staff;
  part("[data-ref=supporter-badge]").hidden = !comment.author.is_supporter;
  const time = part("time");
  time.dateTime = comment.created_at;
  host.dateFormat ||= dateFormatter();
  time.textContent = formatDate(host.dateFormat, comment.created_at);
  part(".comment__time").href = `#comment-${comment.id}`;
  part(".comment__edited").hidden = !comment.edited_at;
  // body_html was rendered from a Markdown subset and sanitized by the server.
  body.innerHTML = comment.body_html;
  showQuote(host, item, comment); // inline feedback: the passage it is on
  if (comment.reply_to) {
    const marker = document.createElement("span");
    marker.className = "comment__reply-to";
    marker.textContent = `@${comment.reply_to}`;
    body.prepend(marker);
  }
  fillVotes(host, item, comment);
  const mine = Boolean(comment.mine || host.store.editToken(comment.id));
  const held = fillHeld(item, comment, mine);
  showDeskLink(host, item, comment, held && !mine);
  showEditWindow(host, item, comment, mine); // Edit, Delete and the time left
  part("[data-action=reply]").hidden = host.closed || held;
  part("[data-action=notify]").hidden = host.closed || held; // no replies to come
  part(".votes").hidden = held;
  part(".report").hidden = mine || held;
  part(".staff").hidden = !host.hasAttribute("moderator");
  part(".comment__actions").onclick = (event) => host.onAction(event, item, comment);
}

// Mark a comment readers don't see yet; return true if it is one.
function fillHeld(item, comment, mine) {
  const held = comment.status === "pending" || comment.status === "rejected";
  item.classList.toggle("comment--held", held);
  const badge = item.querySelector(":scope > article [data-ref=held]");
  badge.hidden = !held;
  badge.textContent = comment.status === "rejected" ? MESSAGES.rejected : MESSAGES.held;
  const hint = item.querySelector(":scope > article [data-ref=held-hint]");
  hint.hidden = !held;
  hint.textContent = mine ? MESSAGES.heldHint : MESSAGES.heldForModerator;
  return held;
}

export function fillVotes(host, item, comment) {
  const score = item.querySelector(":scope > article .votes__score");
  if (!score) return; // a "[deleted]" placeholder
  const myVote = host.store.read("votes")[comment.id] || 0;
  score.textContent = number(comment.score);
  const [up, down] = item.querySelectorAll(":scope > article [data-vote]");
  up.setAttribute("aria-pressed", String(myVote === 1));
  down.setAttribute("aria-pressed", String(myVote === -1));
  down.hidden = host.hasAttribute("upvotes-only");
}

// Say what went wrong with a comment beside it (an edit or a delete refused, a
// vote not counted), not at the top of the thread; null clears it.
export function showCommentError(item, message) {
  const slot = item.querySelector(":scope > article [data-ref=error]");
  if (slot) slot.textContent = message || "";
}
