// edit.js: a reader's own comment edited in place, or deleted (asked twice).
//
// The element (parley-comments.js) calls these from a comment's Edit and Delete
// buttons; the server decides who may, through the reader's edit token. What
// goes wrong is said beside the comment; a refusal because the edit window has
// closed (403) takes Edit and Delete away. After a save the focus goes back
// to the comment and the live region says "Edit saved"; after a delete, to the
// comment after it, and the live region says "Comment deleted".

import { announce, focusAfterRemoval, focusItem } from "./announce.js";
import { buildEditForm } from "./comment-form.js";
import { fillComment, showCommentError } from "./comment-view.js";
import { closeEditWindow } from "./edit-window.js";
import { emit } from "./events.js";
import { MESSAGES } from "./messages.js";
import { guardForm, saveEdit } from "./submit.js";

function refused(element, item, error) {
  showCommentError(item, error.message);
  if (error.status === 403) closeEditWindow(element, item);
}

export async function openEdit(element, item, comment) {
  const body = item.querySelector(":scope > article > .comment__body");
  const open = item.querySelector(":scope > article > form[data-kind=edit]");
  if (open) {
    open.elements.body.focus();
    return;
  }
  showCommentError(item, null);
  let source;
  try {
    source = await element.api.request("GET", `/comments/${comment.id}`);
  } catch (error) {
    refused(element, item, error);
    return;
  }
  const close = () => {
    form.remove();
    // The item may have been drawn again since (a new view): find its body there.
    const shown = element.querySelector(`#comment-${comment.id} > article > .comment__body`);
    if (shown) shown.hidden = false;
  };
  const form = buildEditForm({
    commentId: comment.id,
    markdown: source.body_markdown,
    onCancel: () => {
      const at = form.closest("li.comment");
      close();
      at?.querySelector(":scope > article [data-action=edit]:not([hidden])")?.focus();
    },
    onSubmit: async (markdown) => {
      const updated = await saveEdit(element, form, comment, markdown);
      if (!updated) return;
      const at = form.closest("li.comment") || item;
      const shown = element.comments.get(comment.id) || comment;
      const { body_html, edited_at, status } = updated;
      if (shown.status !== "pending" && status === "pending") element.count -= 1; // held now
      Object.assign(shown, { body_html, edited_at, status });
      close();
      fillComment(element, at, shown);
      element.updateTitle();
      focusItem(at);
      announce(element, MESSAGES.edited);
      emit(element, "edited", { id: comment.id, status });
    },
  });
  form.dataset.kind = "edit";
  guardForm(element, form);
  body.hidden = true;
  body.after(form);
  form.elements.body.focus();
}

export async function confirmDelete(element, button, item, comment) {
  if (button.dataset.confirming !== "true") {
    button.dataset.confirming = "true";
    button.textContent = MESSAGES.reallyDelete;
    return;
  }
  showCommentError(item, null);
  // Where focus goes next, found now: the live stream may take the item away
  // before the answer comes.
  const focusElsewhere = focusAfterRemoval(element, item);
  try {
    await element.api.request("DELETE", `/comments/${comment.id}`, undefined, {
      "X-Parley-Edit-Token": element.store.editToken(comment.id),
    });
  } catch (error) {
    refused(element, item, error);
    return;
  }
  element.store.forgetEdit(comment.id);
  const replies = item.querySelector(":scope > .comments--replies");
  let focusNext = focusElsewhere;
  if (item.isConnected && replies && replies.children.length) {
    comment.is_deleted = true;
    fillComment(element, item, comment);
    focusNext = () => focusItem(item);
  } else {
    element.comments.delete(comment.id);
    item.remove();
  }
  element.count -= 1;
  element.updateTitle();
  focusNext();
  announce(element, MESSAGES.deleted);
  emit(element, "deleted", { id: comment.id });
}
