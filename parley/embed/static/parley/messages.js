// messages.js: every word the widget itself shows, in the reader's language.
//
// MESSAGES holds the English words, key by key as parley/embed/catalogue.py
// holds them (one line each, the same text: a test compares the two); PLURALS
// the English of each sentence that depends on a number, as [one, other]. Before
// its first render the element awaits loadMessages(apiBase, lang): GET
// <api>/widget/messages gives every word in the reader's language from the
// site's translation catalogue, and each sentence with a number as one string
// per CLDR plural category, picked here with Intl.PluralRules. A failed request
// leaves the English words. The server's own sentences (refusals, notices)
// arrive in its answers in the same language (api.js sends Accept-Language).
//
// Use: MESSAGES.key for a plain word, say("key", {name}) for a sentence with
// %(name)s placeholders, plural("key", count, {…}) for one with a number, and
// sentence("key", {name: node}) where a placeholder is an element (a link).

export const MESSAGES = {
  honeypot: "Leave this field empty",
  guidelines: "Community guidelines",
  held: "Awaiting moderation",
  heldHint: "Only you can see it until a moderator approves it.",
  heldForModerator: "Held for review: readers don't see it.",
  rejected: "Rejected",
  supporter: "Supporter",
  editIt: "Edit it",
  postForReview: "Post it for review",
  report: "Report",
  reportLegend: "Why should a moderator look at this comment?",
  reportNote: "Note (needed for Other)",
  reportSend: "Send report",
  reportChoose: "Please choose a reason.",
  reportThanks: "Thanks, a moderator will look at it.",
  staff: "Moderate",
  approve: "Approve",
  reject: "Reject",
  feature: "Feature",
  unfeature: "Unfeature",
  approved: "Approved: readers see it.",
  rejectedDone: "Rejected: readers no longer see it.",
  featured: "Featured.",
  unfeatured: "No longer featured.",
  desk: "Desk",
  inlineFeedbacks: "Inline Feedbacks",
  commentOnPassage: "Comment on this passage",
  commentsOnPassage: "Comments on this passage",
  wholeArticle: "Comment on the whole article",
  allComments: "All comments",
  passageQuoted: "The passage commented on",
  earlierVersion: "on an earlier version of this article",
  notifyLegend: "Notify of",
  notifyThread: "new follow-up comments",
  notifyReplies: "new replies to my comments",
  notifyComment: "Notify of new replies to this comment",
  notifyGuestHint: "By e-mail to the address above, once you confirm it.",
  notifyAccountHint: "By e-mail to your account's address.",
  notifyAccountManage: "By e-mail to your account's address; %(manage)s.",
  manageNotifications: "manage your notifications",
  notifyNeedsEmail: "Please enter your e-mail address to be notified.",
  notifyEmail: "Your e-mail address",
  notifyMe: "Notify me",
  retryAt: "You can try again at %(time)s.",
  // The shell (templates.js, parley-comments.js).
  invite: "Would love your thoughts, please comment.",
  closed: "This discussion is closed to new comments.",
  sortLabel: "Sort comments",
  sortBy: "Sort by",
  sortNewest: "Newest",
  sortOldest: "Oldest",
  sortVotes: "Most Voted",
  // The forms (comment-form.js), word for word as the server's.
  leaveComment: "Leave a comment",
  replyTo: "Reply to %(name)s",
  commentingAs: "Commenting as %(name)s.",
  account: "Have an account? <a href=\"%(sign_in_url)s?next=%(back)s\">Sign in</a>, or <a href=\"%(sign_up_url)s?next=%(back)s\">create one</a> to comment under your name.",
  bodyLabel: "Comment",
  nameLabel: "Name",
  emailLabel: "E-mail (optional, never shown)",
  websiteLabel: "Website (optional)",
  markdownHint: "Markdown: *emphasis*, **strong**, [links](https://…), > quotes, `code`, lists.",
  postComment: "Post comment",
  cancel: "Cancel",
  remember: "Keep my details in this browser for the next time I comment.",
  emptyBody: "Please enter your comment!",
  missingName: "Please enter your name here",
  editLabel: "Edit your comment",
  save: "Save",
  // A comment (comment-view.js).
  commentBy: "Comment by %(name)s",
  deletedMark: "[deleted]",
  staffBadge: "Staff",
  editedMark: "(edited)",
  voteUp: "Vote up",
  voteDown: "Vote down",
  score: "Score",
  reply: "Reply",
  edit: "Edit",
  delete: "Delete",
  reallyDelete: "Really delete?",
  editableSoon: "Editable for less than a minute",
  // Paging (paging.js): pages load as the reader asks, never all at once.
  viewAll: "View all comments",
  loadMore: "Load more comments",
  toTop: "Back to the top of the discussion",
  toForm: "Write a comment",
  // What the polite live region says (announce.js).
  posted: "Comment posted",
  replied: "Reply posted",
  edited: "Edit saved",
  deleted: "Comment deleted",
  sorted: "Sorted by %(sort)s.",
  // When the API can't answer with a sentence of its own (api.js).
  unreachable: "The discussion can't be reached right now. Please try again.",
  requestFailed: "Request failed (%(status)s).",
  somethingWrong: "Something went wrong (%(status)s).",
  // The report reasons, by value ("reason_" + value), in their order.
  reason_spam: "Spam",
  reason_abuse: "Abuse",
  reason_off_topic: "Off topic",
  reason_other: "Other",
};

