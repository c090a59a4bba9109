// counts.js: comment counts for links and teasers outside the discussion.
//
// fillCounts(api) fills every element marked data-parley-count="KEY" with its
// thread's count, in one call; countLabel(n) is the "N comments" wording the
// element's title uses too.

export function countLabel(count) {
  return `${count.toLocaleString("en")} comment${count === 1 ? "" : "s"}`;
}

export async function fillCounts(apiBase = "/api/v1", root = document) {
  const elements = [...root.querySelectorAll("[data-parley-count]")];
  const keys = [...new Set(elements.map((element) => element.dataset.parleyCount))].slice(0, 200);
  if (!keys.length) return;
  const params = new URLSearchParams(keys.map((key) => ["thread", key]));
  const response = await fetch(`${apiBase.replace(/\/$/, "")}/counts?${params}`, { credentials: "omit" });
  if (!response.ok) return;
  const { counts } = await response.json();
  for (const element of elements) {
    element.textContent = countLabel(counts[element.dataset.parleyCount] ?? 0);
  }
}
