// Fast scans of the masked text for the insight checks (issue 14: insights cost at most half of
// detection). On the bench's 6,000-line module (200 KB) a line-anchored regex tried at every line
// (`/^[ \t]*for…/gm`) costs 0.17 ms and `includes('.execute')` 0.08 ms, while a native `indexOf` for
// a short string (under 7 characters) whose first character is rare in code (`for`, `xecute`, `mmit`)
// takes 0.006 to 0.014 ms. These helpers find candidates that way and give exactly the answers of
// the slow forms (test/unit/insights-lineScan.test.ts compares them).
import type { Code } from './code';

/** Whether `text` holds `needle`, asked for `hint` (a part of `needle`) first: `text.includes(needle)`, cheaper when `hint` is short and starts with a rare character. */
export function holds(text: string, hint: string, needle: string): boolean {
  return text.includes(hint) && text.includes(needle);
}

const STICKY = new Map<RegExp, RegExp>();

/**
 * What `code.matches(re)` yields for a regex anchored at line starts (`/^…/gm`) that never matches
 * a line break, but tried only at the start of the lines holding one of `needles`: the caller names
 * strings that every match's line contains. Matches in order, import lines skipped, as `matches` does.
 * `leading`: every match has one of the needles first after the line's spaces and tabs, or after
 * `async` and spaces (`for` in `/^[ \t]*(?:async[ \t]+)?for…/`), so an occurrence after anything
 * else is passed over at once.
 * `afterWord`: in every match, the needle that the line was found by comes right after a word character
 * and spaces or tabs (the sign of `obj.n += 1`), so an occurrence after anything else is passed over.
 */
export function* lineMatches(code: Code, re: RegExp, needles: readonly string[], leading = false, afterWord = false): Generator<RegExpExecArray> {
  const t = code.masked;
  const starts: number[] = [];
  // `^` with the m flag also starts a line after U+2028/U+2029, which Python (and Code's lines) do not.
  const plain = !leading && !t.includes('\u2028') && !t.includes('\u2029');
  for (const needle of needles) {
    for (let i = t.indexOf(needle); i >= 0; i = t.indexOf(needle, i + 1)) {
      if (afterWord && !isWordCode(t.charCodeAt(spacesBefore(t, i) - 1))) continue;
      if (leading) {
        let s = spacesBefore(t, i);
        if (s < i && s >= 5 && t.startsWith('async', s - 5)) s = spacesBefore(t, s - 5);
        if (s === 0 || isLineTerminator(t.charCodeAt(s - 1))) starts.push(s);
        continue;
      }
      if (plain) {
        // Code's lines end at \n, \r\n and \r: the same starts as the m flag's, but for the empty one between \r and \n.
        const line = code.lineOf(i);
        starts.push(code.lineStarts[line]);
        // Later occurrences on the same line add nothing.
        i = code.lineEnds[line];
        continue;
      }
      let s = i;
      while (s > 0 && !isLineTerminator(t.charCodeAt(s - 1))) s--;
      starts.push(s);
      let e = i + needle.length;
      while (e < t.length && !isLineTerminator(t.charCodeAt(e))) e++;
      i = e;
    }
  }
  if (needles.length > 1) starts.sort((a, b) => a - b);
  const sticky = stickyOf(re);
  let last = -1;
  for (const s of starts) {
    if (s === last) continue;
    last = s;
    sticky.lastIndex = s;
    const m = sticky.exec(t);
    if (!m || code.context.importLines[code.lineOf(m.index)]) continue;
    yield m;
  }
}

/**
 * What `code.matches(re)` yields for a regex each of whose matches holds `hint` once, `offset`
 * characters after its start (`on_commit` in `/\bon_commit[ \t]*\(/g` holds `mmit` at 5): the regex is
 * tried only there. A rarer hint than the regex's own first characters is found faster.
 */
export function* hintMatches(code: Code, re: RegExp, hint: string, offset: number): Generator<RegExpExecArray> {
  const t = code.masked;
  const sticky = stickyOf(re);
  for (let i = t.indexOf(hint, offset); i >= 0; i = t.indexOf(hint, i + 1)) {
    sticky.lastIndex = i - offset;
    const m = sticky.exec(t);
    if (!m || code.context.importLines[code.lineOf(m.index)]) continue;
    yield m;
  }
}

/** Where the spaces and tabs ending at `i` start. */
function spacesBefore(t: string, i: number): number {
  while (i > 0 && (t.charCodeAt(i - 1) === 0x20 || t.charCodeAt(i - 1) === 0x09)) i--;
  return i;
}

function stickyOf(re: RegExp): RegExp {
  let sticky = STICKY.get(re);
  if (!sticky) STICKY.set(re, (sticky = new RegExp(re.source, re.flags.replace('g', '') + 'y')));
  return sticky;
}

/**
 * `/\b(?:post_save|pre_save)\b/.test(masked)`, tried at each `ve` (v is rare in code; V8 looks for a
 * short needle from its first character) instead of at every character.
 */
export function namesSaveSignal(masked: string): boolean {
  for (let i = masked.indexOf('ve', 3); i >= 0; i = masked.indexOf('ve', i + 2)) {
    if (!masked.startsWith('_sa', i - 3) || isWordCode(masked.charCodeAt(i + 2))) continue;
    const s = i - 3;
    if (masked.startsWith('post', s - 4) && !isWordCode(masked.charCodeAt(s - 5))) return true;
    if (masked.startsWith('pre', s - 3) && !isWordCode(masked.charCodeAt(s - 4))) return true;
  }
  return false;
}

/**
 * `/=[ \t]*\w+\.\w+[ \t]*[+-]/.test(masked)` (`obj.n = obj.n + 1` spelled out), read back from each
 * `+` and `-` (rare in code) instead of trying the regex at every `=`.
 */
export function assignsDottedSum(masked: string): boolean {
  for (const sign of ['+', '-']) {
    for (let i = masked.indexOf(sign); i >= 0; i = masked.indexOf(sign, i + 1)) {
      let k = spacesBefore(masked, i);
      // \w+ . \w+ right before the blanks, each run whole (what comes before it is no word character).
      const nameEnd = k;
      while (k > 0 && isWordCode(masked.charCodeAt(k - 1))) k--;
      if (k === nameEnd || masked.charCodeAt(k - 1) !== 0x2e) continue;
      const dot = k - 1;
      k = dot;
      while (k > 0 && isWordCode(masked.charCodeAt(k - 1))) k--;
      if (k === dot) continue;
      if (masked.charCodeAt(spacesBefore(masked, k) - 1) === 0x3d) return true;
    }
  }
  return false;
}

/** `/\w/` (no u flag) for a character code; false for NaN (before the text). */
export function isWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/**
 * A regex built from a name (`name` → `new RegExp(…name…)`, no flags: `test`/`exec` keep no state),
 * once per name in `cache`. The checks build regexes for each variable name they meet, and building
 * one costs more than running it.
 */
export function regExpFor(cache: Map<string, RegExp>, name: string, build: (name: string) => RegExp): RegExp {
  let re = cache.get(name);
  if (!re) {
    if (cache.size >= 500) cache.clear();
    cache.set(name, (re = build(name)));
  }
  return re;
}
