// submit.js: sending a comment form through the server's intake.
//
// guardForm(host, form) gives a new-comment, reply or edit form its proof: a
// proof-of-work challenge solved once the form is seen or used (challenge.js)
// and a count of how it was used (signals.js). postComment() and saveEdit()
// send the form with that proof (`altcha`, `honeypot`, `signals`, and
// `post_anyway` after a second look), solve a fresh challenge after every
// attempt, and show the server's answer:
//   201 published, 202 held ("awaiting moderation", to this reader only);
//   422 second_look: the sentence by the body, with "Edit it" / "Post it for review";
//   400 captcha / score, 403 banned: the sentence at the form's top, with the
//   newsroom's address as a mailto link when the server gives one;
//   429: the sentence, and when to try again (Retry-After).
// The host is the <parley-comments> element.

import { threadPath } from "./api.js";
import { Challenge } from "./challenge.js";
import { showErrors } from "./comment-form.js";
import { announce, focusItem } from "./announce.js";
import { emit } from "./events.js";
import { MESSAGES, retryMessage } from "./messages.js";
import { insertComment } from "./placement.js";
import { watchSignals } from "./signals.js";

const guards = new WeakMap();

export function guardForm(host, form) {
  const challenge = Challenge.fromApi(host.api);
  const stopStarting = challenge.startWhenUsed(form);
  const signals = watchSignals(form, { challenge });
  const guard = { challenge, signals, postAnyway: false, stopStarting };
  guards.set(form, guard);
  form.querySelector("[data-ref=edit-it]").addEventListener("click", () => {
    hideSecondLook(form);
    form.elements.body.focus();
  });
  form.querySelector("[data-ref=post-anyway]").addEventListener("click", () => {
    guard.postAnyway = true;
    form.requestSubmit();
  });
  return form;
}

// Send `send(proof)`; answer its data, or null once the refusal is shown.
async function attempt(form, send) {
  const guard = guards.get(form);
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const proof = {
      altcha: await guard.challenge.solution(),
      honeypot: form.elements.honeypot ? form.elements.honeypot.value : "",
      signals: guard.signals.snapshot(),
    };
    if (guard.postAnyway) proof.post_anyway = true;
    const data = await send(proof);
    showRefusal(form, null);
    return data;
  } catch (error) {
    showRefusal(form, error);
    return null;
  } finally {
    guard.postAnyway = false;
    button.disabled = false;
    // Every attempt spends its solution: solve the next one while the reader
    // reads the answer, unless the form is gone.
    if (form.isConnected) guard.challenge.refresh();
    else {
      guard.challenge.cancel();
      guard.signals.stop();
      guard.stopStarting();
    }
  }
}

// While the second look is offered, its two buttons are the ways on: the form's
// own submit button stays out of the way until the reader chooses "Edit it".
export function hideSecondLook(form) {
  form.querySelector("[data-ref=second-look]").hidden = true;
  form.querySelector("button[type=submit]").hidden = false;
}

// Put a refusal's sentences on the form (or clear them, for null).
function showRefusal(form, error) {
  hideSecondLook(form);
  form.querySelector("[data-ref=contact]")?.remove();
  if (!error) {
    for (const slot of form.querySelectorAll("[data-error]")) slot.textContent = "";
    return;
  }
  showErrors(form, error.errors || { general: error.message });
  const general = form.querySelector("[data-error=general]");
  if (error.code === "second_look") {
    form.querySelector("[data-ref=second-look]").hidden = false;
    form.querySelector("button[type=submit]").hidden = true;
  } else if (error.contact) {
    const note = document.createElement("span");
    note.dataset.ref = "contact";
    const link = document.createElement("a");
    link.href = `mailto:${error.contact}`;
    link.textContent = error.contact;
    note.append(" ", link);
    general.append(note);
  } else if (error.status === 429) {
    const when = retryMessage(error.retryAfter);
    if (when) general.append(` ${when}`);
  }
}

// The embedding page as it declares itself: the element's page-url and
// page-title attributes, else its canonical link (on its own origin) and title.
// The server keeps the thread's title and address in step with this.
function declaredPage(host) {
  let url = host.getAttribute("page-url") || "";
  if (!url) {
    const canonical = document.querySelector("link[rel=canonical]");
    const href = canonical ? canonical.href : "";
    url = href && new URL(href).origin === location.origin ? href : location.href;
  }
  const og = document.querySelector("meta[property='og:title']");
  const title = host.getAttribute("page-title") || (og && og.content) || document.title;
  return { thread_title: title.trim().slice(0, 300), thread_url: new URL(url, location.href).href.split("#")[0].slice(0, 1000) };
}

export async function postComment(host, form, payload, parent) {
  if (!host.thread.startsWith("article-")) Object.assign(payload, declaredPage(host));
  const path = threadPath(host.thread);
  const comment = await attempt(form, (proof) => host.api.request("POST", path, { ...payload, ...proof }));
  if (!comment) return;
  host.store.rememberEdit(comment.id, comment.edit_token, comment.editable_until);
  // A guest's first post brings a reader token: how their held comments, votes
  // and reports are known on the next visit.
  if (comment.voter_token) host.store.write("voter", { token: comment.voter_token });
  if (!host.hasAttribute("signed-in")) {
    // The next form on this page knows them; the next visit only if they asked.
    host.guest = { ...payload };
    host.store.rememberGuest(form.elements.remember?.checked ? payload : {});
  }
  form.elements.body.value = "";
  guards.get(form).signals.reset();
  const item = insertComment(host, comment, { parent });
  if (parent !== null) form.remove();
  if (comment.notice) host.showStatus(comment.notice);
  // The reader's eyes go to what they wrote; the live region says it worked.
  focusItem(item);
  announce(host, comment.notice || (parent === null ? MESSAGES.posted : MESSAGES.replied));
  emit(host, "posted", { id: comment.id, parent, thread: host.thread, status: comment.status });
}

// Send an edit; answer the updated comment (its status may now be "pending").
export function saveEdit(host, form, comment, markdown) {
  return attempt(form, (proof) =>
    host.api.request("PATCH", `/comments/${comment.id}`, { body: markdown, ...proof }, {
      "X-Parley-Edit-Token": host.store.editToken(comment.id),
    }),
  );
}
