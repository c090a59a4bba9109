// <parley-comments>: the reader discussion as a platform element.
//
// Attributes are its API: thread (the key), api (base URL of /api/v1), sort,
// signed-in (the reader's name when the page knows it), closed, same-origin
// (send cookies; without it no cookie ever leaves the page and the reader is
// known by tokens kept in this origin's storage), and moderator
// (show the staff controls; only with same-origin, where the session counts),
// page-url and page-title (how the embedding page names itself for an external
// thread; by default its canonical link or address, and its og:title or title).
// Whatever the server rendered inside the element stays as the no-JS fallback
// until the first page arrives from the API.
//
// This module is the entry point: it defines the element and orchestrates the
// others (api.js, store.js, templates.js, messages.js, comment-view.js,
// comment-form.js, submit.js with challenge.js and signals.js, held.js,
// edit.js, report.js, moderation.js, events.js, counts.js, votes.js, inline-feedback.js,
// subscriptions.js, live.js). It re-exports
// fillCounts for embed.js and pages.

import { ApiClient, threadPath } from "./api.js";
import { buildCommentForm, readCommentForm, showErrors } from "./comment-form.js";
import { buildComment } from "./comment-view.js";
import { countLabel } from "./counts.js";
import { confirmDelete, openEdit } from "./edit.js";
import { emit } from "./events.js";
import { showLinkedComment, showOwnHeld } from "./held.js";
import { InlineFeedback } from "./inline-feedback.js";
import { startLive } from "./live.js";
import { loadMessages } from "./messages.js";
import { moderate } from "./moderation.js";
import { openReport } from "./report.js";
import { ReaderStore } from "./store.js";
import { guardForm, postComment } from "./submit.js";
import { openNotify, prepareNotify } from "./subscriptions.js";
import { clone, shellTemplate } from "./templates.js";
import { castVote, syncMyVotes } from "./votes.js";

export { fillCounts } from "./counts.js";

const SORTS = [
  ["newest", "Newest"],
  ["oldest", "Oldest"],
  ["votes", "Most Voted"],
];
const INVITE = "Would love your thoughts, please comment.";

export class ParleyComments extends HTMLElement {
  static define(tag = "parley-comments", registry = window.customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  static get observedAttributes() {
    return ["thread", "sort"];
  }

  constructor() {
    super();
    this.comments = new Map();
    this.nextCursor = null;
    this.started = false;
  }

  get thread() {
    return this.getAttribute("thread") || "";
  }

  get sort() {
    const sort = this.getAttribute("sort");
    return SORTS.some(([value]) => value === sort) ? sort : "newest";
  }

  set sort(value) {
    this.setAttribute("sort", value);
  }

  get apiBase() {
    return (this.getAttribute("api") || "/api/v1").replace(/\/$/, "");
  }

  get sameOrigin() {
    return this.hasAttribute("same-origin");
  }

  // The community guidelines, on the Parley site that serves the API.
  get guidelinesUrl() {
    return new URL("/community-guidelines/", new URL(this.apiBase, location.href)).href;
  }

  connectedCallback() {
    if (this.started || !this.thread) return;
    this.inline = new InlineFeedback(this);
    this.started = true;
    this.store = new ReaderStore(this.apiBase);
    this.api = new ApiClient({ base: this.apiBase, sameOrigin: this.sameOrigin, store: this.store });
    // i18n: the widget's words in its language (its own or the page's lang), before the first render.
    this.messagesLoaded = loadMessages(this.apiBase, this.closest("[lang]")?.getAttribute("lang") || "");
    this.load();
  }

  disconnectedCallback() { if (this.live) this.live.close(); } // live.js's stream

  attributeChangedCallback(name, oldValue, newValue) {
    if (this.started && oldValue !== newValue) this.load();
  }

  // ----- loading -----

  // Show the first page of the view asked for, then focus `focus` (a
  // selector) at once: later would pull the caret from where the reader is by
  // then. Views are asked for quicker than pages arrive: only the latest
  // request renders, so an earlier one's late answer never replaces the form
  // the reader is already writing in.
  async load({ focus = "" } = {}) {
    const turn = (this.loadTurn = (this.loadTurn || 0) + 1);
    const params = new URLSearchParams({ sort: this.sort, ...this.inline.params() });
    let data;
    try {
      [data] = await Promise.all([this.api.request("GET", `${threadPath(this.thread)}?${params}`), this.messagesLoaded]);
    } catch (error) {
      if (turn === this.loadTurn) this.showStatus(error.message);
      return;
    }
    if (turn !== this.loadTurn) return;
    this.renderShell(data);
    this.appendPage(data);
    if (focus) this.querySelector(focus)?.focus();
    emit(this, "loaded", { thread: this.thread, count: data.thread.comment_count });
    startLive(this); // live.js: new comments, edits, deletions and votes as they happen
    await showOwnHeld(this);
    await showLinkedComment(this);
  }

  async loadMore({ all = false } = {}) {
    if (!this.nextCursor) return; // the last page is shown already
    const buttons = this.querySelectorAll("[data-ref=more] button");
    buttons.forEach((button) => (button.disabled = true));
    try {
      do {
        const params = new URLSearchParams({ sort: this.sort, cursor: this.nextCursor, ...this.inline.params() });
        if (all) params.set("limit", "500");
        const data = await this.api.request("GET", `${threadPath(this.thread)}?${params}`);
        this.appendPage(data);
      } while (all && this.nextCursor);
    } catch (error) {
      this.showStatus(error.message);
    } finally {
      buttons.forEach((button) => (button.disabled = false));
    }
  }

  // ----- rendering -----

  renderShell(data) {
    const draft = this.refs ? this.refs["form-slot"].querySelector("form") : null;
    this.replaceChildren(clone(shellTemplate));
    this.refs = Object.fromEntries(
      [...this.querySelectorAll("[data-ref]")].map((node) => [node.dataset.ref, node]),
    );
    this.comments.clear();
    this.closed = data.thread.is_closed || this.hasAttribute("closed");
    this.toggleAttribute("upvotes-only", data.thread.upvotes_only);
    this.count = data.thread.comment_count;
    this.updateTitle();
    this.refs.closed.hidden = !this.closed;
    if (!this.closed) this.refs["form-slot"].append(keepDraft(draft, this.buildForm()));
    for (const [value, label] of SORTS) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.setAttribute("aria-pressed", String(value === this.sort && !this.inline.view));
      button.addEventListener("click", () => (this.sort = value));
      this.refs.sort.append(button);
    }
    this.inline.renderShell(this.refs);
    this.refs["load-more"].addEventListener("click", () => this.loadMore());
    this.refs["load-all"].addEventListener("click", () => this.loadMore({ all: true }));
    this.refs.invite.textContent = INVITE;
  }

