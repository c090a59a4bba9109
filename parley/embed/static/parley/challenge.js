// challenge.js: the proof-of-work the comment form carries (ALTCHA v1).
//
//   const challenge = Challenge.fromApi(api);   // GET {api}/challenge
//   challenge.startWhenUsed(form);              // solve once the form is seen or used
//   const altcha = await challenge.solution();  // base64 payload, "" if none
//   challenge.refresh();                        // after every submit attempt
//
// The payload is what ALTCHA's own widget sends: base64 of JSON
// {algorithm, challenge, number, salt, signature, took}. solution() never
// rejects: if the challenge can't be fetched or solved it answers "", and the
// server answers with its own sentence. `solved`, `solveMs` and `runner`
// ("worker" or "page") describe the latest solve, for signals.js.
//
// Where the solving runs. On the Parley site's own pages, in a Worker started
// from its URL (our policy's worker-src 'self'). A page on another origin can't
// start a Worker from our URL, and a blob: Worker would need that page's policy
// to allow worker-src blob: (and report a violation where it doesn't), so there
// the same solver runs on the page: crypto.subtle hashes off the main thread and
// batches yield to the event loop. The widget so needs nothing from an embedding
// page's Content-Security-Policy beyond script-src, connect-src and style-src for
// the Parley origin. Where a Worker fails to start, the page solves too.

const WORKER_URL = new URL("./challenge-worker.js", import.meta.url);
// Refresh a solution this close to its challenge's expiry instead of sending it.
const EXPIRY_MARGIN_MS = 10_000;

// A Worker for this page, or null where the solver must run on the page.
function startWorker() {
  if (WORKER_URL.origin !== location.origin) return null;
  return new Worker(WORKER_URL, { type: "module" });
}

// The unix time (ms) after which the server refuses this challenge, or Infinity.
function expiresAt(challenge) {
  const query = challenge.salt.split("?")[1] || "";
  const expires = Number(new URLSearchParams(query).get("expires"));
  return expires ? expires * 1000 : Infinity;
}

export function encodePayload(challenge, { number, took }) {
  const { algorithm, signature, salt } = challenge;
  return btoa(JSON.stringify({ algorithm, challenge: challenge.challenge, number, salt, signature, took }));
}

export class Challenge {
  // `load` returns a promise of the challenge JSON.
  constructor(load) {
    this.load = load;
    this.generation = 0;
    this.pending = null;
    this.cancel = () => {};
    this.reset();
  }

  static fromApi(api) {
    return new Challenge(() => api.request("GET", "/challenge"));
  }

  reset() {
    this.solved = false;
    this.solveMs = null;
    this.runner = null;
    this.expires = Infinity;
  }

  // Begin fetching and solving, unless that is under way or done.
  start() {
    if (!this.pending) this.pending = this.run(++this.generation);
    return this;
  }

  // Drop the current solution (spent, or not yet found) and solve a fresh one.
  refresh() {
    this.cancel();
    this.pending = null;
    this.reset();
    return this.start();
  }

  async solution() {
    const payload = await this.start().pending;
    if (payload && Date.now() < this.expires - EXPIRY_MARGIN_MS) return payload;
    return this.refresh().pending;
  }

  // Start solving when the form comes into view or the reader first uses it.
  startWhenUsed(form) {
    const begin = () => {
      stop();
      this.start();
    };
    const observer = "IntersectionObserver" in window
      ? new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && begin())
      : null;
    const stop = () => {
      observer?.disconnect();
      for (const type of ["focusin", "input", "pointerdown"]) form.removeEventListener(type, begin);
    };
    observer?.observe(form);
    for (const type of ["focusin", "input", "pointerdown"]) form.addEventListener(type, begin);
    return stop;
  }

  async run(generation) {
    try {
      const challenge = await this.load();
      const result = await this.compute(challenge);
      if (generation !== this.generation || !result || result.number == null) return "";
      this.solved = true;
      this.solveMs = result.took;
      this.expires = expiresAt(challenge);
      return encodePayload(challenge, result);
    } catch {
      return "";
    }
  }

  compute(challenge) {
    return new Promise((resolve) => {
      const onPage = () => {
        const controller = new AbortController();
        this.cancel = () => controller.abort();
        this.runner = "page";
        import("./challenge-worker.js")
          .then(({ solve }) => solve(challenge, { signal: controller.signal, pause: true }))
          .then(resolve, () => resolve(null));
      };
      let worker;
      try {
        worker = startWorker();
      } catch {
        worker = null; // the page's policy forbids this worker
      }
      if (!worker) {
        onPage();
        return;
      }
      const stop = () => worker.terminate();
      this.cancel = () => {
        stop();
        resolve(null);
      };
      this.runner = "worker";
      worker.onmessage = ({ data }) => {
        stop();
        if (data.error) onPage();
        else resolve(data);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        stop();
        onPage(); // blocked or failed to load: solve here instead
      };
      worker.postMessage(challenge);
    });
  }
}
