// One script tag puts a discussion on any page:
//   <script src="https://news.example/static/parley/embed.js" data-parley-thread="KEY" async></script>
// It adds a <parley-comments> element right after itself (unless the page already
// has one), loads the widget's stylesheet, and defines the element.
(() => {
  const script = document.currentScript;
  if (!script) return;
  const here = new URL(".", script.src);
  const api = script.dataset.parleyApi || new URL("/api/v1", script.src).href;
  if (!document.querySelector("link[data-parley-style]")) {
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("parley-comments.css", here).href;
    style.dataset.parleyStyle = "";
    document.head.append(style);
  }
  if (script.dataset.parleyThread) {
    const element = document.createElement("parley-comments");
    element.setAttribute("thread", script.dataset.parleyThread);
    element.setAttribute("api", api);
    if (script.dataset.parleySort) element.setAttribute("sort", script.dataset.parleySort);
    if (script.dataset.parleyPageUrl) element.setAttribute("page-url", script.dataset.parleyPageUrl);
    if (script.dataset.parleyPageTitle) element.setAttribute("page-title", script.dataset.parleyPageTitle);
    script.after(element);
  }
  for (const element of document.querySelectorAll("parley-comments:not([api])")) {
    element.setAttribute("api", api);
  }
  import(new URL("parley-comments.js", here).href).then((module) => module.fillCounts(api));
})();
