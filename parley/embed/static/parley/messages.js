// messages.js: the reader-facing words the widget itself adds.
//
// The server's refusals (a failed captcha, the second look, "awaiting
// moderation", a ban, a rate limit) arrive as sentences in its answers and are
// shown as they are; only the words for the widget's own controls live here, in
// one place, so that a later change can fetch them from the server's catalogue.

export const MESSAGES = {
  honeypot: "Leave this field empty",
  guidelines: "Community guidelines",
  held: "Awaiting moderation",
  heldHint: "Only you can see it until a moderator approves it.",
  heldForModerator: "Held for review: readers don't see it.",
  rejected: "Rejected",
  // A comment's author gave recently and chose to say so (comment-view.js).
  supporter: "Supporter",
  editIt: "Edit it",
  postForReview: "Post it for review",
  report: "Report",
  reportLegend: "Why should a moderator look at this comment?",
  reportNote: "Note (needed for Other)",
  reportSend: "Send report",
  reportChoose: "Please choose a reason.",
  reportThanks: "Thanks, a moderator will look at it.",
  reasons: [
    ["spam", "Spam"],
    ["abuse", "Abuse"],
    ["off_topic", "Off topic"],
    ["other", "Other"],
  ],
  staff: "Moderate",
  approve: "Approve",
  reject: "Reject",
  feature: "Feature",
  unfeature: "Unfeature",
  approved: "Approved: readers see it.",
  rejectedDone: "Rejected: readers no longer see it.",
  featured: "Featured.",
  unfeatured: "No longer featured.",
  // Inline feedback (inline-feedback.js).
  inlineFeedbacks: "Inline Feedbacks",
  commentOnPassage: "Comment on this passage",
  commentsOnPassage: "Comments on this passage",
  wholeArticle: "Comment on the whole article",
  allComments: "All comments",
  passageQuoted: "The passage commented on",
  earlierVersion: "on an earlier version of this article",
  // "Notify of" (subscriptions.js); the server's answers are shown as they come.
  notifyLegend: "Notify of",
  notifyThread: "new follow-up comments",
  notifyReplies: "new replies to my comments",
  notifyComment: "Notify of new replies to this comment",
  notifyGuestHint: "By e-mail to the address above, once you confirm it.",
  notifyAccountHint: "By e-mail to your account's address.",
  notifyNeedsEmail: "Please enter your e-mail address to be notified.",
  notifyEmail: "Your e-mail address",
  notifyMe: "Notify me",
  // live.js: new comments held back until the reader asks for them.
  newComments: (count) => `${count.toLocaleString("en")} new comment${count === 1 ? "" : "s"} — show`,
  // The forms (comment-form.js), word for word as the server's.
  leaveComment: "Leave a comment",
  replyTo: (name) => `Reply to ${name}`,
  commentingAs: "Commenting as",
  markdownHint: "Markdown: *emphasis*, **strong**, [links](https://…), > quotes, `code`, lists.",
  manageNotifications: "manage your notifications",
  notifyAccountHintLinked: "By e-mail to your account's address;",
  reallyDelete: "Really delete?",
  // Paging (paging.js): pages load as the reader asks, never all at once.
  viewAll: "View all comments",
  loadMore: "Load more comments",
  shownOf: (shown, total) => `Showing ${shown.toLocaleString("en")} of ${total.toLocaleString("en")} comments`,
  toTop: "Back to the top of the discussion",
  toForm: "Write a comment",
  // What the polite live region says (announce.js).
  posted: "Comment posted",
  replied: "Reply posted",
  edited: "Edit saved",
  deleted: "Comment deleted",
  sorted: (label) => `Sorted by ${label}.`,
  loaded: (count) => `${count.toLocaleString("en")} more comment${count === 1 ? "" : "s"} loaded.`,
  // The edit window (edit-window.js), beside a reader's Edit and Delete.
  editableFor: (ms) => {
    const minutes = Math.ceil(ms / 60000);
    if (ms < 60000) return "Editable for less than a minute";
    return `Editable for ${minutes} more minute${minutes === 1 ? "" : "s"}`;
  },
};

// "3 comments on this passage": a passage marker's accessible name.
export function passageLabel(count) {
  return plural("passageLabel", count) || `${count} comment${count === 1 ? "" : "s"} on this passage`;
}

// "You can try again in 40 seconds." from a Retry-After value (seconds or a date).
export function retryMessage(retryAfter, now = Date.now()) {
  if (!retryAfter) return "";
  const seconds = /^\d+$/.test(retryAfter)
    ? Number(retryAfter)
    : Math.round((Date.parse(retryAfter) - now) / 1000);
  if (!Number.isFinite(seconds) || seconds <= 0) return "";
  if (seconds < 90) return plural("retrySeconds", seconds) || `You can try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  const minutes = Math.round(seconds / 60);
  if (seconds < 3600) return plural("retryMinutes", minutes) || `You can try again in ${minutes} minutes.`;
  const time = new Intl.DateTimeFormat(language, { timeStyle: "short" }).format(new Date(now + seconds * 1000));
  return fill(MESSAGES.retryAt || "You can try again at %(time)s.", { time });
}

// ----- the server's catalogue (i18n) -----
// The words above are the English fallback. Before its first render the
// element awaits loadMessages(apiBase, lang): GET <api>/widget/messages gives
// every word in the reader's language from the site's translation catalogue
// (parley/embed/catalogue.py), and each sentence with a number as one string
// per CLDR plural category, picked here with Intl.PluralRules. A failed
// request leaves the English words.

let language = "en";
let plurals = {};
// Bumped when the words change: templates.js rebuilds its templates then.
export let wordsVersion = 0;
let pluralRules = new Intl.PluralRules("en");

// Replace each %(name)s with its value.
function fill(text, values) {
  return text.replace(/%\((\w+)\)s/g, (whole, name) => (name in values ? values[name] : whole));
}

// The catalogue's sentence for `count` things, or "" before it arrives.
export function plural(key, count) {
  const forms = plurals[key];
  if (!forms) return "";
  const text = forms[pluralRules.select(count)] || forms.other || "";
  return fill(text, { count: count.toLocaleString(language) });
}

export async function loadMessages(apiBase, lang = "") {
  const query = lang ? `?${new URLSearchParams({ lang })}` : "";
  try {
    const response = await fetch(`${apiBase}/widget/messages${query}`, { credentials: "omit" });
    if (!response.ok) return;
    const data = await response.json();
    language = data.language;
    pluralRules = new Intl.PluralRules(language);
    plurals = data.plurals || {};
    const words = data.messages || {};
    for (const [key, text] of Object.entries(words)) {
      if (typeof MESSAGES[key] === "string" || !(key in MESSAGES)) MESSAGES[key] = text;
    }
    MESSAGES.reasons = MESSAGES.reasons.map(([value, label]) => [value, words[`reason_${value}`] || label]);
    if (plurals.newComments) MESSAGES.newComments = (count) => plural("newComments", count);
    wordsVersion += 1;
  } catch {
    // Offline or refused: the English words stay.
  }
}
