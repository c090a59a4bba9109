// comment-form.js: the forms a reader writes in.
//
// buildCommentForm() clones the new-comment / reply form, labels its fields and
// calls onSubmit(form) instead of navigating; readCommentForm() checks it and
// returns the API payload or the field errors; showErrors() puts the sentences
// beside their fields (unknown fields go to the form's general slot) and moves
// focus to the first. buildEditForm() is the smaller form that edits a comment.
// Both carry a honeypot field people never see (`honeypot`, for submit.js) and
// an empty second-look slot; the new-comment form links the guidelines and,
// for a guest on the site's own pages, its sign-in and sign-up pages.

import { MESSAGES, say, sentence } from "./messages.js";
import { clone, editFormTemplate, formTemplate } from "./templates.js";

const GUEST_FIELDS = ["name", "email", "website"];

let formCounter = 0;

// Give the hidden field a label of its own (people never see either).
function labelTrap(form, id) {
  const trap = form.elements.honeypot;
  trap.id = `parley-${id}-honeypot`;
  trap.closest(".field--trap").querySelector("label").htmlFor = trap.id;
}

// The Parley site's sign-in and sign-up pages, each returning to this page's
// discussion (as the server's form links them).
export function accountUrls(apiBase) {
  const next = new URLSearchParams({ next: `${location.pathname}${location.search}#comments` });
  const site = new URL(apiBase, location.href);
  return {
    signIn: new URL(`/accounts/sign-in/?${next}`, site).href,
    signUp: new URL(`/accounts/sign-up/?${next}`, site).href,
  };
}

// "Have an account? Sign in, or create one …", the server's own sentence: each
// <a> in it becomes a link (in order: sign in, sign up), the rest text.
function accountLinks(slot, { signIn, signUp }) {
  const parts = MESSAGES.account.split(/(<a\b[^>]*>.*?<\/a>)/);
  slot.replaceChildren(...parts.filter(Boolean).map((part) => {
    const tag = /^<a\b([^>]*)>(.*?)<\/a>$/.exec(part);
    if (!tag) return part;
    const link = document.createElement("a");
    link.href = tag[1].includes("sign_up_url") ? signUp : signIn;
    link.textContent = tag[2];
    return link;
  }));
  slot.hidden = false;
}

export function buildCommentForm({ title, signedIn = "", remembered = {}, guidelines = "", remember = false, account = null, onCancel = null, onSubmit }) {
  const form = clone(formTemplate).querySelector("form");
  const id = ++formCounter;
  labelTrap(form, id);
  for (const field of form.querySelectorAll(".field:not(.field--trap, .field--check) :is(textarea, input)")) {
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
    note.append(...sentence("commentingAs", { name }));
    guest.replaceWith(note);
    form.querySelector("[data-ref=remember]").remove();
    form.querySelector("[data-ref=account]").remove();
  } else {
    for (const name of GUEST_FIELDS) form.elements[name].value = remembered[name] || "";
    // As the server's form: unticked unless the reader ticked it before.
    const box = form.elements.remember;
    box.id = `parley-${id}-remember`;
    box.closest("label").htmlFor = box.id;
    box.checked = remember;
    const slot = form.querySelector("[data-ref=account]");
    if (account) accountLinks(slot, account);
    else slot.remove();
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
  if (!value("body").trim()) errors.body = say("emptyBody");
  if (!signedIn && !value("name").trim()) errors.name = say("missingName");
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
    if (!textarea.value.trim()) showErrors(form, { body: say("emptyBody") });
    else onSubmit(textarea.value);
  });
  return form;
}
