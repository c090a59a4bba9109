// templates.js: the widget's markup, as <template> elements to clone.
//
// Nothing here holds a reader's data: the other modules clone these and fill
// them with textContent and attributes (the one exception, a comment's body_html,
// is rendered and sanitized by the server). `data-ref` marks the nodes the
// element looks up; `data-error` the slots for a form's error sentences. The
// widget's own words come from messages.js (`say`), escaped for HTML.

import { MESSAGES, REASONS, wordsVersion } from "./messages.js";

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const escape = (text) => text.replace(/[&<>"]/g, (char) => ESCAPES[char]);
// i18n: a word is a mark until its template is first cloned, and then the word
// MESSAGES holds (the server's catalogue's, once loadMessages has run).
const say = (name) => `\u0001${name}\u0002`;

// The field people can't see and bots fill in (class field--trap hides it).
const TRAP = `<p class="field field--trap" aria-hidden="true"><label>${say("honeypot")}</label>
  <input name="honeypot" tabindex="-1" autocomplete="off"></p>`;

// The second look: after the server's sentence beside the body, two ways on.
const SECOND_LOOK = `<p class="second-look" data-ref="second-look" hidden>
  <button type="button" class="button button--secondary" data-ref="edit-it">${say("editIt")}</button>
  <button type="button" class="button" data-ref="post-anyway">${say("postForReview")}</button></p>`;

// "Notify of" under the comment form (subscriptions.js wires it).
const NOTIFY = `<fieldset class="notify"><legend>${say("notifyLegend")}</legend>
      <label><input type="checkbox" name="notify" value="thread"> ${say("notifyThread")}</label>
      <label><input type="checkbox" name="notify" value="replies"> ${say("notifyReplies")}</label>
      <small class="hint" data-ref="notify-hint">${say("notifyGuestHint")}</small>
      <span class="parley-status" role="status" data-ref="notify-status"></span></fieldset>`;

function template(html) {
  return { html, element: null, version: -1 };
}

export const shellTemplate = template(`
  <h2 class="discussion__title" data-ref="title" tabindex="-1"></h2>
  <p class="discussion__closed" data-ref="closed" hidden>${say("closed")}</p>
  <div data-ref="form-slot"></div>
  <nav class="sort" aria-label="${say("sortLabel")}" data-ref="sort"><span>${say("sortBy")}</span></nav>
  <p class="parley-status" role="status" aria-live="polite" data-ref="status"></p>
  <p class="parley-announce" role="status" aria-live="polite" data-ref="announce"></p>
  <p class="discussion__invite" data-ref="invite" hidden></p>
  <ol class="comments" data-ref="list"></ol>
  <div class="more" data-ref="more" hidden>
    <p class="more__shown" data-ref="shown"></p>
    <p class="more__actions">
      <button type="button" class="button button--secondary" data-ref="load-more">${say("viewAll")}</button>
      <button type="button" class="link" data-ref="to-top">${say("toTop")}</button>
      <button type="button" class="link" data-ref="to-form">${say("toForm")}</button>
    </p>
  </div>`);

export const formTemplate = template(`
  <form class="comment-form" novalidate>
    <h3 class="comment-form__title">${say("leaveComment")}</h3>
    <div class="form-errors" role="alert" data-error="general"></div>
    ${TRAP}
    <p class="field">
      <label>${say("bodyLabel")}</label>
      <textarea name="body" rows="4" maxlength="10000"></textarea>
      <span class="field-error" role="alert" data-error="body"></span>
      <small class="hint">${say("markdownHint")}</small>
    </p>
    ${SECOND_LOOK}
    <div class="field-row" data-ref="guest">
      <p class="field"><label>${say("nameLabel")}</label><input name="name" autocomplete="name" maxlength="100">
        <span class="field-error" role="alert" data-error="name"></span></p>
      <p class="field"><label>${say("emailLabel")}</label><input name="email" type="email" autocomplete="email">
        <span class="field-error" role="alert" data-error="email"></span></p>
      <p class="field"><label>${say("websiteLabel")}</label><input name="website" type="url" autocomplete="url">
        <span class="field-error" role="alert" data-error="website"></span></p>
    </div>
    <p class="field field--check" data-ref="remember"><label><input type="checkbox" name="remember"> ${say("remember")}</label></p>
    <p class="hint comment-form__account" data-ref="account" hidden></p>
    ${NOTIFY}
    <p class="comment-form__submit"><button class="button" type="submit">${say("postComment")}</button>
       <button class="button button--secondary" type="button" data-ref="cancel" hidden>${say("cancel")}</button>
       <a class="comment-form__guidelines" data-ref="guidelines">${say("guidelines")}</a></p>
  </form>`);

// No whitespace between the tags: the buttons sit side by side as they always have.
export const editFormTemplate = template(
  '<form class="comment-form">' +
    `<label>${say("editLabel")}</label>` +
    '<textarea name="body" rows="4"></textarea>' +
    '<span class="field-error" role="alert" data-error="body"></span>' +
    '<span class="field-error" role="alert" data-error="general"></span>' +
    SECOND_LOOK.replace(/\n\s*/g, "") +
    TRAP.replace(/\n\s*/g, "") +
    `<button type="submit" class="button">${say("save")}</button>` +
    `<button type="button" class="button button--secondary" data-ref="cancel">${say("cancel")}</button>` +
    "</form>",
);

export const commentTemplate = template(`
  <li class="comment">
    <article>
      <header class="comment__header">
        <span class="comment__author"></span>
        <span class="badge" data-ref="staff-badge" hidden>${say("staffBadge")}</span>
        <span class="badge badge--supporter" data-ref="supporter-badge" hidden>${say("supporter")}</span>
        <span class="badge badge--held" data-ref="held" hidden>${say("held")}</span>
        <a class="comment__time"><time></time></a>
        <span class="comment__edited" hidden>${say("editedMark")}</span>
      </header>
      <blockquote class="comment__quote" data-ref="quote" aria-label="${say("passageQuoted")}" hidden><p></p><footer class="comment__quote-stale" hidden></footer></blockquote>
      <div class="comment__body"></div>
      <p class="hint comment__held" data-ref="held-hint" hidden></p>
      <p class="hint comment__desk" data-ref="desk" hidden><a>${say("desk")}</a></p>
      <footer class="comment__actions">
        <span class="votes">
          <button type="button" data-vote="1" aria-label="${say("voteUp")}" aria-pressed="false">▲</button>
          <span class="votes__score" aria-label="${say("score")}"></span>
          <button type="button" data-vote="-1" aria-label="${say("voteDown")}" aria-pressed="false">▼</button>
        </span>
        <button type="button" class="link" data-action="reply">${say("reply")}</button>
        <button type="button" class="link" data-action="edit" hidden>${say("edit")}</button>
        <button type="button" class="link" data-action="delete" hidden>${say("delete")}</button>
        <span class="comment__edit-left" data-ref="edit-left" hidden></span>
        <button type="button" class="link" data-action="notify">${say("notifyComment")}</button>
        <details class="report" hidden><summary class="link">${say("report")}</summary></details>
        <span class="staff" role="group" aria-label="${say("staff")}" hidden>
          <button type="button" class="link" data-staff="approve">${say("approve")}</button>
          <button type="button" class="link" data-staff="reject">${say("reject")}</button>
          <button type="button" class="link" data-staff="feature" aria-pressed="false">${say("feature")}</button>
        </span>
        <span class="comment__moderated" role="status"></span>
        <span class="comment__error field-error" role="alert" data-ref="error"></span>
      </footer>
    </article>
  </li>`);

// The report disclosure's form, cloned into a comment's <details> when opened.
export const reportTemplate = template(`
  <form class="report__form" novalidate>
    <fieldset>
      <legend>${say("reportLegend")}</legend>
      ${REASONS.map((value) => `<label><input type="radio" name="reason" value="${value}"> ${say(`reason_${value}`)}</label>`).join("\n      ")}
    </fieldset>
    <label class="report__note">${say("reportNote")} <textarea name="note" rows="2" maxlength="500"></textarea></label>
    <span class="field-error" role="alert" data-error="general"></span>
    <button type="submit" class="button button--secondary">${say("reportSend")}</button>
  </form>`);

// The heading of the Inline Feedbacks view (inline-feedback.js): every comment
// on a passage, or one passage's, quoted.
export const feedbackPanelTemplate = template(`
  <div class="feedback-view">
    <h3 class="feedback-view__title" tabindex="-1"></h3>
    <blockquote class="feedback-view__quote"></blockquote>
    <p class="hint"><button type="button" class="link" data-ref="all">${say("allComments")}</button></p>
  </div>`);

// A fragment holding a fresh copy of the template's content.
export function clone(source) {
  if (source.version !== wordsVersion) {
    source.element = document.createElement("template");
    source.element.innerHTML = source.html.replace(/\u0001(\w+)\u0002/g, (mark, name) => escape(MESSAGES[name]));
    source.version = wordsVersion;
  }
  return source.element.content.cloneNode(true);
}

// "Notify of new replies to this comment", opened under a comment.
export const notifyTemplate = template(`
  <form class="notify-comment" novalidate>
    <p class="field"><label>${say("notifyEmail")}</label> <input name="email" type="email" autocomplete="email"></p>
    <p><button class="button" type="submit">${say("notifyMe")}</button> <span class="parley-status" role="status" data-ref="status"></span></p>
  </form>`);
