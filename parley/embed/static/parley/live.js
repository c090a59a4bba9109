// live.js: the thread as it happens, for <parley-comments>.
//
// startLive(host) opens the thread's event stream (GET /threads/KEY/events,
// Server-Sent Events) once the first page is shown. New comments and replies
// are held back and counted in a button, "1 new comment — show", that never
// moves what the reader is reading; activating it inserts them and moves the
// focus to the first. Edits, deletions and scores apply in place. The reader's
// own comment, which the widget shows as soon as it is posted, is never counted
// as new. The thread's count goes to the title and, as a `parley:count` event
// ({thread, count}), to the page's counters (counts.js).
//
// The browser's EventSource reconnects by itself, sending the last event's id;
// when the server refuses (the service is busy) this module tries again later
// with that id as `since`. An empty discussion of another site's page may have
// no thread yet: its stream opens once the reader posts. A `reload` event (the id
// is too old) fetches the first page again.

import { emit } from "./events.js";
import { plural } from "./messages.js";
import { fillComment, fillVotes } from "./comment-view.js";
import { insertComment } from "./placement.js";

const RETRY_MS = 30000;

export function startLive(host) {
  if (host.live) host.live.reset();
  else host.live = new LiveThread(host);
  return host.live;
}

class LiveThread {
  constructor(host) {
    this.host = host;
    this.waiting = new Map(); // id -> comment, in order of arrival
    this.lastId = "";
    this.touched = new Set(); // comments the stream has spoken of
    this.serverCount = null; // the thread's count as last sent
    for (const name of ["posted", "edited", "deleted", "moderated"]) {
      host.addEventListener(`parley:${name}`, (event) => this.onOwn(name, event.detail));
    }
    this.reset();
    // A discussion of another site's page starts with its first comment: until
    // then there is no thread to follow (the reader's own post opens it).
    if (host.count > 0 || host.thread.startsWith("article-")) this.open();
  }

  // A new view was drawn (first load, sort change, reload): the bar is
  // drawn once, with the shell, and emptied for each view.
  reset() {
    this.waiting.clear();
    if (this.bar && this.bar.isConnected) {
      this.updateBar();
      return;
    }
    const slot = this.host.refs.list;
    this.bar = document.createElement("p");
    this.bar.className = "live-new";
    this.bar.setAttribute("aria-live", "polite");
    this.button = document.createElement("button");
    this.button.type = "button";
    this.button.className = "button button--secondary";
    this.button.hidden = true;
    this.button.addEventListener("click", () => this.show());
    this.bar.append(this.button);
    slot.before(this.bar);
  }

  get url() {
    const key = this.host.thread.split("/").map(encodeURIComponent).join("/");
    const since = this.lastId ? `?since=${encodeURIComponent(this.lastId)}` : "";
    return `${this.host.apiBase}/threads/${key}/events${since}`;
  }

