// text-quote.js: an article body's plain text and quotes in it, for
// inline-feedback.js.
//
// A quote is a W3C TextQuoteSelector (exact text, up to 32 characters before
// and after) over the body's plain text as the server computes it
// (parley/discussions/anchors.py): each paragraph's text, markers left out, one
// space between paragraphs; a passage's id START-END counts code points in it.

const CONTEXT = 32;
const SKIP = ".passage-markers, .passage-action";
export const codePoints = (text) => Array.from(text);

// The body's plain text, and where each of its text nodes starts in it.
export function indexBody(body) {
  const nodes = [];
  let text = "";
  for (const paragraph of body.querySelectorAll(":scope > p:not(.passage-action)")) {
    if (text) text += " ";
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    while (walker.nextNode()) {
      nodes.push({ node: walker.currentNode, start: text.length });
      text += walker.currentNode.data;
    }
  }
  return { text, nodes };
}

// Where a boundary point (container, offset) falls in the indexed text.
export function offsetOf(index, container, offset) {
  const point = document.createRange();
  point.setStart(container, offset);
  for (const { node, start } of index.nodes) {
    if (point.comparePoint(node, 0) >= 0) return start;
    if (point.comparePoint(node, node.length) >= 0) return start + (container === node ? offset : node.length);
  }
  return index.text.length;
}

// Widen text[start:end] (UTF-16 indexes) to whole words, so that a quote (and
// the marker placed at its end) never cuts one: "have dou" of "have doubled"
// becomes "have doubled". Words as the language breaks them (Intl.Segmenter:
// "don't" is one, Chinese or Thai words are found without spaces), or else
// runs of letters, digits and combining marks.
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
let segmenter;

function wordAt(text, at) {
  if (typeof Intl === "object" && Intl.Segmenter) {
    segmenter ??= new Intl.Segmenter(document.documentElement.lang || undefined, { granularity: "word" });
    const word = segmenter.segment(text).containing(at);
    return word && word.isWordLike ? [word.index, word.index + word.segment.length] : null;
  }
  const isWord = (i) => i >= 0 && i < text.length && WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i)));
  const low = (i) => /[\uDC00-\uDFFF]/.test(text[i] || "");
  if (low(at)) at -= 1; // the second half of a character
  if (!isWord(at)) return null;
  let [from, to] = [at, at];
  while (from > 0 && isWord(from - (low(from - 1) ? 2 : 1))) from -= low(from - 1) ? 2 : 1;
  while (to < text.length && isWord(to)) to += low(to + 1) ? 2 : 1;
  return [from, to];
}

export function wholeWords(text, start, end) {
  const first = wordAt(text, start);
  const last = wordAt(text, end - 1);
  return [first ? Math.min(first[0], start) : start, last ? Math.max(last[1], end) : end];
}

// The quote of text[start:end] (UTF-16 indexes), and the passage's id.
export function quoteAt(text, start, end) {
  const before = codePoints(text.slice(0, start));
  const exact = text.slice(start, end);
  return {
    id: `${before.length}-${before.length + codePoints(exact).length}`,
    quote: {
      exact,
      prefix: before.slice(-CONTEXT).join(""),
      suffix: codePoints(text.slice(end)).slice(0, CONTEXT).join(""),
    },
  };
}
