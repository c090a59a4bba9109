// announce.js: telling the reader what just happened, and where to look.
//
// announce(host, text) puts a sentence into the element's polite live region
// (role=status, aria-live=polite, read out without moving the reader), emptied
// first so that the same sentence twice is read twice. focusItem(item) moves
// focus to a comment (its <article>, made focusable for it) once it is in the
// page: a new comment after posting, the first one of a page just loaded, the
// next one after a deletion.

export function announce(host, text) {
  const region = host.refs ? host.refs.announce : null;
  if (!region) return;
  region.textContent = "";
  // A change the screen reader notices: the text arrives in a later frame.
  requestAnimationFrame(() => (region.textContent = text));
}

export function focusItem(item, { scroll = true } = {}) {
  const article = item && item.querySelector(":scope > article");
  if (!article) return;
  article.tabIndex = -1;
  article.focus({ preventScroll: true });
  if (scroll) article.scrollIntoView({ block: "nearest" });
}

// Where focus goes when an item leaves: the next comment, else the one before,
// else its parent, else the discussion's heading.
export function focusAfterRemoval(host, item) {
  const sibling = (node, step) => {
    for (let next = node[step]; next; next = next[step]) if (next.matches("li.comment")) return next;
    return null;
  };
  const target = sibling(item, "nextElementSibling") || sibling(item, "previousElementSibling")
    || item.parentElement.closest("li.comment");
  return target ? () => focusItem(target) : () => focusHeading(host);
}

export function focusHeading(host) {
  const title = host.refs.title;
  title.tabIndex = -1;
  title.focus({ preventScroll: true });
  title.scrollIntoView({ block: "start" });
}
