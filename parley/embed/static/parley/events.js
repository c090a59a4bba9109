// events.js: the widget's announcements to the page.
//
// Every event is a `parley:<name>` CustomEvent that bubbles and is composed, so a
// page can listen on document for `parley:loaded`, `parley:posted` (with the
// comment's `status`: "pending" when held), `parley:voted`, `parley:edited`,
// `parley:deleted`, `parley:reported` and `parley:moderated`, whatever shadow roots
// lie in between.

export function emit(element, name, detail) {
  element.dispatchEvent(new CustomEvent(`parley:${name}`, { bubbles: true, composed: true, detail }));
}
