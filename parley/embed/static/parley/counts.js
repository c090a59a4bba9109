// counts.js: comment counts for links and teasers outside the discussion.
//
// fillCounts(api) fills every element marked data-parley-count="KEY" with its
// thread's count, in one call, and keeps them in step with the page's
// discussions after that: a widget announces its thread's count (`parley:count`)
// when the reader posts, edits or deletes and when its live stream says so.
// countLabel(n) is the "N comments" wording the element's title uses too, in
// the widget's language (fillCounts asks for the page's, as the element does).

import { loadMessages, plural } from "./messages.js";

export function countLabel(count) {
  return plural("comments", count);
}

const watched = new WeakSet();

// Keep every counter of a thread in step with its widget's `parley:count`.
export function watchCounts(root = document) {
  if (watched.has(root)) return;
  watched.add(root);
  root.addEventListener("parley:count", ({ detail: { thread, count } }) => {
    for (const element of root.querySelectorAll("[data-parley-count]")) {
      if (element.dataset.parleyCount === thread) element.textContent = countLabel(count);
    }
  });
}

export async function fillCounts(apiBase = "/api/v1", root = document) {
  watchCounts(root);
  const elements = [...root.querySelectorAll("[data-parley-count]")];
  const keys = [...new Set(elements.map((element) => element.dataset.parleyCount))].slice(0, 200);
  if (!keys.length) return;
  const language = loadMessages(apiBase.replace(/\/$/, ""), root.documentElement?.lang || "");
  const params = new URLSearchParams(keys.map((key) => ["thread", key]));
  const response = await fetch(`${apiBase.replace(/\/$/, "")}/counts?${params}`, {
    credentials: "omit",
    // Counts move with every post: never an answer the browser kept.
    cache: "no-store",
  });
  if (!response.ok) return;
  const [{ counts }] = await Promise.all([response.json(), language]);
  for (const element of elements) {
    element.textContent = countLabel(counts[element.dataset.parleyCount] ?? 0);
  }
}
