// keep-forms.js: what a reader is writing outlives a new view of the thread.
//
// Sorting, a new view (inline feedback) and the live stream's reload draw the
// list again; the new-comment form sits outside the list and is never touched.
// A reply, edit or "Notify of new replies" form open on a comment is the same
// element before and after:
// takeForms() lifts each out of the old list (with where the caret was) and
// putForms() puts it back on the same comment in the new one, focus and caret
// restored. A comment the new view doesn't show keeps its form on a copy of
// the comment at the top of the list, until a page that shows it arrives
// (adoptKept()). Nothing is ever rebuilt, so text, name, e-mail, website and
// the proof already solved stay as they were.

import { buildComment } from "./comment-view.js";

export function takeForms(host) {
  const kept = [];
  for (const form of host.refs.list.querySelectorAll("li.comment > article > form[data-kind]")) {
    const id = Number(form.closest("li.comment").dataset.id);
    kept.push({ id, comment: host.comments.get(id), ...caretOf(form) });
  }
  // Lifted out in one go: the list is drawn again right after.
  for (const { form } of kept) form.remove();
  return kept;
}

export function putForms(host, kept) {
  for (const entry of kept) {
    let item = host.querySelector(`#comment-${entry.id}`);
    if (!item && entry.comment) {
      item = buildComment(host, { ...entry.comment, replies: [] });
      item.classList.add("comment--kept");
      host.refs.list.prepend(item);
    }
    if (item) place(item, entry.form);
    restoreFocus(entry);
  }
}

// A page just added shows a comment kept at the top: its form moves there.
export function adoptKept(host) {
  for (const kept of host.refs.list.querySelectorAll(":scope > li.comment--kept")) {
    const twin = [...host.querySelectorAll(`li.comment[data-id="${kept.dataset.id}"]`)].find((node) => node !== kept);
    if (!twin) continue;
    for (const entry of [...kept.querySelectorAll(":scope > article > form[data-kind]")].map(caretOf)) {
      place(twin, entry.form);
      restoreFocus(entry);
    }
    kept.remove();
  }
}

// The form, and the field in it that has focus with its caret (inputs of
// type email have none to read).
function caretOf(form) {
  const active = document.activeElement;
  const focused = form.contains(active) ? active : null;
  const caret = focused && focused.type !== "email" && typeof focused.selectionStart === "number"
    ? [focused.selectionStart, focused.selectionEnd, focused.selectionDirection]
    : null;
  return { form, focused, caret };
}

function place(item, form) {
  const article = item.querySelector(":scope > article");
  if (form.dataset.kind === "edit") {
    const body = article.querySelector(":scope > .comment__body");
    if (body) {
      body.hidden = true;
      body.after(form);
      return;
    }
  }
  article.append(form);
}

function restoreFocus({ focused, caret }) {
  if (!focused || !focused.isConnected) return;
  focused.focus({ preventScroll: true });
  if (caret) focused.setSelectionRange(...caret);
}
