"""
The browser side of the stored-XSS suite: a trap on `window` in every frame, a
sweep that hovers, focuses and clicks every element, a scan for markup that a
reader's text should never become, and a record of everything that went wrong.
"""

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError

from tests.security.xss_payloads import describe

HERE = Path(__file__).resolve().parent
TRAP_JS = (HERE / "trap.js").read_text()
SWEEP_JS = (HERE / "sweep.js").read_text()
SCAN_JS = (HERE / "scan.js").read_text()
# Real pointer input, on top of the in-page sweep, for the elements that carry a
# reader's text (those whose attributes or own text mention the trap): trusted
# events and :hover, as a person's mouse gives them. Real input waits for the
# page to handle each event, so it is spread over at most this many per page.
REAL_POINTER_LIMIT = 20
CARRIERS_JS = """() => {
  const found = [];
  const walk = (root) => {
    for (const element of root.querySelectorAll("*")) {
      const own = [...element.childNodes].some(
        (node) => node.nodeType === Node.TEXT_NODE && /pwned/.test(node.data));
      const held = [...element.attributes].some(({ value }) => /pwned/.test(value));
      if ((own || held) && element.getClientRects().length) found.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(document);
  return found;
}"""
CENTRE_JS = """(element) => {
  element.scrollIntoView({ block: "center", inline: "center" });
  const box = element.getBoundingClientRect();
  return [box.x + box.width / 2, box.y + box.height / 2, box.width, box.height];
}"""
# The page has loaded, every widget on it has started and no fetch is in flight.
SETTLED_JS = """() => document.readyState === "complete"
  && window.__pendingFetches === 0
  && [...document.querySelectorAll("parley-comments")].every((e) => e.started)"""
TRAP_CALL = re.compile(r"(?:__pwned|alert)\W*(\d+)")
ALLOWED_HOSTS = {"localhost", "127.0.0.1"}


@dataclass
class Finding:
    surface: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.surface}] {self.kind}: {self.detail}"


@dataclass
class Sweeper:
    """One browser context with the trap installed, and what it has seen."""

    context: object
    page: object = None
    findings: list[Finding] = field(default_factory=list)
    surfaces: list[tuple[str, int]] = field(default_factory=list)
    block_writes: bool = True
    current: str = "setup"
    real_inputs: int = 0
    errors: list[str] = field(default_factory=list)
    # Off only for the self-check of the dialog listener (the last line, for
    # realms the trap never reached).
    trap: bool = True

    def __post_init__(self):
        self.context.expose_function("__parleyXssHit", self._hit)
        if self.trap:
            self.context.add_init_script(TRAP_JS)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", self._page_error)
        self.page.on("response", self._response)

    # What the browser tells us.

    def _hit(self, hit: dict) -> None:
        numbers = TRAP_CALL.findall(f"{hit['how']}({hit['arg']})")
        what = describe(int(numbers[0])) if numbers else "?"
        self.findings.append(
            Finding(
                self.current,
                "EXECUTED",
                f"{hit['how']}({hit['arg']}), {what}, in {hit['frame']}",
            )
        )

    def _dialog(self, dialog) -> None:
        self.findings.append(
            Finding(self.current, "DIALOG", f"{dialog.type}: {dialog.message!r}")
        )
        dialog.dismiss()

    def _page_error(self, error) -> None:
        message = str(error)
        if "pwned" in message:
            # A payload ran where the trap was not defined (a fresh realm).
            self.findings.append(Finding(self.current, "EXECUTED", message))
        else:
            self.errors.append(f"[{self.current}] {message}")

    def _response(self, response) -> None:
        if response.status >= 500 or (
            response.status == 400 and "/api/" in response.url
        ):
            self.errors.append(
                f"[{self.current}] {response.status} {response.request.method} "
                f"{response.url}"
            )

    def _route(self, route) -> None:
        request = route.request
        host = urlsplit(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:")):
            route.continue_()
        elif host not in ALLOWED_HOSTS:
            self.findings.append(
                Finding(self.current, "REQUEST", f"{request.method} {request.url}")
            )
            route.abort()
        elif self.block_writes and (
            request.method not in ("GET", "HEAD", "OPTIONS")
            or urlsplit(request.url).path.endswith("/challenge")
        ):
            # Clicking every button must not approve, delete or post for real:
            # what the pages show stays what the test set up. Nor solve a
            # proof of work for each of the hundred forms the sweep opens.
            route.fulfill(
                status=403,
                content_type="application/json",
                body='{"errors": {"general": "Blocked by the XSS sweep."}}',
            )
        else:
            route.continue_()

    # Visiting a surface.

    def visit(
        self, surface: str, url: str, *, passes: int = 2, inject: str = ""
    ) -> int:
        """Open the page, sweep it, scan it; return how many elements were touched.
        `inject` is script to run once the page has loaded (for the self-check)."""
        self.current = surface
        started = time.monotonic()
        page = self.page
        page.goto(url, wait_until="load")
        self._settle()
        if inject:
            page.evaluate(inject)
        loaded = time.monotonic()
        touched = page.evaluate(SWEEP_JS, {"passes": passes, "settle": 50})
        self._settle()
        swept = time.monotonic()
        self.real_inputs += self._real_pointer()
        self._settle()
        page.wait_for_timeout(100)  # for handlers a failed image load would run
        timing = (loaded - started, swept - loaded, time.monotonic() - swept)
        for problem in page.evaluate(SCAN_JS):
            self.findings.append(Finding(surface, "MARKUP", problem))
        here = urlsplit(page.url)._replace(fragment="").geturl()
        if here != urlsplit(url)._replace(fragment="").geturl():
            self.findings.append(Finding(surface, "NAVIGATED", f"to {page.url}"))
        self.surfaces.append((surface, touched, timing))
        return touched

    def _settle(self) -> None:
        try:
            self.page.wait_for_function(SETTLED_JS, timeout=10_000, polling=50)
        except PlaywrightError:  # an unsettled page is swept all the same
            self.errors.append(f"[{self.current}] did not settle in 10 s")

    def _real_pointer(self) -> int:
        """Move the real mouse over and click every element carrying a reader's
        text, so :hover, trusted events and activation behave as for a person."""
        page = self.page
        handles = page.evaluate_handle(CARRIERS_JS)
        elements = [
            value.as_element()
            for value in handles.get_properties().values()
            if value.as_element() is not None
        ]
        step = max(1, len(elements) / REAL_POINTER_LIMIT)
        chosen = [
            elements[int(n * step)]
            for n in range(min(len(elements), REAL_POINTER_LIMIT))
        ]
        moved = 0
        for element in chosen:
            try:
                x, y, width, height = element.evaluate(CENTRE_JS)
            except PlaywrightError:  # detached by an earlier click
                continue
            if width and height:
                page.mouse.move(x, y)
                page.mouse.click(x, y)
                moved += 1
        handles.dispose()
        return moved
