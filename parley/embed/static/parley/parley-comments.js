// <parley-comments>: the reader discussion as a platform element.
//
// Attributes are its API: thread (the key), api (base URL of /api/v1), sort,
// signed-in (the reader's name when the page knows it), closed, and same-origin
// (send cookies and the CSRF token; without it no cookie ever leaves the page and
// the reader is known by tokens kept in this origin's storage).
// Whatever the server rendered inside the element stays as the no-JS fallback
// until the first page arrives from the API.

const SORTS = [
  ["newest", "Newest"],
  ["oldest", "Oldest"],
  ["votes", "Most Voted"],
];
const INVITE = "Would love your thoughts, please comment.";
const EMPTY_BODY = "Please enter your comment!";
const MISSING_NAME = "Please enter your name here";

const template = document.createElement("template");
template.innerHTML = `
  <h2 class="discussion__title" data-ref="title"></h2>
  <p class="discussion__closed" data-ref="closed" hidden>This discussion is closed to new comments.</p>
  <div data-ref="form-slot"></div>
  <nav class="sort" aria-label="Sort comments" data-ref="sort"><span>Sort by</span></nav>
  <p class="parley-status" role="status" aria-live="polite" data-ref="status"></p>
  <p class="discussion__invite" data-ref="invite" hidden></p>
  <ol class="comments" data-ref="list"></ol>
  <p class="more" data-ref="more" hidden>
    <button type="button" class="button button--secondary" data-ref="load-more">Load more comments</button>
    <button type="button" class="button button--secondary" data-ref="load-all">View all comments</button>
  </p>`;

const formTemplate = document.createElement("template");
formTemplate.innerHTML = `
  <form class="comment-form" novalidate>
    <h3 class="comment-form__title"></h3>
    <div class="form-errors" role="alert" data-error="general"></div>
    <p class="field">
      <label>Comment</label>
      <textarea name="body" rows="4" maxlength="10000"></textarea>
      <span class="field-error" role="alert" data-error="body"></span>
    </p>
    <div class="field-row" data-ref="guest">
      <p class="field"><label>Name</label><input name="name" autocomplete="name" maxlength="100">
        <span class="field-error" role="alert" data-error="name"></span></p>
      <p class="field"><label>E-mail (optional, never shown)</label><input name="email" type="email" autocomplete="email">
        <span class="field-error" role="alert" data-error="email"></span></p>
      <p class="field"><label>Website (optional)</label><input name="website" type="url" autocomplete="url">
        <span class="field-error" role="alert" data-error="website"></span></p>
    </div>
    <p><button class="button" type="submit">Post comment</button>
       <button class="button button--secondary" type="button" data-ref="cancel" hidden>Cancel</button></p>
  </form>`;

const commentTemplate = document.createElement("template");
commentTemplate.innerHTML = `
  <li class="comment">
    <article>
      <header class="comment__header">
        <span class="comment__author"></span>
        <span class="badge" hidden>Staff</span>
        <a class="comment__time"><time></time></a>
        <span class="comment__edited" hidden>(edited)</span>
      </header>
      <div class="comment__body"></div>
      <footer class="comment__actions">
        <span class="votes">
          <button type="button" data-vote="1" aria-label="Vote up" aria-pressed="false">▲</button>
          <span class="votes__score" aria-label="Score"></span>
          <button type="button" data-vote="-1" aria-label="Vote down" aria-pressed="false">▼</button>
        </span>
        <button type="button" class="link" data-action="reply">Reply</button>
        <button type="button" class="link" data-action="edit" hidden>Edit</button>
        <button type="button" class="link" data-action="delete" hidden>Delete</button>
      </footer>
    </article>
  </li>`;

let formCounter = 0;

function emit(element, name, detail) {
  element.dispatchEvent(new CustomEvent(`parley:${name}`, { bubbles: true, composed: true, detail }));
}

