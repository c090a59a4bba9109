// Hover, focus and click every element of the page, shadow roots included, in
// passes, so that what the first clicks open (reply forms, report disclosures,
// edit forms) is swept too. Each pass hovers every new element (pointer and
// mouse events), then focuses each, then presses and clicks each, then leaves:
// phase by phase, so that one click's changes to the page don't make every
// later focus lay the page out again. Returns how many elements were touched.
async ({ passes, settle }) => {
  const seen = (window.__sweepSeen ||= new WeakSet());
  const everything = () => {
    const found = [];
    const walk = (root) => {
      for (const element of root.querySelectorAll("*")) {
        found.push(element);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    return found;
  };
  const fire = (element, types) => {
    for (const type of types) {
      const init = { bubbles: true, cancelable: true, composed: true, view: window };
      element.dispatchEvent(type.startsWith("pointer") ? new PointerEvent(type, init) : new MouseEvent(type, init));
    }
  };
  const each = (elements, act) => {
    for (const element of elements) {
      if (!element.isConnected) continue;
      try {
        act(element);
      } catch {
        // A page handler's error is not ours to judge; the sweep goes on.
      }
    }
  };
  let touched = 0;
  for (let pass = 0; pass < passes; pass += 1) {
    const fresh = everything().filter((element) => !seen.has(element));
    if (!fresh.length) break;
    for (const element of fresh) seen.add(element);
    each(fresh, (element) => fire(element, ["pointerover", "pointerenter", "mouseover", "mouseenter", "pointermove", "mousemove"]));
    each(fresh, (element) => {
      element.focus?.({ preventScroll: true });
      element.dispatchEvent(new FocusEvent("focusin", { bubbles: true, composed: true }));
    });
    document.activeElement?.blur?.();
    each(fresh, (element) => {
      fire(element, ["pointerdown", "mousedown", "pointerup", "mouseup"]);
      element.click?.();
    });
    each(fresh, (element) => fire(element, ["mouseout", "mouseleave", "pointerout", "pointerleave", "dblclick", "contextmenu"]));
    touched += fresh.length;
    // Let what the clicks started (fetches for edit forms, reloads) finish.
    await new Promise((resolve) => setTimeout(resolve, settle));
    for (let waited = 0; window.__pendingFetches > 0 && waited < 3000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return touched;
};
