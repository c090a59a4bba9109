// challenge-worker.js: the proof-of-work solver, run as a module Worker.
//
// ALTCHA v1 ("classic"): find n in [0, maxnumber] with
// hex(digest(algorithm, salt + n)) == challenge. Posted a challenge object
// ({algorithm, challenge, salt, maxnumber}), the worker answers {number, took}
// (took in milliseconds, as ALTCHA's own widget reports it), {number: null}
// when no n fits, or {error} when the browser can't hash (crypto.subtle exists
// only in secure contexts: https, or localhost). challenge.js imports solve()
// from here too, to solve on the page when a Worker can't be started.

const BATCH = 1000;

function bytesOf(hex) {
  return Uint8Array.from(hex.match(/../g) || [], (pair) => parseInt(pair, 16));
}

function same(buffer, expected) {
  const bytes = new Uint8Array(buffer);
  if (bytes.length !== expected.length) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== expected[i]) return false;
  return true;
}

// Return {number, took}, or null if no number fits or `signal` aborts first.
// Each batch of digests runs concurrently; between batches, when `pause` is set
// (solving on the page), the event loop gets a turn so the page stays responsive.
export async function solve(challenge, { signal = null, pause = false } = {}) {
  const algorithm = challenge.algorithm || "SHA-256";
  const max = Number(challenge.maxnumber ?? challenge.maxNumber ?? 1e6);
  const expected = bytesOf(challenge.challenge.toLowerCase());
  const encoder = new TextEncoder();
  const started = Date.now();
  for (let first = 0; first <= max; first += BATCH) {
    if (signal && signal.aborted) return null;
    const last = Math.min(first + BATCH - 1, max);
    const digests = [];
    for (let n = first; n <= last; n++) digests.push(crypto.subtle.digest(algorithm, encoder.encode(challenge.salt + n)));
    const results = await Promise.all(digests);
    const found = results.findIndex((digest) => same(digest, expected));
    if (found !== -1) return { number: first + found, took: Date.now() - started };
    if (pause) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return null;
}

if (typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) {
  self.onmessage = async ({ data }) => {
    try {
      self.postMessage((await solve(data)) || { number: null });
    } catch (error) {
      self.postMessage({ error: String(error) });
    }
  };
}
