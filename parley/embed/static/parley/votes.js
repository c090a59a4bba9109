// votes.js: the reader's own votes, shown on and cast from comment items.
//
// syncMyVotes(host, ids) asks the server for this reader's votes on comments just
// rendered (the shared page carries nobody's) and remembers them in the store;
// castVote(host, item, comment, value) sends one vote, toggling it off when the
// same button is pressed again. The host is the <parley-comments> element.

import { fillVotes, showCommentError } from "./comment-view.js";
import { emit } from "./events.js";

export async function syncMyVotes(host, ids) {
  const known = host.sameOrigin || host.store.voterToken();
  if (!known || !ids.length) return;
  const votes = { ...host.store.read("votes") };
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    let data;
    try {
      data = await host.api.request("GET", `/me/votes?${new URLSearchParams(chunk.map((id) => ["comment", id]))}`);
    } catch {
      return; // keep what this browser remembers
    }
    for (const id of chunk) votes[id] = data.votes[id] || 0;
  }
  host.store.write("votes", votes);
  for (const id of ids) {
    const item = host.querySelector(`#comment-${id}`);
    if (item) fillVotes(host, item, host.comments.get(id));
  }
}

export async function castVote(host, item, comment, value) {
  const next = host.store.read("votes")[comment.id] === value ? 0 : value;
  try {
    const result = await host.api.request("POST", `/comments/${comment.id}/vote`, { value: next });
    if (result.voter_token) host.store.write("voter", { token: result.voter_token });
    host.store.write("votes", { ...host.store.read("votes"), [comment.id]: result.my_vote });
    Object.assign(comment, { score: result.score, upvotes: result.upvotes, downvotes: result.downvotes });
    fillVotes(host, item, comment);
    emit(host, "voted", { id: comment.id, value: result.my_vote, score: result.score });
    showCommentError(item, null);
  } catch (error) {
    showCommentError(item, error.message); // beside the comment voted on
  }
}
