// <parley-comments>: the reader discussion as a platform element.
//
// Attributes are its API: thread (the key), api (base URL of /api/v1), sort,
// signed-in (the reader's name when the page knows it), closed, and same-origin
// (send cookies and the CSRF token; without it no cookie ever leaves the page and
// the reader is known by tokens kept in this origin's storage).
// Whatever the server rendered inside the element stays as the no-JS fallback
// until the first page arrives from the API.
//
// This module is the entry point: it defines the element and orchestrates the
// others (api.js, store.js, templates.js, comment-view.js, comment-form.js,
// events.js, counts.js, votes.js). It re-exports fillCounts for embed.js and pages.

import { ApiClient, threadPath } from "./api.js";
import { buildCommentForm, buildEditForm, readCommentForm, showErrors } from "./comment-form.js";
import { buildComment, fillComment, repliesOf } from "./comment-view.js";
import { countLabel } from "./counts.js";
import { emit } from "./events.js";
import { ReaderStore } from "./store.js";
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

  connectedCallback() {
    if (this.started || !this.thread) return;
    this.started = true;
    this.store = new ReaderStore(this.apiBase);
    this.api = new ApiClient({ base: this.apiBase, sameOrigin: this.sameOrigin, store: this.store });
    this.load();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (this.started && oldValue !== newValue) this.load();
  }

  // ----- loading -----

  async load() {
    const params = new URLSearchParams({ sort: this.sort });
    let data;
    try {
      data = await this.api.request("GET", `${threadPath(this.thread)}?${params}`);
    } catch (error) {
      this.showStatus(error.message);
      return;
    }
    this.renderShell(data);
    this.appendPage(data);
    emit(this, "loaded", { thread: this.thread, count: data.thread.comment_count });
  }

  async loadMore({ all = false } = {}) {
    const buttons = this.querySelectorAll("[data-ref=more] button");
    buttons.forEach((button) => (button.disabled = true));
    try {
      do {
        const params = new URLSearchParams({ sort: this.sort, cursor: this.nextCursor });
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
    if (!this.closed) this.refs["form-slot"].append(this.buildForm());
    for (const [value, label] of SORTS) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.setAttribute("aria-pressed", String(value === this.sort));
      button.addEventListener("click", () => (this.sort = value));
      this.refs.sort.append(button);
    }
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
    for (const comment of data.comments) this.refs.list.append(buildComment(this, comment));
    this.nextCursor = data.next_cursor;
    this.refs.more.hidden = !this.nextCursor;
    this.updateTitle();
    syncMyVotes(this, [...this.comments.keys()].filter((id) => !before.has(id)));
  }

  // ----- writing -----

  buildForm({ parent = null, title = "Leave a comment", onCancel = null } = {}) {
    return buildCommentForm({
      title,
      signedIn: this.getAttribute("signed-in") || "",
      remembered: this.store.read("guest"),
      onCancel,
      onSubmit: (form) => this.submit(form, parent),
    });
  }

  async submit(form, parent) {
    const signedIn = this.hasAttribute("signed-in");
    const { payload, errors } = readCommentForm(form, { signedIn, parent });
    if (Object.keys(errors).length) {
      showErrors(form, errors);
      return;
    }
    if (!this.thread.startsWith("article-")) {
      payload.thread_title = document.title.slice(0, 300);
      payload.thread_url = location.href.slice(0, 1000);
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const comment = await this.api.request("POST", threadPath(this.thread), payload);
      this.store.write("edit", { ...this.store.read("edit"), [comment.id]: comment.edit_token });
      if (!signedIn) this.store.write("guest", { name: payload.name, email: payload.email, website: payload.website });
      showErrors(form, {});
      form.elements.body.value = "";
      this.insertComment(comment, parent, form);
      emit(this, "posted", { id: comment.id, parent, thread: this.thread });
    } catch (error) {
      showErrors(form, error.errors);
    } finally {
      button.disabled = false;
    }
  }

  insertComment(comment, parent, form) {
    if (parent === null) {
      comment.depth = 0;
      this.refs.list.prepend(buildComment(this, comment));
    } else {
      comment.depth = (this.comments.get(parent)?.depth ?? 0) + 1;
      const item = buildComment(this, comment);
      repliesOf(this.querySelector(`#comment-${parent}`)).append(item);
      form.remove();
    }
    this.count += 1;
    this.updateTitle();
    this.querySelector(`#comment-${comment.id} .comment__author`).scrollIntoView({ block: "nearest" });
  }

  // ----- per-comment actions -----

  onAction(event, item, comment) {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.vote) castVote(this, item, comment, Number(button.dataset.vote));
    else if (button.dataset.action === "reply") this.openReply(item, comment);
    else if (button.dataset.action === "edit") this.openEdit(item, comment);
    else if (button.dataset.action === "delete") this.confirmDelete(button, item, comment);
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

  async openEdit(item, comment) {
    const body = item.querySelector(":scope > article > .comment__body");
    if (item.querySelector(":scope > article > .comment-form")) return;
    let source;
    try {
      source = await this.api.request("GET", `/comments/${comment.id}`);
    } catch (error) {
      this.showStatus(error.message);
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
        try {
          const updated = await this.api.request("PATCH", `/comments/${comment.id}`, { body: markdown }, {
            "X-Parley-Edit-Token": this.store.editToken(comment.id),
          });
          Object.assign(comment, { body_html: updated.body_html, edited_at: updated.edited_at });
          close();
          fillComment(this, item, comment);
          emit(this, "edited", { id: comment.id });
        } catch (error) {
          showErrors(form, error.errors);
        }
      },
    });
    body.hidden = true;
    body.after(form);
    form.elements.body.focus();
  }

  async confirmDelete(button, item, comment) {
    if (button.dataset.confirming !== "true") {
      button.dataset.confirming = "true";
      button.textContent = "Really delete?";
      return;
    }
    try {
      await this.api.request("DELETE", `/comments/${comment.id}`, undefined, {
        "X-Parley-Edit-Token": this.store.editToken(comment.id),
      });
      const replies = item.querySelector(":scope > .comments--replies");
      if (replies && replies.children.length) {
        comment.is_deleted = true;
        fillComment(this, item, comment);
      } else {
        item.remove();
      }
      this.count -= 1;
      this.updateTitle();
      emit(this, "deleted", { id: comment.id });
    } catch (error) {
      this.showStatus(error.message);
    }
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
