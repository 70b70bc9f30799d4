// The per-document analysis callers cache per document version: masked text split into lines and
// the file's context. From it, `detectAt` examines one line for a hover, `detections` the whole
// file (incrementally, reusing unchanged lines of the previous version).
import type { TopicId } from '../taxonomy';
import { contextSignature, readPythonContext, type PythonContext } from './context';
import { doubled } from './int32';
import { maskPythonCodes, maskTemplate } from './mask';
import { PythonDetector, type Hit } from './python';
import { RULES } from './rules';
import { matchTemplate, templateTriggerRegex } from './template';
import { pythonTriggerRegex, STRING_KEY_SOURCE, trieRegexSource } from './triggers';
import { documentKind, type DocumentKind } from './kind';

export { documentKind, type DocumentKind };

/** One Django construct found in a document. Lines and characters are 0-based, `end` exclusive (VS Code's `Position`). */
export interface Detection {
  line: number;
  start: number;
  end: number;
  ruleId: string;
  /** The rule's topic (one, per DESIGN §6); shared between detections of a rule — do not mutate. */
  topics: TopicId[];
}

/** Limits that keep detection cheap on pathological input; beyond them detection degrades, it never throws. */
export const LIMITS = {
  /** Documents longer than this are not analysed at all. */
  maxDocumentChars: 5_000_000,
  /** Lines longer than this (minified code, data blobs) are skipped. */
  maxLineChars: 2_000,
  /** Whole-file detection stops after this many constructs. */
  maxDetections: 20_000,
};

export type Degraded = 'unsupported' | 'binary' | 'too-large' | null;

/** Each rule's topics array, shared by its detections (treat `Detection.topics` as read-only). */
const RULE_TOPICS = new Map<string, TopicId[]>(RULES.map(r => [r.id, [r.topic]]));

// Shared regexes (global flag; every scan resets lastIndex, and scans never nest).
const PYTHON_TRIGGER = pythonTriggerRegex();
// V8 runs a regex's first executions on a short subject in its bytecode interpreter, and building that
// bytecode for this ~5,000-character alternation costs about 6 ms; a subject of 1,000 characters or
// more makes it compile native code at once (about 1 ms). A hover examines one line (a short subject),
// so the first hover would pay the 6 ms: one run over a long blank string compiles it natively now.
PYTHON_TRIGGER.exec(' '.repeat(1000));
PYTHON_TRIGGER.lastIndex = 0;
const TEMPLATE_TRIGGER = templateTriggerRegex();
const STRING_KEY = new RegExp(STRING_KEY_SOURCE, 'g');

export class DocumentAnalysis {
  readonly kind: DocumentKind | null;
  readonly text: string;
  readonly masked: string;
  readonly lineStarts: Int32Array;
  /** Where each line's text ends (before its line break). */
  readonly lineEnds: Int32Array;
  readonly context: PythonContext | null;
  readonly degraded: Degraded;
  private readonly detector: PythonDetector | null;
  private readonly aliasRegex: RegExp | null;
  private all: Detection[] | null = null;
  private lineIndex: Int32Array | null = null;

