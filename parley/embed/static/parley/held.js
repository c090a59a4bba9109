// held.js: comments that only some readers see, put into the thread.
//
// showOwnHeld(host) asks GET {api}/me/comments?thread=KEY for this reader's own
// comments awaiting moderation (the shared page never carries them) and puts
// each under its parent, or on top, marked "Awaiting moderation". For a
// moderator (the `moderator` attribute) who arrives by a link to a comment
// (#comment-ID) that the page doesn't show, showLinkedComment(host) fetches it,
// held or rejected, so it can be approved where it would appear. The host is
// the <parley-comments> element.

import { insertComment } from "./placement.js";

export async function showOwnHeld(host) {
  // A reader the server can't know (no session, no reader token) has none.
  if (!host.sameOrigin && !host.store.voterToken()) return;
  let data;
  try {
    data = await host.api.request("GET", `/me/comments?${new URLSearchParams({ thread: host.thread })}`);
  } catch {
    return; // no thread yet, or unreachable: nothing of theirs to show
  }
  // A moderator is sent every held comment of the thread; `mine` says which
  // are theirs to edit.
  for (const comment of data.comments) place(host, comment);
}

export async function showLinkedComment(host) {
  const id = Number((/^#comment-(\d+)$/.exec(location.hash) || [])[1]);
  if (!host.hasAttribute("moderator") || !id || host.comments.has(id)) return;
  let comment;
  try {
    comment = await host.api.request("GET", `/comments/${id}`);
  } catch {
    return;
  }
  if (comment.status !== "published") place(host, comment, { scroll: true });
}

function place(host, comment, options = {}) {
  if (host.comments.has(comment.id)) return;
  insertComment(host, { ...comment, replies: [] }, options);
}
