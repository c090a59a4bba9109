// Keyboard keys for the moderation desk: j/k move, a approve, r reject,
// x select. Every action is a plain form the server renders, so the desk works
// the same without this module; it only finds and submits those forms.
// No inline script and no HTML built here: the site's CSP can stay strict.

const KEYS = { j: "next", k: "previous", a: "approve", r: "reject", x: "select" };

export class ModerationDesk {
  /** Enhance the desk under `root` (the element with [data-desk]). */
  static attach(root = document.querySelector("[data-desk]")) {
    if (!root) return null;
    const desk = new ModerationDesk(root);
    desk.start();
    return desk;
  }

  constructor(root) {
    this.root = root;
    this.items = [...root.querySelectorAll("[data-desk-item]")];
    this.index = -1;
  }

  start() {
    if (!this.items.length) return;
    const hint = this.root.querySelector("[data-desk-keys]");
    if (hint) hint.hidden = false;
    const fromHash = this.items.findIndex((item) => `#${item.id}` === location.hash);
    this.move(Math.max(fromHash, 0), { scroll: fromHash >= 0 });
    document.addEventListener("keydown", (event) => this.onKey(event));
    for (const [n, item] of this.items.entries()) {
      item.addEventListener("click", () => this.move(n, { scroll: false, focus: false }));
      const box = item.querySelector("[data-desk-select]");
      box?.addEventListener("change", () => item.classList.toggle("is-selected", box.checked));
      for (const form of item.querySelectorAll("form")) {
        form.addEventListener("submit", () => this.keepPlace(form, n));
      }
    }
  }

  get current() {
    return this.items[this.index] ?? null;
  }

  move(index, { scroll = true, focus = true } = {}) {
    const next = Math.min(Math.max(index, 0), this.items.length - 1);
    this.current?.classList.remove("is-current");
    this.index = next;
    const item = this.current;
    item.classList.add("is-current");
    if (focus) item.focus({ preventScroll: true });
    if (scroll) item.scrollIntoView({ block: "nearest" });
    this.root.dispatchEvent(
      new CustomEvent("desk:move", { bubbles: true, composed: true, detail: { id: item.id } }),
    );
  }

  onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    const command = KEYS[event.key];
    if (!command || !this.current) return;
    event.preventDefault();
    if (command === "next") this.move(this.index + 1);
    else if (command === "previous") this.move(this.index - 1);
    else if (command === "select") this.toggle();
    else this.submit(command);
  }

  toggle() {
    const box = this.current.querySelector("[data-desk-select]");
    if (!box) return;
    box.checked = !box.checked;
    box.dispatchEvent(new Event("change", { bubbles: true }));
  }

  submit(command) {
    const form = this.current.querySelector(`form[data-desk-form="${command}"]`);
    if (form) form.requestSubmit();
  }

  // After a decision the page reloads; come back to the item that followed
  // the one decided (it moves up when the decided one leaves the queue).
  keepPlace(form, n) {
    const next = form.querySelector("input[name=next]");
    const neighbour = this.items[n + 1] ?? this.items[n - 1];
    if (!next || !neighbour) return;
    next.value = `${next.value.split("#")[0]}#${neighbour.id}`;
  }
}

const NOT_TEXT = ["checkbox", "radio", "button", "submit", "reset"];

function isTyping(target) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ["TEXTAREA", "SELECT"].includes(target.tagName)) {
    return true;
  }
  return target.tagName === "INPUT" && !NOT_TEXT.includes(target.type);
}

ModerationDesk.attach();
