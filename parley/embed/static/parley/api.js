// api.js: the client for Parley's JSON API (/api/v1).
//
// `new ApiClient({base, sameOrigin, store})` sends JSON, adds the reader's voter
// token (X-Parley-Voter) from the store, and, on the site's own pages
// (sameOrigin), sends cookies: no token goes with them, as the browser's own
// Sec-Fetch-Site and Origin headers tell the server the request is its page's.
// Elsewhere no cookie ever leaves the page. Every failure becomes an ApiError
// whose `errors` maps a form field (or "general") to the server's sentence, with
// the refusal's `code` (captcha, score, second_look, rate_limited, banned), the
// newsroom's `contact` address when the server gives one, and `retryAfter` (the
// Retry-After header, when the browser may read it). Every request asks for
// the widget's language (`language`: it or a promise of it, from messages.js's
// loadMessages), so the server's sentences are in the words around them.

import { say } from "./messages.js";

export class ApiError extends Error {
  constructor(status, errors, { code = "", contact = "", retryAfter = "" } = {}) {
    super(Object.values(errors)[0] || say("requestFailed", { status: String(status) }));
    this.status = status;
    this.errors = errors;
    this.code = code;
    this.contact = contact;
    this.retryAfter = retryAfter;
  }
}

// The comments collection of a thread; keys may hold slashes, kept as separators.
export function threadPath(key) {
  return `/threads/${key.split("/").map(encodeURIComponent).join("/")}/comments`;
}

export class ApiClient {
  constructor({ base = "/api/v1", sameOrigin = false, store = null, language = "" } = {}) {
    this.base = base.replace(/\/$/, "");
    this.language = language;
    this.sameOrigin = sameOrigin;
    this.store = store;
  }

  async request(method, path, body, extraHeaders = {}) {
    const headers = { Accept: "application/json", ...extraHeaders };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const voter = this.store ? this.store.voterToken() : "";
    if (voter) headers["X-Parley-Voter"] = voter;
    const language = await this.language;
    if (language) headers["Accept-Language"] = language;
    let response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: this.sameOrigin ? "same-origin" : "omit",
      });
    } catch {
      throw new ApiError(0, { general: say("unreachable") });
    }
    if (response.status === 204) return null;
    let data = {};
    try {
      data = await response.json();
    } catch {
      data = {};
    }
    if (!response.ok) {
      const errors = data.errors || { general: data.detail || say("somethingWrong", { status: String(response.status) }) };
      throw new ApiError(response.status, errors, {
        code: data.code || "",
        contact: data.contact || "",
        retryAfter: response.headers.get("Retry-After") || "",
      });
    }
    return data;
  }
}
