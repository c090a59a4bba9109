// store.js: what this origin's local storage remembers for the reader.
//
// Any script of the embedding site can read this storage, so it holds only what
// the widget needs and nothing a reader would mind another script seeing:
// "voter" ({token}: the reader token that knows their votes and held comments),
// "votes" ({comment id: -1 | 0 | 1}), "edit" ({comment id: {token, until}}: an
// edit token is good for one comment and is dropped when its edit window ends)
// and "guest" ({name, website}: never the e-mail address). Storage may be
// missing or full (private mode); then reads answer {} and writes are dropped.

const GUEST_FIELDS = ["name", "website"];

export class ReaderStore {
  constructor(namespace) {
    this.namespace = namespace;
    // Earlier versions kept the guest's e-mail address and unexpiring edit
    // tokens here; rewrite what they left.
    this.rememberGuest(this.read("guest"));
    this.write("edit", this.liveEditTokens());
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

  rememberGuest(fields) {
    const kept = {};
    for (const name of GUEST_FIELDS) if (fields[name]) kept[name] = String(fields[name]);
    this.write("guest", kept);
  }

  // The edit tokens whose window is still open (entries without an end, from
  // earlier versions, are dropped).
  liveEditTokens() {
    const now = Date.now();
    const live = {};
    for (const [id, entry] of Object.entries(this.read("edit"))) {
      if (entry && typeof entry === "object" && entry.token && entry.until > now) live[id] = entry;
    }
    return live;
  }

  rememberEdit(id, token, editableUntil) {
    const until = Date.parse(editableUntil);
    if (!token || !(until > Date.now())) return;
    this.write("edit", { ...this.liveEditTokens(), [id]: { token, until } });
  }

  forgetEdit(id) {
    const live = this.liveEditTokens();
    delete live[id];
    this.write("edit", live);
  }

  editToken(id) {
    return this.liveEditTokens()[id]?.token || "";
  }
}
