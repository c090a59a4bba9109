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
};

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

// "You can try again in 40 seconds." from a Retry-After value (seconds or a date).
export function retryMessage(retryAfter, now = Date.now()) {
  if (!retryAfter) return "";
  const seconds = /^\d+$/.test(retryAfter)
    ? Number(retryAfter)
    : Math.round((Date.parse(retryAfter) - now) / 1000);
  if (!Number.isFinite(seconds) || seconds <= 0) return "";
  if (seconds < 90) return `You can try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  if (seconds < 3600) return `You can try again in ${Math.round(seconds / 60)} minutes.`;
  return `You can try again at ${timeFormat.format(new Date(now + seconds * 1000))}.`;
}
