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
// edit.js with edit-window.js, report.js, moderation.js, events.js, counts.js,
// votes.js, inline-feedback.js, subscriptions.js, live.js, paging.js,
// placement.js, keep-forms.js, announce.js, dates.js). It re-exports
// fillCounts for embed.js and pages.
//
// The shell (heading, form, sort, list) is drawn once: a new sort or view
// draws the list again and never the form, and a reply or edit form open in
// the list is carried over to the new one (keep-forms.js).

import { announce } from "./announce.js";
import { ApiClient, threadPath } from "./api.js";
import { accountUrls, buildCommentForm, readCommentForm, showErrors } from "./comment-form.js";
import { buildComment } from "./comment-view.js";
import { countLabel, watchCounts } from "./counts.js";
import { dateFormatter } from "./dates.js";
import { confirmDelete, openEdit } from "./edit.js";
import { stopEditWindows } from "./edit-window.js";
import { emit } from "./events.js";
import { showLinkedComment, showOwnHeld } from "./held.js";
import { InlineFeedback } from "./inline-feedback.js";
import { adoptKept, putForms, takeForms } from "./keep-forms.js";
import { startLive } from "./live.js";
import { direction, loadMessages, MESSAGES, say, widgetLanguage } from "./messages.js";
import { moderate } from "./moderation.js";
import { shownOf, updatePaging, wirePaging } from "./paging.js";
import { DEFAULT_MAX_DEPTH } from "./placement.js";
import { openReport } from "./report.js";
import { ReaderStore } from "./store.js";
import { guardForm, postComment } from "./submit.js";
import { openNotify, prepareNotify } from "./subscriptions.js";
import { clone, shellTemplate } from "./templates.js";
import { castVote, syncMyVotes } from "./votes.js";

export { fillCounts } from "./counts.js";

// Each sort's value and the key of its name in messages.js.
const SORTS = [
  ["newest", "sortNewest"],
  ["oldest", "sortOldest"],
  ["votes", "sortVotes"],
];
const sortName = (value) => MESSAGES[Object.fromEntries(SORTS)[value]];

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
    this.pages = 0;
    this.maxDepth = DEFAULT_MAX_DEPTH;
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
    // i18n: the widget's words in its language (its own or the page's lang),
    // before the first render; the API's sentences then come in the same one.
    this.messagesLoaded = loadMessages(this.apiBase, this.closest("[lang]")?.getAttribute("lang") || "");
    const { apiBase: base, sameOrigin, store, messagesLoaded: language } = this;
    this.api = new ApiClient({ base, sameOrigin, store, language });
    // The page's own counters (a byline's "12 comments") follow this thread.
    watchCounts(document);
    this.load();
  }

  disconnectedCallback() {
    if (this.live) this.live.close(); // live.js's stream
    stopEditWindows(this);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (this.started && oldValue !== newValue) this.load();
  }

  // ----- loading -----

  // Show the first page of the view asked for, then focus `focus` (a
  // selector) at once: later would pull the caret from where the reader is by
  // then. Views are asked for quicker than pages arrive: only the latest
  // request renders, so an earlier one's late answer never lands over a later.
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
    const again = Boolean(this.refs);
    if (!again) this.renderShell(data);
    this.renderView(data);
    const kept = takeForms(this);
    this.comments.clear();
    this.refs.list.replaceChildren();
    this.pages = 1;
    this.appendPage(data);
    putForms(this, kept);
    if (focus) this.querySelector(focus)?.focus();
    // A new sort or view (not the stream's reload of the same one): the
    // reader stays where they were (on the sort button) and hears what changed.
    const view = this.inline.view ? MESSAGES.inlineFeedbacks : sortName(this.sort);
    if (again && view !== this.shownView) {
      announce(this, `${say("sorted", { sort: view })} ${shownOf(this)}`);
    }
    this.shownView = view;
    emit(this, "loaded", { thread: this.thread, count: data.thread.comment_count });
    startLive(this); // live.js: new comments, edits, deletions and votes as they happen
    await showOwnHeld(this);
    await showLinkedComment(this);
  }

  // ----- rendering -----

  // Once: what stays for the element's life (the form above all).
  renderShell(data) {
    this.replaceChildren(clone(shellTemplate));
    // Words in another language or direction than the page's say so.
    const [lang, near] = [widgetLanguage(), this.closest("[lang]")?.lang.toLowerCase() || ""];
    if (lang && !near.startsWith(lang)) this.lang = lang;
    if (direction() !== getComputedStyle(this).direction) this.dir = direction();
    this.refs = Object.fromEntries(
      [...this.querySelectorAll("[data-ref]")].map((node) => [node.dataset.ref, node]),
    );
    this.closed = data.thread.is_closed || this.hasAttribute("closed");
    if (!this.closed) this.refs["form-slot"].append(this.buildForm());
    for (const [value, label] of SORTS) {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.sort = value;
      button.textContent = MESSAGES[label];
      button.addEventListener("click", () => (this.sort = value));
      this.refs.sort.append(button);
    }
    this.inline.renderShell(this.refs);
    wirePaging(this);
    this.refs.invite.textContent = MESSAGES.invite;
  }

  // Every page 1 of a view: the thread's state, the sort shown, the view's heading.
  renderView(data) {
    this.closed = data.thread.is_closed || this.hasAttribute("closed");
    this.refs.closed.hidden = !this.closed;
    this.toggleAttribute("upvotes-only", data.thread.upvotes_only);
    this.count = data.thread.comment_count;
    this.maxDepth = Number(data.max_depth ?? data.thread.max_depth) || DEFAULT_MAX_DEPTH;
    this.dateFormat = dateFormatter({ language: data.language, timeZone: data.time_zone });
    for (const button of this.refs.sort.querySelectorAll("button[data-sort]")) {
      button.setAttribute("aria-pressed", String(button.dataset.sort === this.sort && !this.inline.view));
    }
    this.inline.renderView(this.refs);
  }

  updateTitle() {
    this.refs.title.textContent = countLabel(this.count);
    const empty = this.refs.list.children.length === 0;
    this.refs.invite.hidden = !empty;
    this.refs.sort.hidden = empty && !this.inline.view;
    updatePaging(this);
  }

  appendPage(data) {
    const before = new Set(this.comments.keys());
    for (const comment of this.inline.filter(data.comments)) this.refs.list.append(buildComment(this, comment));
    this.nextCursor = data.next_cursor;
    adoptKept(this);
    this.updateTitle();
    syncMyVotes(this, [...this.comments.keys()].filter((id) => !before.has(id)));
  }

  // ----- writing -----

  buildForm({ parent = null, title = MESSAGES.leaveComment, onCancel = null } = {}) {
    const kept = this.store.read("guest");
    const form = buildCommentForm({
      title,
      signedIn: this.getAttribute("signed-in") || "",
      // Kept in this browser if they said so, else for this page's life.
      remembered: { ...this.guest, ...kept },
      remember: Object.keys(kept).length > 0,
      guidelines: this.guidelinesUrl,
      // On the site's own pages a guest may sign in instead, and come back.
      account: parent === null && this.sameOrigin ? accountUrls(this.apiBase) : null,
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
    const existing = item.querySelector(":scope > article > form[data-kind=reply]");
    if (existing) {
      existing.querySelector("textarea").focus();
      return;
    }
    const form = this.buildForm({
      parent: comment.id,
      title: say("replyTo", { name: comment.author.name }),
      onCancel: () => {
        const at = form.closest("li.comment");
        form.remove();
        at?.querySelector(":scope > article [data-action=reply]")?.focus();
      },
    });
    form.dataset.kind = "reply";
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

ParleyComments.define();