export const REASONS = ["spam", "abuse", "off_topic", "other"];

// English [one, other] of each sentence with a number (%(count)s).
const PLURALS = {
  comments: ["%(count)s comment", "%(count)s comments"],
  newComments: ["%(count)s new comment — show", "%(count)s new comments — show"],
  passageLabel: ["%(count)s comment on this passage", "%(count)s comments on this passage"],
  shownOf: ["Showing %(shown)s of %(count)s comment", "Showing %(shown)s of %(count)s comments"],
  loaded: ["%(count)s more comment loaded.", "%(count)s more comments loaded."],
  editableFor: ["Editable for %(count)s more minute", "Editable for %(count)s more minutes"],
  retrySeconds: ["You can try again in %(count)s second.", "You can try again in %(count)s seconds."],
  retryMinutes: ["You can try again in %(count)s minute.", "You can try again in %(count)s minutes."],
};

let language = "en";
let settled = "";
let writing = "ltr";
let plurals = Object.fromEntries(
  Object.entries(PLURALS).map(([key, [one, other]]) => [key, { one, other }]),
);
let pluralRules = new Intl.PluralRules("en");
// Bumped when the words change: templates.js rebuilds its templates then.
export let wordsVersion = 0;

// The language the catalogue settled on ("" until it has, or if it failed):
// what api.js asks the server's own sentences in.
export function widgetLanguage() {
  return settled;
}

// A number as the widget's language writes it.
export function number(value) {
  return typeof value === "number" ? value.toLocaleString(language) : String(value);
}

// Replace each %(name)s with its value (numbers written for the language).
function fill(text, values) {
  return text.replace(/%\((\w+)\)s/g, (whole, name) => (name in values ? number(values[name]) : whole));
}

export function say(key, values = {}) {
  return fill(MESSAGES[key], values);
}

// The sentence for `count` things, in the catalogue's form for its category.
export function plural(key, count, values = {}) {
  const forms = plurals[key];
  const text = forms[pluralRules.select(count)] || forms.other;
  return fill(text, { ...values, count });
}

// The sentence as parts for Node.append(): text, with each %(name)s that
// names a node in `values` replaced by that node.
export function sentence(key, values) {
  return MESSAGES[key].split(/(%\(\w+\)s)/).filter(Boolean).map((part) => {
    const name = (/^%\((\w+)\)s$/.exec(part) || [])[1];
    return name && name in values ? values[name] : fill(part, values);
  });
}

// The report reasons as [value, label], in their order.
export function reasons() {
  return REASONS.map((value) => [value, MESSAGES[`reason_${value}`]]);
}

// "3 comments on this passage": a passage marker's accessible name.
export function passageLabel(count) {
  return plural("passageLabel", count);
}

// "You can try again in 40 seconds." from a Retry-After value (seconds or a date).
export function retryMessage(retryAfter, now = Date.now()) {
  if (!retryAfter) return "";
  const seconds = /^\d+$/.test(retryAfter)
    ? Number(retryAfter)
    : Math.round((Date.parse(retryAfter) - now) / 1000);
  if (!Number.isFinite(seconds) || seconds <= 0) return "";
  if (seconds < 90) return plural("retrySeconds", seconds);
  if (seconds < 3600) return plural("retryMinutes", Math.round(seconds / 60));
  const time = new Intl.DateTimeFormat(language, { timeStyle: "short" }).format(new Date(now + seconds * 1000));
  return say("retryAt", { time });
}

// ----- the server's catalogue -----

const loads = new Map();

// Ask once per API and language; answer the language settled on ("" if none).
export function loadMessages(apiBase, lang = "") {
  const key = `${apiBase}\n${lang}`;
  if (!loads.has(key)) loads.set(key, fetchMessages(apiBase, lang));
  return loads.get(key);
}

async function fetchMessages(apiBase, lang) {
  const query = lang ? `?${new URLSearchParams({ lang })}` : "";
  try {
    const response = await fetch(`${apiBase}/widget/messages${query}`, { credentials: "omit" });
    if (!response.ok) return "";
    const data = await response.json();
    for (const [key, text] of Object.entries(data.messages || {})) MESSAGES[key] = text;
    plurals = { ...plurals, ...data.plurals };
    language = settled = data.language;
    writing = data.direction === "rtl" ? "rtl" : "ltr";
    pluralRules = new Intl.PluralRules(language);
    wordsVersion += 1;
    return settled;
  } catch {
    return ""; // Offline or refused: the English words stay.
  }
}

// The direction the catalogue's language is written in ("ltr" or "rtl").
export function direction() {
  return writing;
}
