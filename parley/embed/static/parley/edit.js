// edit.js: a reader's own comment edited in place, or deleted (asked twice).
//
// The element (parley-comments.js) calls these from a comment's Edit and Delete
// buttons; the server decides who may, through the reader's edit token.

import { buildEditForm } from "./comment-form.js";
import { fillComment } from "./comment-view.js";
import { emit } from "./events.js";
import { guardForm, saveEdit } from "./submit.js";

export async function openEdit(element, item, comment) {
  const body = item.querySelector(":scope > article > .comment__body");
  if (item.querySelector(":scope > article > .comment-form")) return;
  let source;
  try {
    source = await element.api.request("GET", `/comments/${comment.id}`);
  } catch (error) {
    element.showStatus(error.message);
    return;
  }
  const close = () => {
    form.remove();
    body.hidden = false;
  };
  const form = buildEditForm({
    commentId: comment.id,
    markdown: source.body_markdown,
    onCancel: close,
    onSubmit: async (markdown) => {
      const updated = await saveEdit(element, form, comment, markdown);
      if (!updated) return;
      const { body_html, edited_at, status } = updated;
      if (comment.status !== "pending" && status === "pending") element.count -= 1; // held now
      Object.assign(comment, { body_html, edited_at, status });
      close();
      fillComment(element, item, comment);
      element.updateTitle();
      emit(element, "edited", { id: comment.id, status });
    },
  });
  guardForm(element, form);
  body.hidden = true;
  body.after(form);
  form.elements.body.focus();
}

export async function confirmDelete(element, button, item, comment) {
  if (button.dataset.confirming !== "true") {
    button.dataset.confirming = "true";
    button.textContent = "Really delete?";
    return;
  }
  try {
    await element.api.request("DELETE", `/comments/${comment.id}`, undefined, {
      "X-Parley-Edit-Token": element.store.editToken(comment.id),
    });
    element.store.forgetEdit(comment.id);
    const replies = item.querySelector(":scope > .comments--replies");
    if (replies && replies.children.length) {
      comment.is_deleted = true;
      fillComment(element, item, comment);
    } else {
      item.remove();
    }
    element.count -= 1;
    element.updateTitle();
    emit(element, "deleted", { id: comment.id });
  } catch (error) {
    element.showStatus(error.message);
  }
}
