// paging.js: the thread a page at a time, as the reader asks.
//
// The first page comes with the element; "View all comments" then brings the
// next one, and "Load more comments" each one after that: never the whole
// thread at once (a thousand comments are hundreds of kilobytes and tens of
// thousands of nodes). Beside the button, how many are shown of the total, and
// two ways back: to the top of the discussion and to the form. After a page
// arrives the focus goes to its first comment and the live region says how
// many came.

import { announce, focusHeading, focusItem } from "./announce.js";
import { threadPath } from "./api.js";
import { MESSAGES, plural } from "./messages.js";

export function wirePaging(host) {
  host.refs["load-more"].addEventListener("click", () => loadMore(host));
  host.refs["to-top"].addEventListener("click", () => focusHeading(host));
  host.refs["to-form"].addEventListener("click", () => {
    const field = host.refs["form-slot"].querySelector("textarea");
    if (!field) return;
    field.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });
}

export async function loadMore(host) {
  if (!host.nextCursor || host.loadingMore) return;
  const button = host.refs["load-more"];
  const turn = host.loadTurn; // a new view meanwhile makes this page moot
  host.loadingMore = true;
  button.disabled = true;
  try {
    const params = new URLSearchParams({ sort: host.sort, cursor: host.nextCursor, ...host.inline.params() });
    const data = await host.api.request("GET", `${threadPath(host.thread)}?${params}`);
    if (turn !== host.loadTurn) return;
    const [before, shownBefore] = [host.refs.list.children.length, shownCount(host)];
    host.pages += 1;
    host.appendPage(data);
    const first = host.refs.list.children[before];
    if (first) focusItem(first);
    const shown = shownCount(host);
    announce(host, `${plural("loaded", shown - shownBefore)} ${shownOf(host)}`);
  } catch (error) {
    host.showStatus(error.message);
  } finally {
    host.loadingMore = false;
    button.disabled = false;
  }
}

// The comments readers see that are on the page (held ones and "[deleted]"
// placeholders are not in the thread's count).
export function shownCount(host) {
  let shown = 0;
  for (const comment of host.comments.values()) {
    if (!comment.is_deleted && (!comment.status || comment.status === "published")) shown += 1;
  }
  return shown;
}

// "Showing 60 of 1,050 comments", numbers as the widget's language writes them.
export function shownOf(host) {
  return plural("shownOf", host.count, { shown: Math.min(shownCount(host), host.count) });
}

export function updatePaging(host) {
  const { more, shown } = host.refs;
  const button = host.refs["load-more"];
  more.hidden = !host.nextCursor && host.pages < 2;
  button.hidden = !host.nextCursor;
  button.textContent = host.pages < 2 ? MESSAGES.viewAll : MESSAGES.loadMore;
  shown.textContent = shownOf(host);
  host.refs["to-form"].hidden = !host.refs["form-slot"].querySelector("textarea");
}