function readCookie(name) {
  const match = document.cookie.split("; ").find((part) => part.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : "";
}

class ApiError extends Error {
  constructor(status, errors) {
    super(Object.values(errors)[0] || `Request failed (${status}).`);
    this.status = status;
    this.errors = errors;
  }
}

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
    this.load();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (this.started && oldValue !== newValue) this.load();
  }

  // ----- storage: tokens this origin keeps for the reader -----

  storageKey(name) {
    return `parley:${this.apiBase}:${name}`;
  }

  readStore(name) {
    try {
      return JSON.parse(localStorage.getItem(this.storageKey(name)) || "{}");
    } catch {
      return {};
    }
  }

  writeStore(name, value) {
    try {
      localStorage.setItem(this.storageKey(name), JSON.stringify(value));
    } catch {
      // Private mode or full storage: the reader just loses edit rights on reload.
    }
  }

  editToken(id) {
    return this.readStore("edit")[id] || "";
  }

  // ----- network -----

  async request(method, path, body, extraHeaders = {}) {
    const headers = { Accept: "application/json", ...extraHeaders };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const voter = this.readStore("voter").token;
    if (voter) headers["X-Parley-Voter"] = voter;
    if (this.sameOrigin && method !== "GET") headers["X-CSRFToken"] = readCookie("csrftoken");
    let response;
    try {
      response = await fetch(`${this.apiBase}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: this.sameOrigin ? "same-origin" : "omit",
      });
    } catch {
      throw new ApiError(0, { general: "The discussion can't be reached right now. Please try again." });
    }
    if (response.status === 204) return null;
    let data = {};
    try {
      data = await response.json();
    } catch {
      data = {};
    }
    if (!response.ok) {
      const errors = data.errors || { general: data.detail || `Something went wrong (${response.status}).` };
      throw new ApiError(response.status, errors);
    }
    return data;
  }

  threadPath() {
    return `/threads/${this.thread.split("/").map(encodeURIComponent).join("/")}/comments`;
  }

  // ----- loading -----

  async load() {
    const params = new URLSearchParams({ sort: this.sort });
    let data;
    try {
      data = await this.request("GET", `${this.threadPath()}?${params}`);
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
        const data = await this.request("GET", `${this.threadPath()}?${params}`);
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
    this.replaceChildren(template.content.cloneNode(true));
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
    this.refs.title.textContent = `${this.count.toLocaleString("en")} comment${this.count === 1 ? "" : "s"}`;
    const empty = this.refs.list.children.length === 0;
    this.refs.invite.hidden = !empty;
    this.refs.sort.hidden = empty;
  }

  appendPage(data) {
    const before = new Set(this.comments.keys());
    for (const comment of data.comments) this.refs.list.append(this.buildComment(comment));
    this.nextCursor = data.next_cursor;
    this.refs.more.hidden = !this.nextCursor;
    this.updateTitle();
    this.syncMyVotes([...this.comments.keys()].filter((id) => !before.has(id)));
  }

  // The shared page carries no reader's votes; ask for this reader's own.
  async syncMyVotes(ids) {
    const known = this.sameOrigin || this.readStore("voter").token;
    if (!known || !ids.length) return;
    const votes = { ...this.readStore("votes") };
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500);
      let data;
      try {
        data = await this.request("GET", `/me/votes?${new URLSearchParams(chunk.map((id) => ["comment", id]))}`);
      } catch {
        return; // keep what this browser remembers
      }
      for (const id of chunk) votes[id] = data.votes[id] || 0;
    }
    this.writeStore("votes", votes);
    for (const id of ids) {
      const item = this.querySelector(`#comment-${id}`);
      if (item) this.fillVotes(item, this.comments.get(id));
    }
  }

  buildComment(comment) {
    this.comments.set(comment.id, comment);
    const item = commentTemplate.content.firstElementChild.cloneNode(true);
    item.id = `comment-${comment.id}`;
    item.classList.add(`depth-${comment.depth}`);
    item.dataset.id = comment.id;
    this.fillComment(item, comment);
    if (comment.replies.length) {
      const replies = document.createElement("ol");
      replies.className = "comments comments--replies";
      for (const reply of comment.replies) replies.append(this.buildComment(reply));
      item.append(replies);
    }
    return item;
  }

  fillComment(item, comment) {
    const own = (selector) => item.querySelector(`:scope > article ${selector}`);
    const article = item.querySelector(":scope > article");
    const author = own(".comment__author");
    const body = own(".comment__body");
    if (comment.is_deleted) {
      article.replaceChildren(Object.assign(document.createElement("p"), {
        className: "comment__deleted",
        textContent: "[deleted]",
      }));
      return;
    }
    if (comment.author.website) {
      const link = document.createElement("a");
      link.href = comment.author.website;
      link.rel = "nofollow ugc noopener";
      link.textContent = comment.author.name;
      author.replaceChildren(link);
    } else {
      author.textContent = comment.author.name;
    }
    article.setAttribute("aria-label", `Comment by ${comment.author.name}`);
    own(".badge").hidden = !comment.author.is_staff;
    const time = own("time");
    time.dateTime = comment.created_at;
    time.textContent = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" })
      .format(new Date(comment.created_at));
    own(".comment__time").href = `#comment-${comment.id}`;
    own(".comment__edited").hidden = !comment.edited_at;
    // body_html was rendered from a Markdown subset and sanitized by the server.
    body.innerHTML = comment.body_html;
    if (comment.reply_to) {
      const marker = document.createElement("span");
      marker.className = "comment__reply-to";
      marker.textContent = `@${comment.reply_to}`;
      body.prepend(marker);
    }
    this.fillVotes(item, comment);
    const mine = Boolean(this.editToken(comment.id)) && new Date(comment.editable_until) > new Date();
    own("[data-action=edit]").hidden = !mine;
    own("[data-action=delete]").hidden = !mine;
    own("[data-action=reply]").hidden = this.closed;
    const actions = own(".comment__actions");
    actions.onclick = (event) => this.onAction(event, item, comment);
  }

  fillVotes(item, comment) {
    const score = item.querySelector(":scope > article .votes__score");
    if (!score) return; // a "[deleted]" placeholder
    const myVote = this.readStore("votes")[comment.id] || 0;
    score.textContent = comment.score;
    const [up, down] = item.querySelectorAll(":scope > article [data-vote]");
    up.setAttribute("aria-pressed", String(myVote === 1));
    down.setAttribute("aria-pressed", String(myVote === -1));
    down.hidden = this.hasAttribute("upvotes-only");
  }

  // ----- forms -----

  buildForm({ parent = null, title = "Leave a comment", onCancel = null } = {}) {
    const fragment = formTemplate.content.cloneNode(true);
    const form = fragment.querySelector("form");
    const id = ++formCounter;
    for (const field of form.querySelectorAll("textarea, input")) {
      field.id = `parley-${id}-${field.name}`;
      field.closest(".field").querySelector("label").htmlFor = field.id;
      const error = form.querySelector(`[data-error=${field.name}]`);
      error.id = `${field.id}-error`;
      field.setAttribute("aria-describedby", error.id);
    }
    form.querySelector(".comment-form__title").textContent = title;
    const signedIn = this.getAttribute("signed-in");
    const guest = form.querySelector("[data-ref=guest]");
    if (signedIn) {
      const note = document.createElement("p");
      note.className = "hint";
      note.textContent = `Commenting as ${signedIn}.`;
      guest.replaceWith(note);
    } else {
      const remembered = this.readStore("guest");
      for (const name of ["name", "email", "website"]) form.elements[name].value = remembered[name] || "";
    }
    const cancel = form.querySelector("[data-ref=cancel]");
    if (onCancel) {
      cancel.hidden = false;
      cancel.addEventListener("click", onCancel);
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit(form, parent);
    });
    return form;
  }

  showErrors(form, errors) {
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

  async submit(form, parent) {
    const value = (name) => (form.elements[name] ? form.elements[name].value : "");
    const signedIn = this.hasAttribute("signed-in");
    const errors = {};
    if (!value("body").trim()) errors.body = EMPTY_BODY;
    if (!signedIn && !value("name").trim()) errors.name = MISSING_NAME;
    if (Object.keys(errors).length) {
      this.showErrors(form, errors);
      return;
    }
    const payload = { body: value("body"), parent };
    if (!signedIn) Object.assign(payload, { name: value("name"), email: value("email"), website: value("website") });
    if (!this.thread.startsWith("article-")) {
      payload.thread_title = document.title.slice(0, 300);
      payload.thread_url = location.href.slice(0, 1000);
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const comment = await this.request("POST", this.threadPath(), payload);
      this.writeStore("edit", { ...this.readStore("edit"), [comment.id]: comment.edit_token });
      if (!signedIn) this.writeStore("guest", { name: payload.name, email: payload.email, website: payload.website });
      this.showErrors(form, {});
      form.elements.body.value = "";
      this.insertComment(comment, parent, form);
      emit(this, "posted", { id: comment.id, parent, thread: this.thread });
    } catch (error) {
      this.showErrors(form, error.errors);
    } finally {
      button.disabled = false;
    }
  }

  insertComment(comment, parent, form) {
    if (parent === null) {
      comment.depth = 0;
      this.refs.list.prepend(this.buildComment(comment));
    } else {
      const parentItem = this.querySelector(`#comment-${parent}`);
      comment.depth = (this.comments.get(parent)?.depth ?? 0) + 1;
      const item = this.buildComment(comment);
      let replies = parentItem.querySelector(":scope > .comments--replies");
      if (!replies) {
        replies = document.createElement("ol");
        replies.className = "comments comments--replies";
        parentItem.append(replies);
      }
      replies.append(item);
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
    if (button.dataset.vote) this.vote(item, comment, Number(button.dataset.vote));
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

  async vote(item, comment, value) {
    const votes = this.readStore("votes");
    const next = votes[comment.id] === value ? 0 : value;
    try {
      const result = await this.request("POST", `/comments/${comment.id}/vote`, { value: next });
      if (result.voter_token) this.writeStore("voter", { token: result.voter_token });
      this.writeStore("votes", { ...this.readStore("votes"), [comment.id]: result.my_vote });
      Object.assign(comment, { score: result.score, upvotes: result.upvotes, downvotes: result.downvotes });
      this.fillVotes(item, comment);
      emit(this, "voted", { id: comment.id, value: result.my_vote, score: result.score });
    } catch (error) {
      this.showStatus(error.message);
    }
  }

  async openEdit(item, comment) {
    const body = item.querySelector(":scope > article > .comment__body");
    if (item.querySelector(":scope > article > .comment-form")) return;
    let source;
    try {
      source = await this.request("GET", `/comments/${comment.id}`);
    } catch (error) {
      this.showStatus(error.message);
      return;
    }
    const form = document.createElement("form");
    form.className = "comment-form";
    const id = `parley-edit-${comment.id}`;
    const label = Object.assign(document.createElement("label"), { htmlFor: id, textContent: "Edit your comment" });
    const textarea = Object.assign(document.createElement("textarea"), { id, name: "body", rows: 4 });
    textarea.value = source.body_markdown;
    const error = Object.assign(document.createElement("span"), { className: "field-error", role: "alert" });
    error.dataset.error = "body";
    const general = Object.assign(document.createElement("span"), { className: "field-error" });
    general.dataset.error = "general";
    const save = Object.assign(document.createElement("button"), { type: "submit", className: "button", textContent: "Save" });
    const cancel = Object.assign(document.createElement("button"), {
      type: "button", className: "button button--secondary", textContent: "Cancel",
    });
    cancel.addEventListener("click", () => {
      form.remove();
      body.hidden = false;
    });
    form.append(label, textarea, error, general, save, cancel);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!textarea.value.trim()) {
        this.showErrors(form, { body: EMPTY_BODY });
        return;
      }
      try {
        const updated = await this.request("PATCH", `/comments/${comment.id}`, { body: textarea.value }, {
          "X-Parley-Edit-Token": this.editToken(comment.id),
        });
        Object.assign(comment, { body_html: updated.body_html, edited_at: updated.edited_at });
        form.remove();
        body.hidden = false;
        this.fillComment(item, comment);
        emit(this, "edited", { id: comment.id });
      } catch (error) {
        this.showErrors(form, error.errors);
      }
    });
    body.hidden = true;
    body.after(form);
    textarea.focus();
  }

  async confirmDelete(button, item, comment) {
    if (button.dataset.confirming !== "true") {
      button.dataset.confirming = "true";
      button.textContent = "Really delete?";
      return;
    }
    try {
      await this.request("DELETE", `/comments/${comment.id}`, undefined, {
        "X-Parley-Edit-Token": this.editToken(comment.id),
      });
      const replies = item.querySelector(":scope > .comments--replies");
      if (replies && replies.children.length) {
        comment.is_deleted = true;
        this.fillComment(item, comment);
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

// Fill every element marked data-parley-count="KEY" with its thread's count, in one call.
export async function fillCounts(apiBase = "/api/v1", root = document) {
  const elements = [...root.querySelectorAll("[data-parley-count]")];
  const keys = [...new Set(elements.map((element) => element.dataset.parleyCount))].slice(0, 200);
  if (!keys.length) return;
  const params = new URLSearchParams(keys.map((key) => ["thread", key]));
  const response = await fetch(`${apiBase.replace(/\/$/, "")}/counts?${params}`, { credentials: "omit" });
  if (!response.ok) return;
  const { counts } = await response.json();
  for (const element of elements) {
    const count = counts[element.dataset.parleyCount] ?? 0;
    element.textContent = `${count.toLocaleString("en")} comment${count === 1 ? "" : "s"}`;
  }
}

ParleyComments.define();