  updateTitle() {
    this.refs.title.textContent = countLabel(this.count);
    const empty = this.refs.list.children.length === 0;
    this.refs.invite.hidden = !empty;
    this.refs.sort.hidden = empty;
  }

  appendPage(data) {
    const before = new Set(this.comments.keys());
    for (const comment of this.inline.filter(data.comments)) this.refs.list.append(buildComment(this, comment));
    this.nextCursor = data.next_cursor;
    this.refs.more.hidden = !this.nextCursor;
    this.updateTitle();
    syncMyVotes(this, [...this.comments.keys()].filter((id) => !before.has(id)));
  }

  // ----- writing -----

  buildForm({ parent = null, title = "Leave a comment", onCancel = null } = {}) {
    const form = buildCommentForm({
      title,
      signedIn: this.getAttribute("signed-in") || "",
      remembered: this.store.read("guest"),
      guidelines: this.guidelinesUrl,
      onCancel,
      onSubmit: (form) => this.submit(form, parent),
    });
    prepareNotify(this, form);
    return guardForm(this, form);
  }

  submit(form, parent) {
    const { payload, errors } = readCommentForm(form, { signedIn: this.hasAttribute("signed-in"), parent });
    if (Object.keys(errors).length) showErrors(form, errors);
    else postComment(this, form, payload, parent);
  }

  // ----- per-comment actions -----

  onAction(event, item, comment) {
    const button = event.target.closest("button");
    if (event.target.closest("summary")) openReport(this, item, comment);
    if (!button) return;
    if (button.dataset.vote) castVote(this, item, comment, Number(button.dataset.vote));
    else if (button.dataset.staff) moderate(this, item, comment, button.dataset.staff);
    else if (button.dataset.action === "reply") this.openReply(item, comment);
    else if (button.dataset.action === "edit") openEdit(this, item, comment);
    else if (button.dataset.action === "delete") confirmDelete(this, button, item, comment);
    else if (button.dataset.action === "notify") openNotify(this, item, comment);
  }

  openReply(item, comment) {
    const existing = item.querySelector(":scope > article > .comment-form");
    if (existing) {
      existing.querySelector("textarea").focus();
      return;
    }
    const form = this.buildForm({
      parent: comment.id,
      title: `Reply to ${comment.author.name}`,
      onCancel: () => form.remove(),
    });
    item.querySelector(":scope > article").append(form);
    form.querySelector("textarea").focus();
  }

  showStatus(message) {
    const status = this.refs ? this.refs.status : null;
    if (status) status.textContent = message;
    else {
      const note = document.createElement("p");
      note.className = "parley-status";
      note.setAttribute("role", "status");
      note.textContent = message;
      this.prepend(note);
    }
  }
}

// What the reader wrote in the new-comment form outlives a new view or sort.
function keepDraft(old, form) {
  if (!old) return form;
  for (const field of form.querySelectorAll(".field:not(.field--trap) :is(textarea, input:not([type=checkbox]))")) {
    const before = old.elements[field.name];
    if (before && before.value) field.value = before.value;
  }
  return form;
}

ParleyComments.define();
