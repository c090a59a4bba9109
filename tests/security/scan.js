// Look for markup that a reader's text should never have become: event handler
// attributes or styles mentioning the trap, URLs with script-capable schemes,
// scripts or styles mentioning the trap, and embedding elements. Returns a
// short description of each, shadow roots included.
() => {
  const URL_ATTRIBUTES = new Set([
    "href", "xlink:href", "src", "action", "formaction", "data", "poster",
    "background", "srcdoc", "ping", "lowsrc", "dynsrc", "codebase", "cite", "srcset", "to", "values",
  ]);
  const SCRIPTING = /^(javascript|vbscript|data):/i;
  const TRAP = /pwned|alert\s*[(`]/i;
  const found = [];
  const describe = (element, why) => `<${element.localName}> ${why}: ${element.outerHTML.slice(0, 160)}`;
  const walk = (root) => {
    for (const element of root.querySelectorAll("*")) {
      for (const { name, value } of element.attributes) {
        const lower = name.toLowerCase();
        if (lower.startsWith("on") && TRAP.test(value)) found.push(describe(element, `handler ${name}`));
        if (lower === "style" && TRAP.test(value)) found.push(describe(element, "style"));
        // Browsers ignore ASCII whitespace and control characters inside a scheme.
        const squeezed = value.replace(/[\u0000-\u0020]/g, "");
        if (URL_ATTRIBUTES.has(lower) && SCRIPTING.test(squeezed)) found.push(describe(element, `${name} scheme`));
      }
      const tag = element.localName;
      if ((tag === "script" || tag === "style") && TRAP.test(element.textContent)) found.push(describe(element, "content"));
      if (["iframe", "frame", "object", "embed", "base"].includes(tag)) found.push(describe(element, "element"));
      if (tag === "meta" && element.hasAttribute("http-equiv")) found.push(describe(element, "http-equiv"));
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(document);
  return found;
};
