// inline-feedback.js: comments on passages of the article, in <parley-comments>.
//
// On the site's own article page the body carries data-parley-passages="KEY"
// (the thread's key) and, where a passage has feedback or an editor's prompt,
// a server-rendered <span class="passage-markers" data-passage="START-END"
// data-comments="IDS"> with its count link and question: the no-JS fallback,
// which this module takes over. The reader can then
//   - select any passage (with the mouse, or the keyboard in caret browsing)
//     and reach "Comment on this passage", placed right after the paragraph;
//   - activate a marker or prompt to see that passage's feedback, with a form
//     quoting it;
//   - open the "Inline Feedbacks" view beside Newest / Oldest / Most Voted.
// A quote is kept as a W3C TextQuoteSelector (exact text, up to 32 characters
// before and after) over the body's plain text as the server computes it: each
// paragraph's text, markers left out, one space between paragraphs; START-END
// count code points in it. Where there is no article body (a page elsewhere),
// nothing is added, and comments' quotes are still shown. Quotes are only ever
// set as textContent. The text itself (the body's plain text, quotes, whole
// words) is text-quote.js's.

import { MESSAGES, number, passageLabel } from "./messages.js";
import { clone, feedbackPanelTemplate } from "./templates.js";
import { codePoints, indexBody, offsetOf, quoteAt, wholeWords } from "./text-quote.js";

export class InlineFeedback {
  constructor(host) {
    this.host = host;
    this.body = undefined; // found on first use: the element may not be in the page yet
    this.view = ""; // "", "all", or a passage's id
    this.passage = null; // {id, quote, ids} of the passage whose feedback is open
    this.selected = null; // the reader's selection, as a passage
  }

  // Find the article body of this thread (once) and start listening to it.
  start() {
    if (this.body !== undefined) return this.body;
    const key = this.host.thread;
    this.body = [...document.querySelectorAll("[data-parley-passages]")].find((el) => el.dataset.parleyPassages === key) || null;
    if (!this.body) return null;
    this.body.addEventListener("click", (event) => this.onMarker(event));
    this.host.addEventListener("parley:posted", (event) => this.posted(this.host.comments.get(event.detail.id)));
    document.addEventListener("selectionchange", () => this.onSelection());
    // A no-JS link (?feedback=all or a passage) opens the same view here.
    const asked = new URLSearchParams(location.search).get("feedback") || "";
    if (asked === "all") this.view = "all";
    else if (this.markerOf(asked)) [this.view, this.passage] = [asked, this.passageOf(asked)];
    return this.body;
  }

  // The body's plain text (markers and controls left out, so it never moves).
  text() {
    this.plain ??= indexBody(this.body).text;
    return this.plain;
  }

  markerOf(id) {
    return id ? [...this.body.querySelectorAll(".passage-markers")].find((el) => el.dataset.passage === id) : null;
  }

  // The passage with this id ("START-END" in code points) as the body reads now.
  passageOf(id) {
    const [start, end] = id.split("-").map(Number);
    const points = codePoints(this.text());
    const from = points.slice(0, start).join("").length;
    const passage = quoteAt(points.join(""), from, from + points.slice(start, end).join("").length);
    const marker = this.markerOf(passage.id);
    passage.ids = new Set((marker ? marker.dataset.comments : "").split(" ").filter(Boolean).map(Number));
    return passage;
  }

  // ----- the element's hooks -----

  // The API's query parameters for the view shown.
  params() {
    if (!this.start() || !this.view) return {};
    return this.passage ? { feedback: "true", limit: "500" } : { feedback: "true" };
  }

  // The comments of a page the view shows.
  filter(comments) {
    return this.passage ? comments.filter((comment) => this.passage.ids.has(comment.id)) : comments;
  }

  // Add the view's tab to the new shell (once).
  renderShell(refs) {
    if (!this.start()) return;
    refs.sort.addEventListener("click", (event) => this.onSort(event), true);
    const tab = document.createElement("button");
    tab.type = "button";
    tab.dataset.feedback = "all";
    tab.textContent = MESSAGES.inlineFeedbacks;
    refs.sort.append(tab);
  }

  // Show the view's heading and give the form its quote (every view): the
  // form is the same element throughout, only its quote comes and goes.
  renderView(refs) {
    if (!this.start()) return;
    refs.sort.querySelector("[data-feedback]").setAttribute("aria-pressed", String(Boolean(this.view)));
    refs.list.parentElement.querySelector(":scope > .feedback-view")?.remove();
    const form = refs["form-slot"].querySelector("form");
    if (form) this.unquote(form);
    if (!this.view) return;
    const panel = clone(feedbackPanelTemplate).firstElementChild;
    panel.querySelector("h3").textContent = this.passage ? MESSAGES.commentsOnPassage : MESSAGES.inlineFeedbacks;
    panel.querySelector("blockquote").hidden = !this.passage;
    panel.querySelector("blockquote").textContent = this.passage ? this.passage.quote.exact : "";
    panel.querySelector("[data-ref=all]").addEventListener("click", () => this.show("", null));
    refs.list.before(panel);
    if (form && this.passage) this.quoteIn(form, this.passage);
  }

  // Take a passage's quote off the new-comment form: back to the whole article.
  unquote(form) {
    delete form.parleyQuote;
    form.querySelector(".comment-form__title").textContent = MESSAGES.leaveComment;
    form.querySelectorAll(":scope > .comment-form__quote, :scope > .comment-form__cancel").forEach((node) => node.remove());
  }

