// "Continue on app": the service worker that keeps the articles a reader opens
// for offline reading, and <parley-app-banner>, the offer to install the site
// shown on phones.
//
// The page is the same for every reader; whether the banner shows is decided
// here, in the reader's browser: on a small screen, outside the installed app,
// unless they dismissed it (remembered in this origin's local storage). Its
// content is the server's (a <template> in the page's head), in the reader's
// language; this module only chooses which of its hints applies.

const DISMISSED_KEY = "parley:app-banner-dismissed";
// Where the banner is offered: phones, in portrait or landscape.
const SMALL_SCREEN = "(max-width: 40rem), (max-height: 30rem) and (max-width: 60rem)";
const STANDALONE = "(display-mode: standalone), (display-mode: minimal-ui)";

function dismissedBefore() {
  try {
    return window.localStorage.getItem(DISMISSED_KEY) !== null;
  } catch {
    return false; // storage is off: the banner may show again next page
  }
}

function rememberDismissed() {
  try {
    window.localStorage.setItem(DISMISSED_KEY, new Date().toISOString());
  } catch {
    // Storage is off: dismissed for this page only.
  }
}

function isAppleMobile() {
  return /iPhone|iPad|iPod/.test(navigator.userAgent);
}

export class ParleyAppBanner extends HTMLElement {
  static define(tag = "parley-app-banner", registry = window.customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  constructor() {
    super();
    this.installPrompt = null;
    this.screen = window.matchMedia(SMALL_SCREEN);
    this.fit = () => this.update();
  }

  connectedCallback() {
    this.addEventListener("click", this);
    this.screen.addEventListener("change", this.fit);
    this.update();
  }

  disconnectedCallback() {
    this.removeEventListener("click", this);
    this.screen.removeEventListener("change", this.fit);
  }

  /** What the banner offers: "install", "store", "ios" or "manual". */
  get mode() {
    if (this.installPrompt) return "install";
    if (this.querySelector("a[data-for]")) return "store";
    return isAppleMobile() ? "ios" : "manual";
  }

  /** Offer the browser's own install (a deferred beforeinstallprompt event). */
  offerInstall(promptEvent) {
    this.installPrompt = promptEvent;
    this.update();
  }

  update() {
    const mode = this.mode;
    this.dataset.mode = mode;
    for (const part of this.querySelectorAll("[data-for]")) {
      part.hidden = !part.dataset.for.split(" ").includes(mode);
    }
    this.hidden = !this.screen.matches;
  }

  handleEvent(event) {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (action === "dismiss") this.dismiss();
    if (action === "install") this.install();
  }

  dismiss() {
    rememberDismissed();
    this.dispatch("parley:app-banner-dismissed");
    this.remove();
  }

  async install() {
    const prompt = this.installPrompt;
    if (!prompt) return;
    this.installPrompt = null; // a prompt can be shown once
    await prompt.prompt();
    const { outcome } = await prompt.userChoice;
    this.dispatch("parley:app-install", { outcome });
    if (outcome === "accepted") this.remove();
    else this.update();
  }

  dispatch(type, detail = {}) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }
}

function registerWorker() {
  const url = document.querySelector('meta[name="parley:service-worker"]')?.content;
  if (!url || !("serviceWorker" in navigator)) return;
  // A page the worker did not answer (the first one, before it installed) is
  // named to it, so that this article is kept too.
  const answeredByWorker = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker
    .register(url, { scope: "/" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      if (!answeredByWorker) {
        registration.active?.postMessage({ type: "parley:opened", url: location.href });
      }
    })
    .catch((error) => console.warn("Parley: no offline reading here:", error.message));
}

function showBanner() {
  const template = document.getElementById("parley-app-banner");
  if (!template || dismissedBefore() || window.matchMedia(STANDALONE).matches) return null;
  const banner = template.content.firstElementChild.cloneNode(true);
  document.body.append(banner);
  reserveSpace(banner);
  return banner;
}

// The page scrolls clear of the banner: the end of the page keeps as much room
// as the banner takes, whatever its text wraps to (none once it is hidden).
function reserveSpace(banner) {
  const root = document.documentElement;
  const reserve = () => {
    const height = banner.isConnected && !banner.hidden ? banner.offsetHeight : 0;
    root.style.setProperty("--app-banner-space", `${height}px`);
  };
  new ResizeObserver(reserve).observe(banner);
  new MutationObserver(reserve).observe(banner, { attributes: true, attributeFilter: ["hidden"] });
  reserve();
}

ParleyAppBanner.define();
registerWorker();
const banner = showBanner();

// The browser may offer the install later: the banner offers it then, on
// phones; elsewhere the browser's own offer stands.
window.addEventListener("beforeinstallprompt", (event) => {
  if (!banner?.isConnected || banner.hidden) return;
  event.preventDefault();
  banner.offerInstall(event);
});
window.addEventListener("appinstalled", () => {
  banner?.remove();
  document.documentElement.style.setProperty("--app-banner-space", "0px");
});
