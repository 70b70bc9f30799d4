// What every insight check reads: one Python document's analysis (masked text, lines, context) with
// the few structural questions the checks ask — indentation blocks, enclosing headers, calls and
// their arguments — answered from the masked text, so code in strings and comments never counts.
import type { Detection, DocumentAnalysis } from '../detect/analysis';
import { bindingsOf, lineOfOffset, parameterNames, resolveChain, type PythonContext, type Resolution } from '../detect/context';
import type { InsightRange } from './types';

/** A statement header that opens a block (`with …:`, `for …:`, `def …:`), with its indentation. */
export interface Header {
  line: number;
  indent: number;
  /** The header's masked text, trimmed. */
  text: string;
}

/** A `def` header's masked text. */
const DEF = /^(?:async\s+)?def\b/;
const DEF_SPACE = /^(?:async\s+)?def\s/;
const CLASS_WORD = /^class\b/;
const CLASS_SPACE = /^class\s/;

/** Brackets deeper than this, or statements longer than this, are not followed (odd input stays cheap). */
const MAX_SPAN = 20_000;

export class Code {
  readonly text: string;
  readonly masked: string;
  readonly lineStarts: Int32Array;
  readonly lineEnds: Int32Array;
  readonly context: PythonContext;
  private readonly indents: Int16Array;
  private blockEnds: Int32Array | null = null;
  private firstCodes: Int32Array | null = null;
  private readonly headerTexts = new Map<number, string>();
  private byRule: Map<string, Detection[]> | null = null;
  /** refersTo's resolutions by name; null where the answer depends on the line. */
  private readonly resolved = new Map<string, { r: Resolution | null; normalized?: string }>();
  private readonly analysis: DocumentAnalysis;

  constructor(analysis: DocumentAnalysis) {
    this.analysis = analysis;
    this.text = analysis.text;
    this.masked = analysis.masked;
    this.lineStarts = analysis.lineStarts;
    this.lineEnds = analysis.lineEnds;
    this.context = analysis.context!;
    this.indents = new Int16Array(this.lineStarts.length).fill(-1);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineOf(offset: number): number {
    return lineOfOffset(this.lineStarts, offset);
  }

  /** The masked text of a line. */
  line(line: number): string {
    return this.masked.slice(this.lineStarts[line], this.lineEnds[line]);
  }

  /** Whether the masked line holds no code (blank, a comment, or inside a string). */
  isBlank(line: number): boolean {
    return this.firstCode(line) >= this.lineEnds[line];
  }

  /** Offset of the first non-blank character of a line (its end when blank). */
  firstCode(line: number): number {
    // Asked again for the same lines by every walk over a block or up to its headers: kept per line.
    const known = (this.firstCodes ??= new Int32Array(this.lineStarts.length).fill(-1));
    if (known[line] >= 0) return known[line];
    this.readIndentation(line);
    return known[line];
  }

  indent(line: number): number {
    if (this.indents[line] < 0) this.readIndentation(line);
    return this.indents[line];
  }

  /** A line's first code offset and indentation width (indentWidth's: tabs to the next multiple of 8, a form feed resets), in one pass over its leading blanks. */
  private readIndentation(line: number): void {
    const t = this.masked, le = this.lineEnds[line];
    let i = this.lineStarts[line], w = 0;
    for (; i < le; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x20) w++;
      else if (c === 0x09) w = (w + 8) & ~7;
      else if (c === 0x0c) w = 0;
      else break;
    }
    (this.firstCodes ??= new Int32Array(this.lineStarts.length).fill(-1))[line] = i;
    this.indents[line] = Math.min(32_000, w);
  }

  /** Whether `line` starts a statement: not a line continuing an open bracket or a backslash of the line before. */
  startsStatement(line: number): boolean {
    if (line === 0) return true;
    // Cheap look back: the previous code line ends with an opening bracket, a comma or a backslash.
    for (let l = line - 1; l >= 0 && line - l < 50; l--) {
      if (this.isBlank(l)) continue;
      const t = this.masked;
      let e = this.lineEnds[l] - 1;
      while (e >= this.lineStarts[l] && (t[e] === ' ' || t[e] === '\t')) e--;
      const c = t[e];
      return !(c === '(' || c === '[' || c === '{' || c === ',' || c === '\\' || c === '=' || c === '+' || c === '%');
    }
    return true;
  }

  /** The line where the statement holding `line` starts (back over lines that continue an open bracket or a backslash). */
  statementStartLine(line: number): number {
    let l = line;
    while (l > 0 && !this.startsStatement(l) && line - l < 50) l--;
    return l;
  }

