// edit-window.js: how long the reader may still edit or delete their comment.
//
// The server gives each comment its `editable_until` (posting time plus the
// site's edit window, 15 minutes by default). For the reader's own comments
// showEditWindow() shows Edit and Delete with the time left beside them
// ("Editable for 12 more minutes"), kept up to date by one timer per element,
// and takes the controls away when the window closes. An edit form already
// open stays: the reader keeps their words, and the server's refusal, if it
// comes, is shown beside the comment.

import { MESSAGES, plural } from "./messages.js";

const TICK_MS = 1000;

export function showEditWindow(host, item, comment, mine) {
  host.editWindows ||= new Map();
  const until = Date.parse(comment.editable_until);
  const open = Boolean(mine) && !comment.is_deleted && until > Date.now();
  if (open) host.editWindows.set(item, until);
  else host.editWindows.delete(item);
  paint(item, open ? until - Date.now() : 0);
  if (open && !host.editTimer) host.editTimer = setInterval(() => tick(host), TICK_MS);
}

// Close the window now: the server said it was over.
export function closeEditWindow(host, item) {
  if (host.editWindows) host.editWindows.delete(item);
  paint(item, 0);
}

export function stopEditWindows(host) {
  clearInterval(host.editTimer);
  host.editTimer = null;
}

function tick(host) {
  const now = Date.now();
  for (const [item, until] of host.editWindows) {
    // An item replaced by a new view or page is forgotten.
    if (!item.isConnected || until <= now) host.editWindows.delete(item);
    if (item.isConnected) paint(item, until - now);
  }
  if (!host.editWindows.size) stopEditWindows(host);
}

function editableFor(ms) {
  return ms < 60000 ? MESSAGES.editableSoon : plural("editableFor", Math.ceil(ms / 60000));
}

function paint(item, left) {
  const part = (selector) => item.querySelector(`:scope > article ${selector}`);
  const label = part("[data-ref=edit-left]");
  if (!label) return; // a "[deleted]" placeholder
  const open = left > 0;
  part("[data-action=edit]").hidden = !open;
  part("[data-action=delete]").hidden = !open;
  label.hidden = !open;
  const text = open ? editableFor(left) : "";
  if (label.textContent !== text) label.textContent = text;
}