  constructor(text: string, languageIdOrFileName: string, previous?: DocumentAnalysis) {
    this.text = text;
    this.kind = documentKind(languageIdOrFileName);
    let degraded: Degraded = null;
    if (!this.kind) degraded = 'unsupported';
    else if (text.length > LIMITS.maxDocumentChars) degraded = 'too-large';
    else if (text.slice(0, 8192).includes('\u0000')) degraded = 'binary';
    this.degraded = degraded;
    if (degraded) {
      this.masked = '';
      this.lineStarts = Int32Array.of(0);
      this.lineEnds = Int32Array.of(0);
      this.context = null;
      this.detector = null;
      this.aliasRegex = null;
      this.all = [];
      return;
    }
    const python = this.kind === 'python' ? maskPythonCodes(text) : null;
    this.masked = python ? python.masked : maskTemplate(text);
    // Masking keeps every line break where it was; the masked text is usually one byte a character
    // (what it blanked held the rest), so its line feeds are found faster than in the text.
    [this.lineStarts, this.lineEnds] = splitLines(this.masked);
    if (python) {
      this.context = readPythonContext(this.masked, this.lineStarts, this.lineEnds, python.codes);
      this.detector = new PythonDetector({ context: this.context });
      this.aliasRegex = this.context.aliases.size ? new RegExp(`\\b(?:${trieRegexSource(this.context.aliases.keys())})\\b`, 'g') : null;
    } else {
      this.context = null;
      this.detector = null;
      this.aliasRegex = null;
    }
    if (previous && previous.all && previous.kind === this.kind && !previous.degraded) this.reuse(previous);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The masked text of one line (what detection sees). */
  maskedLine(line: number): string {
    return this.masked.slice(this.lineStarts[line], this.lineEnds[line]);
  }

  /** Every construct in the document, sorted by line and start. Computed once per analysis. */
  detections(): Detection[] {
    if (!this.all) this.all = this.detectLines(0, this.lineCount);
    return this.all;
  }

  /** The constructs on one line: from the whole-file result when it exists, else by examining that line alone. */
  detectionsOnLine(line: number): Detection[] {
    if (this.degraded || line < 0 || line >= this.lineCount) return [];
    if (this.all) {
      const index = (this.lineIndex ??= indexByLine(this.all, this.lineCount));
      return this.all.slice(index[line], index[line + 1]);
    }
    return this.detectLines(line, line + 1);
  }

  /** Examines lines [from, to): the trigger regex over their masked text, one bounded pass. */
  private detectLines(from: number, to: number): Detection[] {
    const out: Detection[] = [];
    if (this.degraded || from >= to) return out;
    const single = to - from === 1;
    // One line: run over its slice so the regex cannot wander past it; many lines: over the whole text.
    const base = single ? this.lineStarts[from] : 0;
    const t = single ? this.maskedLine(from) : this.masked;
    const raw = single ? this.text.slice(this.lineStarts[from], this.lineEnds[from]) : this.text;
    const startOffset = this.lineStarts[from] - base;
    const endOffset = this.lineEnds[to - 1] - base;
    const push = (line: number, ls: number, hit: Hit | null) => {
      if (!hit || out.length >= LIMITS.maxDetections) return;
      const topics = RULE_TOPICS.get(hit.ruleId);
      if (topics) out.push({ line, start: hit.start - ls, end: hit.end - ls, ruleId: hit.ruleId, topics });
    };
    if (this.kind === 'template') {
      this.scan(TEMPLATE_TRIGGER, t, base, from, startOffset, endOffset, (ls, le, line, m, re) => {
        const r = matchTemplate(t, le, m.index, m[1]);
        push(line, ls, r.hit);
        re.lastIndex = Math.max(re.lastIndex, r.next);
      });
    } else {
      const detector = this.detector!;
      this.scanPython(t, base, from, startOffset, endOffset, detector, out);
      if (this.aliasRegex) {
        this.scan(this.aliasRegex, t, base, from, startOffset, endOffset, (ls, le, line, m) => {
          push(line, ls, detector.matchAlias(t, ls, le, line, m.index, m[0]));
        });
      }
      if (this.context!.settingsLike) {
        this.scan(STRING_KEY, raw, base, from, startOffset, endOffset, (_ls, le, line, m) => {
          push(line, _ls, detector.stringKey(raw, t, le, m.index, m[2]));
        });
      }
    }
    return sortAndDropOverlaps(out);
  }

  /** scan() with the trigger regex and the detector's match, inlined: the path of every construct in a file. */
  private scanPython(t: string, base: number, firstLine: number, startOffset: number, endOffset: number, detector: PythonDetector, out: Detection[]): void {
    const { lineStarts, lineEnds } = this;
    const importLines = this.context!.importLines;
    const lastLine = lineStarts.length - 1;
    const re = PYTHON_TRIGGER;
    let line = firstLine;
    let nextStart = line < lastLine ? lineStarts[line + 1] - base : t.length;
    re.lastIndex = startOffset;
    let m: RegExpExecArray | null;
    while ((m = re.exec(t)) && m.index < endOffset) {
      const p = m.index;
      if (p >= nextStart) {
        do line++; while (line < lastLine && lineStarts[line + 1] - base <= p);
        nextStart = line < lastLine ? lineStarts[line + 1] - base : t.length;
      }
      const ls = lineStarts[line] - base;
      const le = lineEnds[line] - base;
      if (importLines[line] || le - ls > LIMITS.maxLineChars) {
        re.lastIndex = nextStart;
        continue;
      }
      const hit = detector.match(t, ls, le, line, p, m[0]);
      if (!hit || out.length >= LIMITS.maxDetections) continue;
      const topics = RULE_TOPICS.get(hit.ruleId);
      if (topics) out.push({ line, start: hit.start - ls, end: hit.end - ls, ruleId: hit.ruleId, topics });
    }
  }

  /**
   * Runs `re` over `t` between two offsets, tracking the line of each match and skipping import
   * lines and over-long lines. `base` is the document offset of `t`'s first character.
   */
  private scan(re: RegExp, t: string, base: number, firstLine: number, startOffset: number, endOffset: number,
    onMatch: (ls: number, le: number, line: number, m: RegExpExecArray, re: RegExp) => void): void {
    const { lineStarts, lineEnds } = this;
    const importLines = this.context?.importLines;
    let line = firstLine;
    re.lastIndex = startOffset;
    let m: RegExpExecArray | null;
    while ((m = re.exec(t)) && m.index < endOffset) {
      const p = m.index;
      while (line + 1 < lineStarts.length && lineStarts[line + 1] - base <= p) line++;
      const ls = lineStarts[line] - base;
      const le = lineEnds[line] - base;
      if ((importLines && importLines[line]) || le - ls > LIMITS.maxLineChars) {
        re.lastIndex = line + 1 < lineStarts.length ? lineStarts[line + 1] - base : t.length;
        continue;
      }
      if (m[0].length === 0) re.lastIndex++;
      onMatch(ls, le, line, m, re);
    }
  }

  /** Takes the detections of lines that did not change (same masked text, same file context) from the previous version. */
  private reuse(previous: DocumentAnalysis): void {
    const signature = (a: DocumentAnalysis) => (a.context ? contextSignature(a.context) : '');
    if (signature(this) !== signature(previous)) return;
    const n = this.lineCount, pn = previous.lineCount;
    const [prefix, suffix] = unchangedLines(previous, this);
    // Kept lines may depend on where the file binds the names detection looked up: an edit that
    // mentions one of them (before or after) may change that, so it costs a full re-detection.
    const looked = previous.context?.asked;
    if (looked?.size && (mentionsAny(previous, prefix, pn - suffix, looked) || mentionsAny(this, prefix, n - suffix, looked))) return;
    const old = previous.all!;
    const delta = n - pn;
    const kept: Detection[] = [];
    for (const d of old) if (d.line < prefix) kept.push(d);
    const middle = this.detectLines(prefix, n - suffix);
    const tail: Detection[] = [];
    for (const d of old) if (d.line >= pn - suffix) tail.push({ ...d, line: d.line + delta });
    this.all = kept.concat(middle, tail);
    // The kept lines still depend on the names the previous version looked up for them: the next
    // edit is checked against those too (a superset only costs a full re-detection now and then).
    if (looked && this.context) for (const name of looked) this.context.asked.add(name);
  }
}

/**
 * How many whole lines at the start and at the end two versions share (same masked text), found by
 * binary search over string equality — native comparisons instead of one per line.
 */
function unchangedLines(a: DocumentAnalysis, b: DocumentAnalysis): [number, number] {
  const A = a.masked, B = b.masked;
  const shortest = Math.min(A.length, B.length);
  if (A === B) return [b.lineCount, 0];
  // Longest common prefix k: A[0, k) === B[0, k).
  let lo = 0, hi = shortest;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (A.slice(0, mid) === B.slice(0, mid)) lo = mid;
    else hi = mid - 1;
  }
  const k = lo;
  // A line is kept at the start if its line break lies inside the common prefix.
  let prefix = 0;
  while (prefix < b.lineCount - 1 && b.lineEnds[prefix] < k) prefix++;
  // Longest common suffix m, not overlapping the prefix.
  lo = 0;
  hi = shortest - k;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (A.slice(A.length - mid) === B.slice(B.length - mid)) lo = mid;
    else hi = mid - 1;
  }
  const from = B.length - lo;
  // A line is kept at the end if the line break before it lies inside the common suffix.
  let first = b.lineCount - 1;
  while (first > prefix && b.lineEnds[first - 1] >= from) first--;
  let suffix = b.lineCount - first;
  if (b.lineStarts[first] < from || (first > 0 && b.lineEnds[first - 1] < from)) suffix--;
  suffix = Math.max(0, Math.min(suffix, a.lineCount - prefix, b.lineCount - prefix));
  return [prefix, suffix];
}