  /**
   * The headers enclosing `line`, innermost first: earlier statement lines indented less, that end
   * with `:`. Stops at module level.
   */
  enclosingHeaders(line: number): Header[] {
    const out: Header[] = [];
    for (let h = this.headerAbove(line); h >= 0; h = this.headerAbove(h)) out.push(this.header(h));
    return out;
  }

  /**
   * The line of the nearest header above `line` (the first of enclosingHeaders), or -1. The walk
   * from that header's own line goes on as the walk from `line` would: the header's own headers.
   */
  private headerAbove(line: number): number {
    const indent = this.isBlank(line) ? 1 << 20 : this.indent(line);
    for (let l = line - 1; l >= 0 && indent > 0; l--) {
      if (this.isBlank(l)) continue;
      const w = this.indent(l);
      if (w >= indent) continue;
      const text = this.line(l).trim();
      // A closing bracket back at a lower indentation belongs to a statement above, not a header;
      // `) -> bool:` ends a header whose brackets span lines (`def f(\n a,\n) -> bool:`): go on from its first line.
      if (/^[)\]}]/.test(text)) {
        const open = text.endsWith(':') ? this.openBracket(this.firstCode(l)) : -1;
        if (open >= 0 && this.lineOf(open) < l) l = this.lineOf(open) + 1;
        continue;
      }
      return l;
    }
    return -1;
  }

  private header(line: number): Header {
    return { line, indent: this.indent(line), text: this.headerText(line) };
  }

  /**
   * Whether the header text of `line` (headerText) matches `start`, a regex anchored at `^` that
   * reads only the header's first words (`def`, `class`): asked of the header's first line, so the
   * text of a long signature is not built to learn that it is a `def`.
   */
  private headerStarts(line: number, start: RegExp): boolean {
    return start.test(this.masked.slice(this.firstCode(line), this.lineEnds[line]).trimStart());
  }

  /** The headers enclosing `line` inside its innermost function (`with`, `for`, `if`…), innermost first; the `def` itself is not one of them. */
  headersInFunction(line: number): Header[] {
    const out: Header[] = [];
    for (let h = this.headerAbove(line); h >= 0; h = this.headerAbove(h)) {
      if (this.headerStarts(h, DEF) || this.headerStarts(h, CLASS_WORD)) break;
      out.push(this.header(h));
    }
    return out;
  }

  /** The decorators above the `def` or `class` on `line`, nearest first: their line and masked text (`@` dropped, brackets followed). */
  decorators(line: number): Header[] {
    const out: Header[] = [];
    const indent = this.indent(line);
    for (let l = line - 1; l >= 0 && line - l < 200; l--) {
      if (this.isBlank(l)) continue;
      const text = this.line(l).trim();
      if (this.indent(l) === indent && text.startsWith('@') && this.startsStatement(l)) {
        out.push({ line: l, indent, text: this.headerText(l).slice(1).trim() });
        continue;
      }
      // A line inside a decorator's brackets (`sender=X,` or the closing `)`).
      if (!this.startsStatement(l) || /^[)\]}]/.test(text)) continue;
      break;
    }
    return out;
  }

  /** The `def`'s name and parameter names from its header text (`def f(a, b=1, *args)`), or null when it is not one. */
  defSignature(header: string): { name: string; params: string[] } | null {
    const m = /^(?:async\s+)?def\s+(\w+)\s*\(/.exec(header);
    if (!m) return null;
    const open = m[0].length - 1;
    let depth = 0, close = -1;
    for (let i = open; i < header.length; i++) {
      const c = header[i];
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        depth--;
        if (depth === 0) {
          close = i;
          break;
        }
      }
    }
    if (close < 0) return null;
    return { name: m[1], params: parameterNames(header.slice(open + 1, close)) };
  }

  /** The detector's constructs of one rule in this document (see src/core/detect/rules.ts). */
  detections(ruleId: string): Detection[] {
    // The document's detections by rule, sorted once (the bench module has thousands).
    if (!this.byRule) {
      this.byRule = new Map();
      for (const d of this.analysis.detections()) {
        const list = this.byRule.get(d.ruleId);
        if (list) list.push(d);
        else this.byRule.set(d.ruleId, [d]);
      }
    }
    return this.byRule.get(ruleId)?.slice() ?? [];
  }

  /** A header's masked text, following its brackets onto the next lines (`def f(\n a,\n):`). */
  headerText(line: number): string {
    // The headers around a construct are read again for each question about it: kept per line.
    let text = this.headerTexts.get(line);
    if (text === undefined) {
      const start = this.firstCode(line);
      text = this.masked.slice(start, this.statementEnd(start));
      // Most headers are one line with single spaces: nothing to squeeze.
      if (/[^\S ]| {2}/.test(text)) text = text.replace(/\s+/g, ' ');
      this.headerTexts.set(line, (text = text.trim()));
    }
    return text;
  }

  /** The end of the logical line starting at `start` (brackets and backslashes followed). */
  statementEnd(start: number): number {
    const t = this.masked;
    const n = Math.min(t.length, start + MAX_SPAN);
    let depth = 0;
    for (let i = start; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
      else if (c === 0x29 || c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
      else if (c === 0x5c && (t.charCodeAt(i + 1) === 0x0a || t.charCodeAt(i + 1) === 0x0d)) i++;
      else if ((c === 0x0a || c === 0x0d) && depth === 0) return i;
    }
    return n;
  }

  /** The last line of the block a header on `line` opens (the header line itself when it has no indented body). */
  blockEnd(line: number): number {
    // Several checks ask for the same blocks (a function's end for each loop in it): answered once per line.
    const known = (this.blockEnds ??= new Int32Array(this.lineStarts.length).fill(-1));
    if (known[line] >= 0) return known[line];
    const indent = this.indent(line);
    const headerEnd = this.lineOf(this.statementEnd(this.firstCode(line)));
    let last = headerEnd;
    for (let l = headerEnd + 1; l < this.lineCount; l++) {
      if (this.isBlank(l)) continue;
      if (this.indent(l) <= indent) {
        // A closing bracket of a body statement may sit at the header's indentation.
        if (/^\s*[)\]}]/.test(this.line(l)) && !this.startsStatement(l)) {
          last = l;
          continue;
        }
        break;
      }
      last = l;
    }
    return (known[line] = last);
  }

  /**
   * The lines of the statements directly in the block a header on `line` opens (a class's fields and
   * methods, not what they hold): statement starts at the indentation of the body's first statement.
   */
  bodyStatements(line: number): number[] {
    const out: number[] = [];
    const end = this.blockEnd(line);
    let bodyIndent = -1;
    const headerEnd = this.lineOf(this.statementEnd(this.firstCode(line)));
    for (let l = headerEnd + 1; l <= end && l < this.lineCount; l++) {
      if (this.isBlank(l) || !this.startsStatement(l)) continue;
      const w = this.indent(l);
      if (bodyIndent < 0) bodyIndent = w;
      if (w === bodyIndent) out.push(l);
    }
    return out;
  }

  /** The `)` matching the `(` at `open`, or -1. */
  closeParen(open: number): number {
    const t = this.masked;
    const n = Math.min(t.length, open + MAX_SPAN);
    let depth = 0;
    for (let i = open; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
      else if (c === 0x29 || c === 0x5d || c === 0x7d) {
        depth--;
        if (depth === 0) return i;
        if (depth < 0) return -1;
      }
    }
    return -1;
  }

  /** The `(`, `[` or `{` matching the closing bracket at `close`, or -1. */
  openBracket(close: number): number {
    const t = this.masked;
    const stop = Math.max(0, close - MAX_SPAN);
    let depth = 0;
    for (let i = close; i >= stop; i--) {
      const c = t.charCodeAt(i);
      if (c === 0x29 || c === 0x5d || c === 0x7d) depth++;
      else if (c === 0x28 || c === 0x5b || c === 0x7b) {
        depth--;
        if (depth === 0) return i;
      }
    }
    return -1;
  }

  /** The innermost `(`, `[` or `{` left open before `at`, or -1. */
  enclosingBracket(at: number): number {
    const t = this.masked;
    const stop = Math.max(0, at - MAX_SPAN);
    let depth = 0;
    for (let i = at - 1; i >= stop; i--) {
      const c = t.charCodeAt(i);
      if (c === 0x29 || c === 0x5d || c === 0x7d) depth++;
      else if (c === 0x28 || c === 0x5b || c === 0x7b) {
        if (depth === 0) return i;
        depth--;
      }
    }
    return -1;
  }

  /** The top-level arguments between the `(` at `open` and its `)`, as [start, end) offsets (spaces trimmed). */
  args(open: number): [number, number][] {
    const close = this.closeParen(open);
    if (close < 0) return [];
    const t = this.masked;
    const out: [number, number][] = [];
    let depth = 0, from = open + 1;
    const push = (s: number, e: number) => {
      while (s < e && isSpace(t.charCodeAt(s))) s++;
      while (e > s && isSpace(t.charCodeAt(e - 1))) e--;
      if (e > s) out.push([s, e]);
    };
    for (let i = open + 1; i < close; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
      else if (c === 0x29 || c === 0x5d || c === 0x7d) depth--;
      else if (c === 0x2c && depth === 0) {
        push(from, i);
        from = i + 1;
      }
    }
    push(from, close);
    return out;
  }

  /** The dotted name ending just before `end` (`transaction.atomic` before its `(`), or ''. */
  dottedBefore(end: number): string {
    const t = this.masked;
    let i = end;
    while (i > 0 && isWordOrDot(t.charCodeAt(i - 1))) i--;
    return t.slice(i, end).replace(/^\.+/, '');
  }

  /**
   * Whether the dotted `name` written on `line` stands for `qualified` (one of them): through the
   * file's imports, or as a bare short form that the file neither imports nor binds.
   */
  refersTo(name: string, line: number, qualified: readonly string[], shortForms: readonly string[] = []): boolean {
    // What a name stands for is worked out once per file: only an imported root that the file also
    // binds somewhere can stand for something else on some lines (resolveChain's shadowing test).
    let known = this.resolved.get(name);
    if (!known) {
      const segments = name.split('.');
      const perLine = this.context.imports.has(segments[0]) && bindingsOf(this.context, segments[0]).length > 0;
      this.resolved.set(name, (known = { r: perLine ? null : resolveChain(this.context, segments, -1) }));
    }
    const r = known.r ?? resolveChain(this.context, name.split('.'), line, this.indent(line));
    if (r.kind === 'qualified') return qualified.includes(r.name) || qualified.includes(known.r ? (known.normalized ??= normalize(r.name)) : normalize(r.name));
    if (r.kind === 'unbound') return shortForms.includes(name);
    return false;
  }

  /** The innermost `def` (or `async def`) enclosing `line`, or null at module or class level. */
  enclosingDef(line: number): Header | null {
    for (let h = this.headerAbove(line); h >= 0; h = this.headerAbove(h)) {
      if (this.headerStarts(h, DEF_SPACE)) return this.header(h);
      if (this.headerStarts(h, CLASS_SPACE)) return null;
    }
    return null;
  }

  /** The value of the string literal written at [start, end) (one plain or raw literal, no f-string), or null. */
  stringValue(start: number, end: number): string | null {
    const masked = this.masked.slice(start, end).trim();
    if (!isStringLiteral(masked) || /^[rRbBuU]*[fF]/.test(masked)) return null;
    const raw = this.text.slice(start, end).trim().replace(/^[rRbBuU]{0,2}/, '');
    const q = raw.startsWith('"""') || raw.startsWith("'''") ? 3 : 1;
    const body = raw.slice(q, raw.length - q);
    return /\\/.test(body) ? null : body;
  }

  /** A range from two offsets (which may lie on different lines). */
  range(start: number, end: number): InsightRange {
    const line = this.lineOf(start);
    const endLine = end <= this.lineEnds[line] ? line : this.lineOf(end);
    return { line, start: start - this.lineStarts[line], endLine, end: end - this.lineStarts[endLine] };
  }

  /** The range of a whole line's code (first non-blank character to its end, trailing blanks dropped). */
  lineRange(line: number): InsightRange {
    const s = this.firstCode(line);
    let e = this.lineEnds[line];
    while (e > s && /\s/.test(this.masked[e - 1])) e--;
    return this.range(s, e);
  }

  /** The original text between two offsets. */
  source(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  /** Every offset where the regex (global) matches the masked text. */
  *matches(re: RegExp): Generator<RegExpExecArray> {
    re.lastIndex = 0;
    for (let m = re.exec(this.masked); m; m = re.exec(this.masked)) {
      if (m[0].length === 0) re.lastIndex++;
      if (this.context.importLines[this.lineOf(m.index)]) continue;
      yield m;
    }
  }
}

/** Django's public paths for names defined deeper (`django.db.models.fields.CharField` → `django.db.models.CharField`). */
function normalize(name: string): string {
  return name
    .replace(/^django\.db\.models\.(fields|query_utils|expressions|query)\./, 'django.db.models.')
    .replace(/^django\.db\.transaction\./, 'django.db.transaction.');
}

/** Whether a masked expression is one string literal (its prefix and quotes kept, contents blanked). */
export function isStringLiteral(masked: string): boolean {
  return /^[rRbBuU]{0,2}(?:'''[\s]*'''|"""[\s]*"""|'[^'\n]*'|"[^"\n]*")$/.test(masked.trim());
}

/** `/\s/.test(c)` for a character code, without a regex for ASCII. */
export function isSpace(c: number): boolean {
  if (c < 128) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return /\s/.test(String.fromCharCode(c));
}

/** `/[\w.]/.test(c)` for a character code. */
function isWordOrDot(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e;
}
