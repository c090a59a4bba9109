// dates.js: a comment's date in the same words as the server's page.
//
// The server writes it with Babel: CLDR's medium date and short time in the
// site's time zone and the active language (core's comment_date filter); the
// thread page tells the widget both (`time_zone`, `language`), and
// Intl.DateTimeFormat with dateStyle "medium", timeStyle "short" gives the same text
// from the same CLDR data. Both sides write a plain space where CLDR now puts a
// narrow no-break one before AM/PM: browsers differ on it, the text must not.
// Without those fields (an older server) the page's language and the
// browser's zone are used.

const NARROW_SPACE = /\u202f/g;

export function dateFormatter({ language = "", timeZone = "" } = {}) {
  const options = { dateStyle: "medium", timeStyle: "short" };
  const lang = language || document.documentElement.lang || undefined;
  try {
    return new Intl.DateTimeFormat(lang, timeZone ? { ...options, timeZone } : options);
  } catch {
    // An unknown zone or language: the browser's own, rather than no date.
    return new Intl.DateTimeFormat(undefined, options);
  }
}

export function formatDate(formatter, iso) {
  return formatter.format(new Date(iso)).replace(NARROW_SPACE, " ");
}
