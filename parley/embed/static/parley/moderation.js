// moderation.js: the staff controls a moderator sees on each comment.
//
// With the element's `moderator` attribute (the site's own article pages set it
// for readers with the discussions.moderate_comment permission) each comment
// shows Approve, Reject and Feature. moderate(host, item, comment, action)
// calls POST {api}/moderation/comments/{id}/{action} (same origin, with the
// session; the server answers 403 to anyone else), then shows the
// comment's new state in place; a held comment links its item on the desk
// (showDeskLink). The host is the <parley-comments> element.

import { fillComment } from "./comment-view.js";
import { emit } from "./events.js";
import { MESSAGES } from "./messages.js";

// What each action did, as the key of its sentence (read when said: the words
// arrive from the catalogue after this module is imported).
const DONE = {
  approve: "approved",
  reject: "rejectedDone",
  feature: "featured",
  unfeature: "unfeatured",
};

// A held comment, for a moderator: the way to its item on the moderation desk.
export function showDeskLink(host, item, comment, held) {
  const slot = item.querySelector(":scope > article [data-ref=desk]");
  slot.hidden = !(held && host.hasAttribute("moderator"));
  if (slot.hidden) return;
  slot.querySelector("a").href = new URL(`/moderate/comments/${comment.id}/`, new URL(host.apiBase, location.href)).href;
}

export async function moderate(host, item, comment, action) {
  const buttons = item.querySelectorAll(":scope > article [data-staff]");
  const feature = item.querySelector(":scope > article [data-staff=feature]");
  if (action === "feature" && feature.getAttribute("aria-pressed") === "true") action = "unfeature";
  const said = item.querySelector(":scope > article .comment__moderated");
  buttons.forEach((button) => (button.disabled = true));
  let result;
  try {
    result = await host.api.request("POST", `/moderation/comments/${comment.id}/${action}`, {});
  } catch (error) {
    said.textContent = error.message;
    return;
  } finally {
    buttons.forEach((button) => (button.disabled = false));
  }
  const wasPublic = !comment.status || comment.status === "published";
  const isPublic = result.status === "published";
  comment.status = result.status;
  if (wasPublic !== isPublic) {
    host.count += isPublic ? 1 : -1;
    host.updateTitle();
  }
  fillComment(host, item, comment);
  const featured = item.querySelector(":scope > article [data-staff=feature]");
  featured.setAttribute("aria-pressed", String(result.is_featured));
  featured.textContent = result.is_featured ? MESSAGES.unfeature : MESSAGES.feature;
  item.querySelector(":scope > article .comment__moderated").textContent = MESSAGES[DONE[action]];
  emit(host, "moderated", { id: comment.id, action, status: result.status, featured: result.is_featured });
}
