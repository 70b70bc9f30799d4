// Maskers blank what detection must not look at — Python comments, docstrings and string literals;
// Django template comments — with spaces, keeping every other character (and so every offset and
// line break) where it was. Rule regexes then run on the masked text.
//
// Python strings keep their prefix and quotes (`f'   '`) so a caller can still tell a string was
// there; their contents, f-string replacement fields included, are blanked.

const QUOTE = 0x27; // '
const DQUOTE = 0x22; // "
const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;

const SPACES = ' '.repeat(4096);

function spaces(n: number): string {
  return n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n);
}

/** Blanks a region that may contain line breaks, keeping the breaks. */
function blankKeepingBreaks(region: string): string {
  return region.replace(/[^\r\n]/g, ' ');
}

function isIdentChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c > 0x7f;
}

/** String prefix letters (r, b, u, f, t in either case). */
function isPrefixLetter(c: number): boolean {
  switch (c | 0x20) {
    case 0x72: case 0x62: case 0x75: case 0x66: case 0x74: return true;
    default: return false;
  }
}

/** Whether the string whose opening quote is at `q` is an f-string (or t-string): looks at up to two prefix letters. */
function isFormatted(text: string, q: number): boolean {
  let k = q - 1;
  let formatted = false;
  while (k >= 0 && q - k <= 2 && isPrefixLetter(text.charCodeAt(k))) {
    const c = text.charCodeAt(k) | 0x20;
    if (c === 0x66 || c === 0x74) formatted = true;
    k--;
  }
  // Letters that are the tail of a longer identifier are not a prefix (not valid Python anyway).
  if (k >= 0 && q - k <= 3 && isIdentChar(text.charCodeAt(k))) return false;
  return formatted;
}

interface StringScan {
  contentStart: number;
  /** Where the contents stop (the closing quotes' index, or `end` when unterminated). */
  contentEnd: number;
  /** Index of the first character after the string (after its closing quotes, or where it stopped). */
  end: number;
  closed: boolean;
  multiline: boolean;
}

/**
 * Scans the string literal whose opening quote is at `q`. Unterminated single-quoted strings stop at
 * the end of their line; unterminated triple-quoted strings run to the end of the text (as in Python).
 * In f-strings, quotes inside `{…}` start nested strings (Python 3.12 allows the same quote there).
 */
function scanString(text: string, q: number, formatted: boolean, depthLimit = 4): StringScan {
  const n = text.length;
  const quote = text.charCodeAt(q);
  const triple = text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote;
  const contentStart = q + (triple ? 3 : 1);
  let i = contentStart;
  let depth = 0;
  let multiline = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === LF || next === CR) multiline = true;
      i += next === CR && text.charCodeAt(i + 2) === LF ? 3 : 2;
      continue;
    }
    if (c === LF || c === CR) {
      if (!triple) return { contentStart, contentEnd: i, end: i, closed: false, multiline };
      multiline = true;
      i++;
      continue;
    }
    if (formatted) {
      if (c === LBRACE) {
        if (depth === 0 && text.charCodeAt(i + 1) === LBRACE) { i += 2; continue; }
        depth++;
        i++;
        continue;
      }
      if (c === RBRACE) {
        if (depth > 0) depth--;
        i++;
        continue;
      }
      if (depth > 0 && (c === QUOTE || c === DQUOTE) && depthLimit > 0) {
        const inner = scanString(text, i, isFormatted(text, i), depthLimit - 1);
        if (inner.multiline) multiline = true;
        // A nested string that runs off its line ends a single-quoted outer string there too.
        if (!inner.closed && !triple) return { contentStart, contentEnd: inner.end, end: inner.end, closed: false, multiline };
        i = inner.end;
        continue;
      }
    }
    if (c === quote) {
      if (!triple) return { contentStart, contentEnd: i, end: i + 1, closed: true, multiline };
      if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) return { contentStart, contentEnd: i, end: i + 3, closed: true, multiline };
    }
    i++;
  }
  return { contentStart, contentEnd: n, end: n, closed: false, multiline };
}

/**
 * Masks a Python source text: one linear pass, same length, line breaks kept. The next `#`, `'` and
 * `"` are each found with indexOf (much cheaper than a regex call per string) and re-searched only
 * once passed.
 */
export function maskPython(text: string): string {
  const parts: string[] = [];
  let copied = 0;
  const n = text.length;
  let nextHash = text.indexOf('#');
  let nextQuote = text.indexOf("'");
  let nextDouble = text.indexOf('"');
  let i = 0;
  while (i < n) {
    if (nextHash >= 0 && nextHash < i) nextHash = text.indexOf('#', i);
    if (nextQuote >= 0 && nextQuote < i) nextQuote = text.indexOf("'", i);
    if (nextDouble >= 0 && nextDouble < i) nextDouble = text.indexOf('"', i);
    let p = n;
    if (nextHash >= 0) p = nextHash;
    if (nextQuote >= 0 && nextQuote < p) p = nextQuote;
    if (nextDouble >= 0 && nextDouble < p) p = nextDouble;
    if (p === n) break;
    if (p === nextHash) {
      let e = text.indexOf('\n', p);
      if (e < 0) e = n;
      const cr = text.indexOf('\r', p);
      if (cr >= 0 && cr < e) e = cr;
      parts.push(text.slice(copied, p), spaces(e - p));
      copied = e;
      i = e;
      continue;
    }
    const s = scanString(text, p, isFormatted(text, p));
    if (s.contentEnd > s.contentStart) {
      parts.push(text.slice(copied, s.contentStart));
      parts.push(s.multiline ? blankKeepingBreaks(text.slice(s.contentStart, s.contentEnd)) : spaces(s.contentEnd - s.contentStart));
      copied = s.contentEnd;
    }
    i = Math.max(s.end, p + 1);
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/**
 * Masks a Django template: `{# … #}` comments and `{% comment %}…{% endcomment %}` /
 * `{% verbatim %}…{% endverbatim %}` blocks (whose content Django never interprets).
 * HTML comments are not masked: Django still runs the tags inside them.
 */
export function maskTemplate(text: string): string {
  if (text.indexOf('{') < 0) return text;
  return text.replace(/\{#[^\r\n]*?#\}|\{%-?\s*(comment|verbatim)\b[^%]*%\}[\s\S]*?(?:\{%-?\s*end\1\b[^%]*%\}|$)/g, blankKeepingBreaks);
}
