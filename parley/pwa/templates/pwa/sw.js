{% autoescape off %}const CONFIG = {{ config }};{% endautoescape %}
// Parley's service worker (parley/pwa/worker.py sets CONFIG above).
//
// Pages come from the network first. An article the reader opens is kept, as
// any reader nobody knows would see it (the shared page, never a signed-in
// reader's own), the latest CONFIG.keep of them; offline, a kept article is
// shown from the cache and any other page by the offline page. Static and
// media files are kept as pages use them; a file whose name carries its hash
// never changes, so it is served from the cache first.

const SHELL = `parley-shell-${CONFIG.version}`;
const ARTICLES = CONFIG.articlesCache;
const ASSETS = "parley-assets";
const ARTICLE_PATH = new RegExp(CONFIG.articlePath);
const HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;
// When an article was kept: the most recent are kept when there are too many.
const KEPT_AT = "X-Parley-Kept-At";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(CONFIG.shell))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("parley-shell-") && name !== SHELL) {
          await caches.delete(name);
        }
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(event, url));
  } else if (CONFIG.assets.some((prefix) => url.pathname.startsWith(prefix))) {
    event.respondWith(asset(event, url));
  }
});

// A page that opened before this worker controlled it says so, to be kept too.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "parley:opened" || typeof data.url !== "string") return;
  const url = new URL(data.url, self.location.origin);
  if (url.origin === self.location.origin && ARTICLE_PATH.test(url.pathname)) {
    event.waitUntil(keepArticle(url, null));
  }
});

async function navigate(event, url) {
  const isArticle = ARTICLE_PATH.test(url.pathname);
  let response;
  try {
    response = await fetch(event.request);
  } catch (error) {
    const kept = isArticle && (await caches.open(ARTICLES)).match(url.pathname);
    return (await kept) || (await caches.match(CONFIG.offline)) || Response.error();
  }
  if (!isArticle) return response;
  if (response.status >= 500) {
    // The site is down for a moment: a kept copy is better than an error page.
    const kept = await (await caches.open(ARTICLES)).match(url.pathname);
    if (kept) return kept;
  }
  event.waitUntil(keepArticle(url, response.clone()));
  return response;
}

// Keep the article at this address as everybody sees it: the response the
// reader got when it is the shared page, else the page fetched without
// cookies. An article gone (404, 410) is forgotten.
async function keepArticle(url, response) {
  const cache = await caches.open(ARTICLES);
  if (response && [404, 410].includes(response.status)) {
    await cache.delete(url.pathname);
    return;
  }
  if (!response || !isShared(response) || url.search) {
    try {
      response = await fetch(url.pathname, { credentials: "omit" });
    } catch (error) {
      return;
    }
  }
  if (!response.ok || response.redirected || response.type !== "basic") return;
  const headers = new Headers(response.headers);
  headers.set(KEPT_AT, String(Date.now()));
  const body = await response.blob();
  await cache.put(url.pathname, new Response(body, { status: 200, headers }));
  await trimArticles(cache);
}

function isShared(response) {
  return /\bpublic\b/.test(response.headers.get("Cache-Control") || "");
}

async function trimArticles(cache) {
  const kept = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    kept.push([Number(response?.headers.get(KEPT_AT)) || 0, request]);
  }
  kept.sort((a, b) => b[0] - a[0]);
  for (const [, request] of kept.slice(CONFIG.keep)) await cache.delete(request);
}

async function asset(event, url) {
  const cached = await caches.match(event.request);
  if (cached && HASHED.test(url.pathname)) return cached;
  let response;
  try {
    response = await fetch(event.request);
  } catch (error) {
    if (cached) return cached;
    throw error;
  }
  if (response.ok && response.status === 200 && response.type === "basic") {
    const copy = response.clone();
    event.waitUntil(keepAsset(event.request, copy));
  }
  return response;
}

async function keepAsset(request, response) {
  const cache = await caches.open(ASSETS);
  await cache.put(request, response);
  // Entries are listed oldest first: the oldest go first.
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - CONFIG.assetsKept))) {
    await cache.delete(key);
  }
}
