// report.js: the "Report" disclosure on a comment.
//
// openReport(host, item, comment) fills the comment's <details class="report">
// with its form the first time it opens: a reason (spam, abuse, off topic,
// other) and a note, which the server requires for "other". The report goes to
// POST {api}/comments/{id}/report; whether it is the reader's first (201) or a
// repeat (200), the form gives way to the same thanks. The host is the
// <parley-comments> element.

import { showErrors } from "./comment-form.js";
import { emit } from "./events.js";
import { MESSAGES } from "./messages.js";
import { clone, reportTemplate } from "./templates.js";

export function openReport(host, item, comment) {
  const details = item.querySelector(":scope > article .report");
  if (details.querySelector("form, .report__thanks")) return;
  const form = clone(reportTemplate).querySelector("form");
  const note = form.elements.note;
  note.id = `parley-report-${comment.id}-note`;
  form.addEventListener("change", () => {
    note.required = form.elements.reason.value === "other";
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sendReport(host, form, comment);
  });
  details.append(form);
  // Opened by a click on its summary: the first reason is the next stop.
  requestAnimationFrame(() => form.querySelector("input").focus());
}

async function sendReport(host, form, comment) {
  const details = form.closest("details");
  const reason = form.elements.reason.value;
  if (!reason) {
    showErrors(form, { general: MESSAGES.reportChoose });
    return;
  }
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const result = await host.api.request("POST", `/comments/${comment.id}/report`, {
      reason,
      note: form.elements.note.value,
    });
    // A first-time guest is given a reader token with the report: keep it.
    if (result && result.voter_token) host.store.write("voter", { token: result.voter_token });
  } catch (error) {
    showErrors(form, error.errors);
    button.disabled = false;
    return;
  }
  const thanks = document.createElement("p");
  thanks.className = "report__thanks";
  thanks.setAttribute("role", "status");
  thanks.textContent = MESSAGES.reportThanks;
  form.replaceWith(thanks);
  // Reported: the disclosure's "Report" has nothing more to offer.
  details.querySelector("summary").hidden = true;
  emit(host, "reported", { id: comment.id, reason });
}