  // Give the new-comment form the passage it comments on.
  quoteIn(form, passage) {
    form.parleyQuote = passage.quote;
    form.querySelector(".comment-form__title").textContent = MESSAGES.commentOnPassage;
    const quoted = document.createElement("blockquote");
    quoted.className = "comment-form__quote";
    quoted.textContent = passage.quote.exact;
    const whole = document.createElement("button");
    whole.type = "button";
    whole.className = "link comment-form__cancel";
    whole.textContent = MESSAGES.wholeArticle;
    whole.addEventListener("click", () => this.show("", null));
    form.querySelector(".comment-form__title").after(quoted, whole);
  }

  // ----- the reader's moves -----

  // Show a view ("" every comment, "all", or a passage's id) and focus `focus`.
  async show(view, passage, focus = "") {
    this.view = view;
    this.passage = passage;
    const target = { form: ".comment-form textarea", panel: ".feedback-view__title" }[focus];
    await this.host.load({ focus: target });
  }

  // A sort button leaves the view: the element reloads itself when the sort
  // moves, and is asked to here when it stays.
  onSort(event) {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.feedback) {
      this.show("all", null);
      return;
    }
    if (!this.view) return;
    this.view = "";
    this.passage = null;
    const sort = this.host.sort;
    setTimeout(() => this.host.sort === sort && this.host.load());
  }

  onMarker(event) {
    const link = event.target.closest(".passage-markers a");
    if (!link) return;
    event.preventDefault();
    const passage = this.passageOf(link.closest(".passage-markers").dataset.passage);
    const prompt = link.classList.contains("passage-prompt");
    this.host.scrollIntoView({ block: "start" });
    this.show(passage.id, passage, prompt ? "form" : "panel");
  }

  // Offer "Comment on this passage" after the paragraph the selection ends in.
  onSelection() {
    const selection = document.getSelection();
    const range = selection.rangeCount ? selection.getRangeAt(0) : null;
    const action = this.action();
    if (!range || range.collapsed || !this.body.contains(range.commonAncestorContainer)) {
      if (!action.contains(document.activeElement)) action.hidden = true;
      return;
    }
    const index = indexBody(this.body);
    let start = offsetOf(index, range.startContainer, range.startOffset);
    let end = offsetOf(index, range.endContainer, range.endOffset);
    while (start < end && /\s/.test(index.text[start])) start += 1;
    while (end > start && /\s/.test(index.text[end - 1])) end -= 1;
    if (start >= end) return;
    [start, end] = wholeWords(index.text, start, end);
    this.selected = quoteAt(index.text, start, end);
    const node = range.endContainer.nodeType === Node.TEXT_NODE ? range.endContainer.parentElement : range.endContainer;
    const paragraph = node.closest(".passage-action") ? null : node.closest("p");
    if (paragraph && this.body.contains(paragraph)) paragraph.after(action);
    action.hidden = false;
  }

  // The control that comments on the selection, made once.
  action() {
    if (this.actionElement) return this.actionElement;
    const action = document.createElement("p");
    action.className = "passage-action";
    action.hidden = true;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary";
    button.textContent = MESSAGES.commentOnPassage;
    button.addEventListener("click", () => {
      if (!this.selected) return;
      const passage = { ...this.selected, ids: this.passageOf(this.selected.id).ids };
      action.hidden = true;
      this.host.scrollIntoView({ block: "start" });
      this.show(passage.id, passage, "form");
    });
    action.append(button);
    this.body.append(action);
    this.actionElement = action;
    return action;
  }

  // A comment on the open passage was posted: count it at the passage.
  posted(comment) {
    if (!this.body || !comment.quote || !this.passage) return;
    this.passage.ids.add(comment.id);
    if (comment.status && comment.status !== "published") return; // held: for its author only
    const marker = this.markerOf(this.passage.id) || this.placeMarker(this.passage.id);
    const ids = new Set((marker.dataset.comments || "").split(" ").filter(Boolean));
    ids.add(String(comment.id));
    marker.dataset.comments = [...ids].join(" ");
    let link = marker.querySelector(".passage-marker");
    if (!link) {
      link = document.createElement("a");
      link.className = "passage-marker";
      link.href = `?feedback=${this.passage.id}#inline-feedbacks`;
      marker.prepend(link);
    }
    link.textContent = number(ids.size);
    link.setAttribute("aria-label", passageLabel(ids.size));
  }

  // A new marker's place: where the passage ends in the body.
  placeMarker(id) {
    const end = Number(id.split("-")[1]);
    const index = indexBody(this.body);
    const at = codePoints(index.text).slice(0, end).join("").length;
    const entry = index.nodes.findLast(({ start }) => start < at) || index.nodes[0];
    const marker = document.createElement("span");
    marker.className = "passage-markers";
    marker.id = `passage-${id}`;
    marker.dataset.passage = id;
    const after = at - entry.start < entry.node.length ? entry.node.splitText(at - entry.start) : null;
    entry.node.parentNode.insertBefore(marker, after || entry.node.nextSibling);
    return marker;
  }

  // Is this quote's passage gone from the body (edited since)?
  isStale(quote) {
    return Boolean(this.start() && quote && !this.text().includes(quote.exact));
  }
}

// Show a comment's quote (comment-view.js), marked when its passage is gone.
export function showQuote(host, item, comment) {
  const block = item.querySelector(":scope > article [data-ref=quote]");
  if (!block) return;
  block.hidden = !comment.quote;
  if (!comment.quote) return;
  block.querySelector("p").textContent = comment.quote.exact;
  const stale = block.querySelector("footer");
  stale.textContent = MESSAGES.earlierVersion;
  stale.hidden = !(host.inline && host.inline.isStale(comment.quote));
}
