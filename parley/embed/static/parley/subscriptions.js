// subscriptions.js: "Notify of" in the widget.
//
// prepareNotify(host, form) wires the "Notify of" boxes of a new-comment or
// reply form: a signed-in reader's boxes start as their defaults say
// (GET /me/subscriptions, once per element); a guest who ticks one must give
// an e-mail address; once the comment is posted (`parley:posted`), what was
// ticked is sent to POST /threads/{key}/subscriptions and the server's answer
// is shown as it arrives. openNotify(host, item, comment) is the per-comment
// "Notify of new replies to this comment": a small form asking a guest for an
// address, or the request itself for a signed-in reader. Sentences come from
// the server's answers or from messages.js.

import { MESSAGES, sentence } from "./messages.js";
import { clone, notifyTemplate } from "./templates.js";

function subscriptionsPath(key) {
  return `/threads/${key.split("/").map(encodeURIComponent).join("/")}/subscriptions`;
}

function checkedKinds(form) {
  return [...form.querySelectorAll("input[name=notify]:checked")].map((box) => box.value);
}

function say(node, text) {
  node.textContent = text;
}

async function subscribe(host, body) {
  try {
    const answer = await host.api.request("POST", subscriptionsPath(host.thread), body);
    return answer.detail;
  } catch (error) {
    return Object.values(error.errors || {}).join(" ") || error.message;
  }
}

// The reader's defaults, asked once per element (signed-in readers only).
function defaultsOf(host) {
  if (!host.hasAttribute("signed-in")) return Promise.resolve(null);
  host.notifyDefaults ||= host.api
    .request("GET", `/me/subscriptions?thread=${encodeURIComponent(host.thread)}`)
    .then((data) => data.defaults)
    .catch(() => null);
  return host.notifyDefaults;
}

export function prepareNotify(host, form) {
  if (!host.notifyListening) listenForPosts(host);
  host.notifyListening = true;
  const status = form.querySelector("[data-ref=notify-status]");
  const signedIn = host.hasAttribute("signed-in");
  if (signedIn) {
    const hint = form.querySelector("[data-ref=notify-hint]");
    if (hint && host.sameOrigin) {
      // On the site's own pages, as its form says it: with the way to manage them.
      const manage = document.createElement("a");
      manage.href = new URL("/notifications/", new URL(host.apiBase, location.href)).href;
      manage.textContent = MESSAGES.manageNotifications;
      hint.replaceChildren(...sentence("notifyAccountManage", { manage }));
    } else if (hint) hint.textContent = MESSAGES.notifyAccountHint;
    defaultsOf(host).then((defaults) => {
      if (!defaults) return;
      form.querySelector("input[value=thread]").checked = defaults.follow_thread;
      form.querySelector("input[value=replies]").checked = defaults.follow_replies;
    });
  }
  // Before the form's own handler: a ticked box needs an address to post at all.
  form.addEventListener(
    "submit",
    (event) => {
      const kinds = checkedKinds(form);
      const email = form.elements.email ? form.elements.email.value.trim() : "";
      if (kinds.length && !signedIn && !email) {
        event.preventDefault();
        event.stopImmediatePropagation();
        const slot = form.querySelector("[data-error=email]");
        if (slot) slot.textContent = MESSAGES.notifyNeedsEmail;
        form.elements.email.focus();
        return;
      }
      host.pendingNotify = kinds.length ? { kinds, email, status } : null;
    },
    { capture: true },
  );
}

// Once per element: subscribe after a post that had boxes ticked.
function listenForPosts(host) {
  host.addEventListener("parley:posted", async () => {
    const pending = host.pendingNotify;
    host.pendingNotify = null;
    if (!pending) return;
    const answer = await subscribe(host, { kinds: pending.kinds, email: pending.email });
    if (pending.status && pending.status.isConnected) say(pending.status, answer);
    else host.showStatus(answer);
  });
}

export async function openNotify(host, item, comment) {
  const footer = item.querySelector(":scope > article > .comment__actions");
  const existing = item.querySelector(":scope > article > .notify-comment");
  if (existing) {
    existing.querySelector("input, button").focus();
    return;
  }
  const box = clone(notifyTemplate).firstElementChild;
  box.dataset.kind = "notify"; // kept across a new view like a reply (keep-forms.js)
  const status = box.querySelector("[data-ref=status]");
  const input = box.querySelector("input[name=email]");
  input.id = `parley-notify-${comment.id}`;
  box.querySelector("label").htmlFor = input.id;
  const remembered = host.store.read("guest") || {};
  input.value = remembered.email || "";
  const send = async () => {
    say(status, await subscribe(host, { kinds: ["comment"], comment: comment.id, email: input.value }));
  };
  if (host.hasAttribute("signed-in")) {
    input.closest("p").hidden = true;
    footer.after(box);
    await send();
    return;
  }
  box.addEventListener("submit", (event) => {
    event.preventDefault();
    send();
  });
  footer.after(box);
  input.focus();
}
