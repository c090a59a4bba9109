// comment-form.js: the forms a reader writes in.
//
// buildCommentForm() clones the new-comment / reply form, labels its fields and
// calls onSubmit(form) instead of navigating; readCommentForm() checks it and
// returns the API payload or the field errors; showErrors() puts the sentences
// beside their fields (unknown fields go to the form's general slot) and moves
// focus to the first. buildEditForm() is the smaller form that edits a comment.
// Both carry a honeypot field people never see (`honeypot`, for submit.js) and
// an empty second-look slot; the new-comment form links the guidelines.

import { MESSAGES } from "./messages.js";
import { clone, editFormTemplate, formTemplate } from "./templates.js";

const EMPTY_BODY = "Please enter your comment!";
const MISSING_NAME = "Please enter your name here";
const GUEST_FIELDS = ["name", "email", "website"];

let formCounter = 0;

// Give the hidden field a label of its own (people never see either).
function labelTrap(form, id) {
  const trap = form.elements.honeypot;
  trap.id = `parley-${id}-honeypot`;
  trap.closest(".field--trap").querySelector("label").htmlFor = trap.id;
}

export function buildCommentForm({ title, signedIn = "", remembered = {}, guidelines = "", onCancel = null, onSubmit }) {
  const form = clone(formTemplate).querySelector("form");
  const id = ++formCounter;
  labelTrap(form, id);
  for (const field of form.querySelectorAll(".field:not(.field--trap) :is(textarea, input)")) {
    field.id = `parley-${id}-${field.name}`;
    field.closest(".field").querySelector("label").htmlFor = field.id;
    const error = form.querySelector(`[data-error=${field.name}]`);
    error.id = `${field.id}-error`;
    field.setAttribute("aria-describedby", error.id);
  }
  form.querySelector(".comment-form__title").textContent = title;
  const guest = form.querySelector("[data-ref=guest]");
  if (signedIn) {
    // As the server's form says it: "Commenting as <strong>name</strong>."
    const note = document.createElement("p");
    note.className = "hint";
    const name = document.createElement("strong");
    name.textContent = signedIn;
    note.append(`${MESSAGES.commentingAs} `, name, ".");
    guest.replaceWith(note);
  } else {
    for (const name of GUEST_FIELDS) form.elements[name].value = remembered[name] || "";
  }
  const link = form.querySelector("[data-ref=guidelines]");
  if (guidelines) link.href = guidelines;
  else link.remove();
  const cancel = form.querySelector("[data-ref=cancel]");
  if (onCancel) {
    cancel.hidden = false;
    cancel.addEventListener("click", onCancel);
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onSubmit(form);
  });
  return form;
}

// Return {payload, errors}: the comment to send, or the sentences that stop it.
export function readCommentForm(form, { signedIn = false, parent = null } = {}) {
  const value = (name) => (form.elements[name] ? form.elements[name].value : "");
  const errors = {};
  if (!value("body").trim()) errors.body = EMPTY_BODY;
  if (!signedIn && !value("name").trim()) errors.name = MISSING_NAME;
  const payload = { body: value("body"), parent };
  if (!signedIn) for (const name of GUEST_FIELDS) payload[name] = value(name);
  if (form.parleyQuote) payload.quote = form.parleyQuote; // inline feedback (inline-feedback.js)
  return { payload, errors };
}

export function showErrors(form, errors) {
  for (const slot of form.querySelectorAll("[data-error]")) slot.textContent = "";
  for (const field of form.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
  let first = null;
  for (const [name, message] of Object.entries(errors)) {
    const slot = form.querySelector(`[data-error=${name}]`) || form.querySelector("[data-error=general]");
    slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
    const field = form.elements[name];
    if (field instanceof HTMLElement) {
      field.setAttribute("aria-invalid", "true");
      first ||= field;
    }
  }
  (first || form.querySelector("textarea")).focus();
}

// The form that replaces a comment's body while its author edits it; onSubmit
// receives the new Markdown once it is not empty.
export function buildEditForm({ commentId, markdown, onSubmit, onCancel }) {
  const form = clone(editFormTemplate).querySelector("form");
  const textarea = form.elements.body;
  textarea.id = `parley-edit-${commentId}`;
  labelTrap(form, `edit-${commentId}`);
  form.querySelector(":scope > label").htmlFor = textarea.id;
  textarea.value = markdown;
  form.querySelector("[data-ref=cancel]").addEventListener("click", onCancel);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!textarea.value.trim()) showErrors(form, { body: EMPTY_BODY });
    else onSubmit(textarea.value);
  });
  return form;
}
