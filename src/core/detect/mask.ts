// Maskers blank what detection must not look at — Python comments, docstrings and string literals;
// Django template comments — with spaces, keeping every other character (and so every offset and
// line break) where it was. Rule regexes then run on the masked text.
//
// Python strings keep their prefix and quotes (`f'   '`) so a caller can still tell a string was
// there; their contents, f-string replacement fields included, are blanked.
import { doubled } from './int32';

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
 * once passed; the regions to blank are collected, then applied in one go.
 */
export function maskPython(text: string): string {
  const regions = findRegions(text);
  return regions.length === 0 ? text : applyMask(text, regions.data, regions.length).masked;
}

/** The masked text and its UTF-16 code units (what the file context reads line by line: faster than charCodeAt). */
export interface MaskedPython {
  masked: string;
  /** A view of a buffer the next masking reuses: read it before masking again. */
  codes: Uint16Array;
}

/** maskPython, with the code units of the result. */
export function maskPythonCodes(text: string): MaskedPython {
  const regions = findRegions(text);
  return applyMask(text, regions.data, regions.length);
}

/** The regions of `text` to blank (see maskPython). */
function findRegions(text: string): Regions {
  const regions = REGIONS.reset();
  const n = text.length;
  const hasCR = text.includes('\r');
  let nextHash = text.indexOf('#');
  let nextQuote = text.indexOf("'");
  let nextDouble = text.indexOf('"');
  let nextBackslash = text.indexOf('\\');
  let nextLineFeed = 0;
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
      if (hasCR) {
        const cr = text.lastIndexOf('\r', e);
        if (cr >= p) e = text.indexOf('\r', p);
      }
      regions.add(p, e, 0);
      i = e;
      continue;
    }
    const formatted = isFormatted(text, p);
    // Fast path for plain strings with no backslash before their end: indexOf finds the end.
    if (!formatted && !hasCR) {
      if (nextBackslash >= 0 && nextBackslash <= p) nextBackslash = text.indexOf('\\', p + 1);
      const quote = text[p];
      const triple = text.charCodeAt(p + 1) === text.charCodeAt(p) && text.charCodeAt(p + 2) === text.charCodeAt(p);
      const contentStart = p + (triple ? 3 : 1);
      const close = text.indexOf(triple ? quote + quote + quote : quote, contentStart);
      // The next line feed, like the next quote, is searched again only once passed.
      if (nextLineFeed >= 0 && nextLineFeed < contentStart) nextLineFeed = text.indexOf('\n', contentStart);
      const lineEnd = nextLineFeed;
      const end = close < 0 ? n : close;
      if (nextBackslash < 0 || nextBackslash >= end) {
        if (triple) {
          if (end > contentStart) regions.add(contentStart, end, lineEnd >= 0 && lineEnd < end ? 1 : 0);
          i = close < 0 ? n : close + 3;
          continue;
        }
        if (lineEnd < 0 || lineEnd > end) {
          if (end > contentStart) regions.add(contentStart, end, 0);
          i = close < 0 ? n : close + 1;
          continue;
        }
        // Unterminated on its line: it ends there.
        if (lineEnd > contentStart) regions.add(contentStart, lineEnd, 0);
        i = lineEnd;
        continue;
      }
    }
    const s = scanString(text, p, formatted);
    if (s.contentEnd > s.contentStart) regions.add(s.contentStart, s.contentEnd, s.multiline ? 1 : 0);
    i = Math.max(s.end, p + 1);
  }
  return regions;
}

/**
 * The regions to blank: (start, end, spans-lines) triples — contents of strings, whole comments.
 * Kept from one call to the next (masking runs on every edit of a document) up to a size: a
 * growing array of a few hundred kilobytes per call lands in fresh memory each time.
 */
class Regions {
  data: Int32Array = new Int32Array(3 * 4096);
  length = 0;

  reset(): this {
    if (this.data.length > 3 * 256 * 1024) this.data = new Int32Array(3 * 4096);
    this.length = 0;
    return this;
  }

  add(start: number, end: number, spansLines: number): void {
    if (this.length + 3 > this.data.length) this.data = doubled(this.data);
    const d = this.data, k = this.length;
    d[k] = start;
    d[k + 1] = end;
    d[k + 2] = spansLines;
    this.length = k + 3;
  }
}

const REGIONS = new Regions();

/**
 * The buffer texts are blanked in, kept from one call to the next (masking runs on every edit of a
 * document): writing into memory already touched costs a fraction of writing into a new
 * allocation of the same size. Kept up to a size; larger texts get a buffer of their own.
 */
const KEPT_BUFFER_BYTES = 1024 * 1024;
let kept: Buffer | null = null;

/** Blanks `regions` of `text` (keeping line breaks inside those that span lines): one copy into a buffer, one decode — no rope to flatten later. */
function applyMask(text: string, regions: Int32Array, count: number): MaskedPython {
  // Node's Buffer copies UTF-16 code units as they are (lone surrogates included); the browser host has none.
  if (typeof Buffer === 'undefined') {
    const masked = count ? applyMaskByConcat(text, regions, count) : text;
    const codes = new Uint16Array(masked.length);
    for (let k = 0; k < masked.length; k++) codes[k] = masked.charCodeAt(k);
    return { masked, codes };
  }
  const bytes = 2 * text.length;
  let buf: Buffer;
  if (bytes > KEPT_BUFFER_BYTES) buf = Buffer.allocUnsafeSlow(bytes);
  else {
    if (!kept || kept.length < bytes) kept = Buffer.allocUnsafeSlow(Math.min(KEPT_BUFFER_BYTES, Math.max(bytes, 2 * (kept?.length ?? 0), 64 * 1024)));
    buf = kept;
  }
  buf.write(text, 0, 'utf16le');
  const u = new Uint16Array(buf.buffer, buf.byteOffset, text.length);
  if (count === 0) return { masked: text, codes: u };
  for (let r = 0; r < count; r += 3) {
    const from = regions[r], to = regions[r + 1];
    if (regions[r + 2]) {
      for (let k = from; k < to; k++) if (u[k] !== 0x0a && u[k] !== 0x0d) u[k] = 0x20;
    } else if (to - from > 64) u.fill(0x20, from, to);
    else for (let k = from; k < to; k++) u[k] = 0x20; // most strings are short: a loop costs less than the call
  }
  return { masked: buf.toString('utf16le', 0, bytes), codes: u };
}

/** applyMask without Buffer (browser host): concatenation builds a rope that V8 flattens once, on first use. */
function applyMaskByConcat(text: string, regions: Int32Array, count: number): string {
  let out = '';
  let copied = 0;
  for (let r = 0; r < count; r += 3) {
    const from = regions[r], to = regions[r + 1];
    out += text.slice(copied, from);
    out += regions[r + 2] ? blankKeepingBreaks(text.slice(from, to)) : spaces(to - from);
    copied = to;
  }
  return out + text.slice(copied);
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