/** Whether lines [from, to) of the masked text contain one of `names` as a word. */
function mentionsAny(a: DocumentAnalysis, from: number, to: number, names: ReadonlySet<string>): boolean {
  if (from >= to) return false;
  const words = /[A-Za-z_]\w*/g;
  const text = a.masked.slice(a.lineStarts[from], a.lineEnds[to - 1]);
  for (let m = words.exec(text); m; m = words.exec(text)) if (names.has(m[0])) return true;
  return false;
}

/**
 * Where each line starts and ends (before its line break). Offsets are collected in buffers kept
 * from one call to the next, then copied out at their exact size: arrays grown by push left a
 * document's worth of garbage on every edit.
 */
function splitLines(text: string): [Int32Array, Int32Array] {
  let starts: Int32Array = LINE_STARTS, ends: Int32Array = LINE_ENDS;
  let n = 0;
  starts[0] = 0;
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (n + 1 >= starts.length) [starts, ends] = [doubled(starts), doubled(ends)];
      ends[n] = i;
      starts[++n] = i + 1;
    }
  } else {
    const re = /\r\n?|\n/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (n + 1 >= starts.length) [starts, ends] = [doubled(starts), doubled(ends)];
      ends[n] = m.index;
      starts[++n] = m.index + m[0].length;
    }
  }
  ends[n] = text.length;
  // Kept up to a size: buffers as big as the largest file ever opened would stay alive.
  if (starts.length <= KEPT_LINES) [LINE_STARTS, LINE_ENDS] = [starts, ends];
  return [starts.slice(0, n + 1), ends.slice(0, n + 1)];
}

