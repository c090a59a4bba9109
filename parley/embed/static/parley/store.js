// store.js: what this origin's local storage remembers for the reader.
//
// Entries are JSON objects under `parley:<api base>:<name>`: "voter" ({token}),
// "votes" ({comment id: -1 | 0 | 1}), "edit" ({comment id: edit token}) and
// "guest" ({name, email, website}). Storage may be missing or full (private
// mode); then reads answer {} and writes are dropped.

export class ReaderStore {
  constructor(namespace) {
    this.namespace = namespace;
  }

  key(name) {
    return `parley:${this.namespace}:${name}`;
  }

  read(name) {
    try {
      return JSON.parse(localStorage.getItem(this.key(name)) || "{}");
    } catch {
      return {};
    }
  }

  write(name, value) {
    try {
      localStorage.setItem(this.key(name), JSON.stringify(value));
    } catch {
      // Private mode or full storage: the reader just loses edit rights on reload.
    }
  }

  voterToken() {
    return this.read("voter").token || "";
  }

  editToken(id) {
    return this.read("edit")[id] || "";
  }
}