  open() {
    clearTimeout(this.retry);
    if (this.source) this.source.close();
    const source = new EventSource(new URL(this.url, location.href));
    this.source = source;
    const on = (name, handle) =>
      source.addEventListener(name, (event) => {
        this.lastId = event.lastEventId || this.lastId;
        handle(event.data ? JSON.parse(event.data) : {});
      });
    on("comment", (data) => this.onComment(data));
    on("update", (data) => this.onUpdate(data));
    on("remove", (data) => this.onRemove(data));
    on("vote", (data) => this.onVote(data));
    on("reload", () => this.host.load());
    on("ready", () => {});
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) {
        this.retry = setTimeout(() => this.open(), RETRY_MS);
      }
    });
  }

  close() {
    clearTimeout(this.retry);
    if (this.source) this.source.close();
  }

  // ----- events -----

  onComment({ comment, count }) {
    this.touched.add(comment.id);
    if (this.host.comments.has(comment.id)) this.onUpdate({ comment, count });
    else {
      this.waiting.set(comment.id, comment);
      this.setCount(count);
      this.updateBar();
    }
  }

  onUpdate({ comment, count }) {
    this.touched.add(comment.id);
    const shown = this.host.comments.get(comment.id);
    if (shown) {
      // Where it shows stays: its depth and "@name" are the page's (placement.js).
      const { replies, depth, reply_to } = shown;
      Object.assign(shown, comment, { replies, depth, reply_to });
      const item = this.item(comment.id);
      if (item) fillComment(this.host, item, shown);
    } else if (this.waiting.has(comment.id)) this.waiting.set(comment.id, comment);
    this.setCount(count);
  }

  onRemove({ id, count }) {
    this.touched.add(id);
    this.waiting.delete(id);
    this.updateBar();
    let item = this.item(id);
    if (item) {
      const replies = item.querySelector(":scope > .comments--replies");
      // A form open on it (a reply being written) keeps it as "[deleted]".
      const writing = item.querySelector(":scope > article > form");
      if ((replies && replies.children.length) || writing) {
        const shown = this.host.comments.get(id);
        shown.is_deleted = true;
        fillComment(this.host, item, shown);
      } else {
        // A "[deleted]" parent left without replies goes too, as on the server.
        while (item) {
          const parent = item.parentElement.closest("li[data-id]");
          this.host.comments.delete(Number(item.dataset.id));
          item.remove();
          const above = parent && this.host.comments.get(Number(parent.dataset.id));
          const empty = parent && !parent.querySelector(":scope > .comments--replies > li");
          item = above && above.is_deleted && empty ? parent : null;
        }
      }
    }
    this.setCount(count);
  }

  onVote({ id, score, upvotes, downvotes }) {
    const comment = this.host.comments.get(id) || this.waiting.get(id);
    if (!comment) return;
    Object.assign(comment, { score, upvotes, downvotes });
    const item = this.item(id);
    if (item) fillVotes(this.host, item, comment);
  }

  // The reader's own writes: their comment is shown already, never "new".
  // The widget moved its count by itself; if the stream spoke of that comment
  // first, its count (which includes this write) is the right one.
  onOwn(name, detail) {
    if (name === "posted") {
      this.waiting.delete(detail.id);
      this.updateBar();
      if (!this.source || this.source.readyState === EventSource.CLOSED) this.open();
    }
    if (this.touched.has(detail.id) && this.serverCount !== null) this.setCount(this.serverCount);
    else emit(this.host, "count", { thread: this.host.thread, count: this.host.count });
  }

  // ----- the "N new comments — show" button -----

  countable() {
    // A reply counts when its parent is shown or waiting: it can be inserted.
    return [...this.waiting.values()].filter(
      (comment) => comment.parent === null || this.item(comment.parent) || this.waiting.has(comment.parent),
    );
  }

  // The bar takes room above the list when it shows (and gives it back when it
  // goes), which must not move what the reader sees. With the list's top above
  // the viewport the browser's scroll anchoring keeps the page still, and the
  // list is measured where it was; with it on screen the page scrolls by what
  // the bar took; with the discussion below the viewport nothing on screen moves.
  updateBar() {
    const count = this.countable().length;
    const list = this.host.refs.list;
    const before = list.getBoundingClientRect().top;
    this.button.hidden = count === 0;
    this.button.textContent = count ? plural("newComments", count) : "";
    const moved = list.getBoundingClientRect().top - before;
    if (moved && before <= document.documentElement.clientHeight) {
      window.scrollBy({ top: moved, behavior: "instant" });
    }
  }

  show() {
    const comments = this.countable();
    this.waiting.clear();
    const count = this.host.count;
    let first = null;
    // Top-level comments go on top, the newest first; replies under their parent.
    for (const comment of comments) {
      if (comment.parent !== null && !this.item(comment.parent)) continue;
      const item = insertComment(this.host, { ...comment, replies: [] });
      item.classList.add("comment--new");
      first = first || item;
    }
    this.setCount(count);
    this.updateBar();
    if (first) {
      const article = first.querySelector(":scope > article");
      article.tabIndex = -1;
      article.focus({ preventScroll: false });
    }
  }

  // ----- helpers -----

  item(id) {
    return this.host.querySelector(`#comment-${id}`);
  }

  setCount(count) {
    if (typeof count !== "number") return;
    this.serverCount = count;
    this.host.count = count;
    this.host.updateTitle();
    emit(this.host, "count", { thread: this.host.thread, count });
  }
}
