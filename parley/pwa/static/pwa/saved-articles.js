// <parley-saved-articles cache="…">: the articles the service worker keeps
// for offline reading, the latest first, listed on the offline page. Each
// item is the element's <template> cloned; headlines are read from the kept
// pages and set as text.

const KEPT_AT = "X-Parley-Kept-At";

export class ParleySavedArticles extends HTMLElement {
  static define(tag = "parley-saved-articles", registry = window.customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  async connectedCallback() {
    const name = this.getAttribute("cache");
    if (!name || !("caches" in window) || !(await caches.has(name))) return;
    const cache = await caches.open(name);
    const articles = [];
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      if (!response) continue;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      articles.push({
        url: new URL(request.url).pathname,
        headline: (page.querySelector("h1")?.textContent || page.title).trim(),
        keptAt: Number(response.headers.get(KEPT_AT)) || 0,
      });
    }
    articles.sort((a, b) => b.keptAt - a.keptAt);
    this.show(articles);
  }

  show(articles) {
    const list = this.querySelector("ul");
    const item = this.querySelector("template");
    for (const article of articles) {
      const entry = item.content.firstElementChild.cloneNode(true);
      const link = entry.querySelector("a");
      link.href = article.url;
      link.textContent = article.headline;
      const time = entry.querySelector("time");
      if (article.keptAt) {
        const when = new Date(article.keptAt);
        time.dateTime = when.toISOString();
        time.textContent = when.toLocaleString(document.documentElement.lang || undefined);
      } else {
        time.remove();
      }
      list.append(entry);
    }
    list.hidden = articles.length === 0;
    this.querySelector("[data-empty]").hidden = articles.length > 0;
    this.dispatchEvent(
      new CustomEvent("parley:saved-articles", {
        bubbles: true,
        composed: true,
        detail: { count: articles.length },
      }),
    );
  }
}

ParleySavedArticles.define();
