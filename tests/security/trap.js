// Installed in every frame before any of the page's scripts run (add_init_script).
//
// The trap: payloads call __pwned(n) or alert(n); both report to the test through
// the exposed binding (which survives navigation) and keep a copy on the window.
// The guard: clicks on links to ordinary places and form submissions are
// cancelled, so the sweep can click everything without leaving the page; links
// and forms aimed at javascript:, data: or unknown schemes are let through, so a
// payload that slipped into an href still runs and is caught.
(() => {
  const hits = [];
  const report = (how) =>
    function (...args) {
      const hit = { how, arg: String(args[0]), frame: String(location.href) };
      hits.push(hit);
      try {
        window.__parleyXssHit(hit);
      } catch {
        // The binding is missing only in frames Playwright can't reach.
      }
    };
  for (const [name, how] of [
    ["__pwned", "__pwned"],
    ["alert", "alert"],
    ["confirm", "confirm"],
    ["prompt", "prompt"],
    ["print", "print"],
  ]) {
    Object.defineProperty(window, name, { value: report(how), writable: false, configurable: false });
  }
  Object.defineProperty(window, "__xssHits", { value: hits });
  window.open = () => null;

  // Fetches in flight, so the test knows when the widget has settled.
  let pending = 0;
  const realFetch = window.fetch;
  window.fetch = function (...args) {
    pending += 1;
    return realFetch.apply(this, args).finally(() => {
      pending -= 1;
    });
  };
  Object.defineProperty(window, "__pendingFetches", { get: () => pending });

  const ORDINARY = new Set(["http:", "https:", "mailto:", "tel:", "ftp:", "about:", "blob:"]);
  const protocolOf = (raw) => {
    try {
      return new URL(raw, document.baseURI).protocol;
    } catch {
      return "";
    }
  };
  const linkOf = (event) =>
    event.composedPath().find((node) => node instanceof Element && (node.hasAttribute("href") || node.hasAttribute("xlink:href")));
  document.addEventListener(
    "click",
    (event) => {
      const link = linkOf(event);
      if (!link) return;
      const href = link.getAttribute("href") ?? link.getAttribute("xlink:href") ?? "";
      if (ORDINARY.has(protocolOf(href))) event.preventDefault();
    },
    true,
  );
  document.addEventListener(
    "submit",
    (event) => {
      const action = event.submitter?.getAttribute("formaction") || event.target.getAttribute("action") || "";
      if (ORDINARY.has(protocolOf(action))) event.preventDefault();
    },
    true,
  );
})();