const KEPT_LINES = 64 * 1024;
let LINE_STARTS: Int32Array = new Int32Array(4096);
let LINE_ENDS: Int32Array = new Int32Array(4096);

function sortAndDropOverlaps(list: Detection[]): Detection[] {
  const order = (a: Detection, b: Detection) => a.line - b.line || a.start - b.start || b.end - a.end;
  // One regex pass yields them in order, give or take a dotted name reaching back; sort only if
  // needed, and copy only if some overlap.
  let sorted = true, overlap = false;
  for (let i = 1; i < list.length; i++) {
    const a = list[i - 1], b = list[i];
    if (order(a, b) > 0) {
      sorted = false;
      break;
    }
    if (a.line === b.line && b.start < a.end) overlap = true;
  }
  if (sorted && !overlap) return list;
  if (!sorted) list.sort(order);
  const out: Detection[] = [];
  for (const d of list) {
    const last = out[out.length - 1];
    if (last && last.line === d.line && d.start < last.end) continue;
    out.push(d);
  }
  return out;
}

function indexByLine(list: readonly Detection[], lineCount: number): Int32Array {
  const index = new Int32Array(lineCount + 1);
  let i = 0;
  for (let line = 0; line <= lineCount; line++) {
    while (i < list.length && list[i].line < line) i++;
    index[line] = i;
  }
  return index;
}

/** Analyses a document; pass the previous version's analysis to reuse its unchanged lines. Never throws. */
export function analyzeDocument(text: string, languageIdOrFileName: string, previous?: DocumentAnalysis): DocumentAnalysis {
  try {
    return new DocumentAnalysis(String(text ?? ''), languageIdOrFileName, previous);
  } catch {
    return new DocumentAnalysis('', 'unsupported');
  }
}

/** Every Django construct in a document. */
export function detectDocument(text: string, languageIdOrFileName: string): Detection[] {
  return safeDetections(analyzeDocument(text, languageIdOrFileName));
}

function safeDetections(analysis: DocumentAnalysis): Detection[] {
  try {
    return analysis.detections();
  } catch {
    return [];
  }
}

/** The constructs on one line (examines only that line and the cached file context). */
export function detectLine(analysis: DocumentAnalysis, line: number): Detection[] {
  try {
    return analysis.detectionsOnLine(line);
  } catch {
    return [];
  }
}

/**
 * The construct under a position, or null. A position just after a construct still counts
 * (as VS Code's word ranges do), unless another construct starts there.
 */
export function detectAt(analysis: DocumentAnalysis, line: number, character: number): Detection | null {
  const list = detectLine(analysis, line);
  let touching: Detection | null = null;
  for (const d of list) {
    if (d.start <= character && character < d.end) return d;
    if (character === d.end) touching = d;
  }
  return touching;
}
