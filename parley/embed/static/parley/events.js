// events.js: the widget's announcements to the page.
//
// Every event is a `parley:<name>` CustomEvent that bubbles and is composed, so a
// page can listen on document for `parley:loaded`, `parley:posted`, `parley:voted`,
// `parley:edited` and `parley:deleted`, whatever shadow roots lie in between.

export function emit(element, name, detail) {
  element.dispatchEvent(new CustomEvent(`parley:${name}`, { bubbles: true, composed: true, detail }));
}
