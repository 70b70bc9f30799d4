// File-level context of a Python module, read once per document version from its masked text in one
// pass over the lines' first words: what each imported name stands for, its classes and what they
// derive from, variables holding Signal/Library/Celery instances, Celery tasks it defines, and where
// it binds names itself (recorded as offsets, or for assignments as lines chained by the first letter
// and length of the name, resolved per name on demand). Detection of a single line consults this
// instead of re-reading the file.
import { doubled } from './int32';
import * as triggers from './triggers';

// Copied once: transpiled to CommonJS (tests, bench) every imported name is a getter call.
const { INSTANCE_CLASSES, normalizeQualified, SETTINGS, SHORT_FORMS, TARGET_ROOTS, TARGETS, TARGETS_BY_BASE } = triggers;

/** What kind of Django class a class is, from its bases. */
export type ClassKind = 'model' | 'form' | 'serializer' | 'consumer' | 'django';

export interface ClassInfo {
  line: number;
  indent: number;
  name: string;
  bases: string[];
  kind: ClassKind | null;
}

interface Shadow {
  /** Line of the assignment (or of the `def` for a parameter). */
  line: number;
  /** The scope it happens in (see enclosingScope); -1 at module level. */
  scope: number;
}

export interface PythonContext {
  /** The masked text and its lines, for the lazy queries below. */
  masked: string;
  lineStarts: ArrayLike<number>;
  lineEnds: ArrayLike<number>;
  /** Local name → qualified name (`tx` → `django.db.transaction`, `post_save` → `django.db.models.signals.post_save`). */
  imports: Map<string, string>;
  /**
   * The imports that can lead to a rule's name (their module is Django's, DRF's, Celery's…), with
   * re-exports normalised and the project's Celery app (`from proj.celery import app`) as `celery.Celery()`.
   */
  targetImports: Map<string, string>;
  /** Modules imported with `*`. */
  stars: string[];
  /** Variables holding instances of classes rules follow (`order_paid` → `django.dispatch.Signal()`). */
  instances: Map<string, string>;
  classes: ClassInfo[];
  /** `def`/`class` lines with their indentation, in order, for scope lookups. */
  scopes: { line: number; indent: number; isDef: boolean }[];
  /** Parameter lists of `def`s: offsets of `(` and `)` and the `def` line, ordered by offset. */
  params: { open: number; close: number; line: number }[];
  /** Functions decorated as Celery tasks in this file. */
  celeryTasks: Set<string>;
  /** 1 where the line belongs to an import statement. */
  importLines: Uint8Array;
  /** Imported names whose local name is not the Django name (`gettext_lazy as _`): local name → qualified. */
  aliases: Map<string, string>;
  django: boolean;
  celery: boolean;
  /** Looks like a settings module: several known settings assigned at module level. */
  settingsLike: boolean;
  /**
   * Where the file binds names on the lines the pass reads anyway — `def`/`class` names,
   * parameters, `for` and `as` targets — as flat groups of five (start and end of the name, line,
   * the `def` line of a parameter or -1, its nameKey), recorded by offsets; names are read only
   * when asked for.
   */
  sites: SiteList;
  /**
   * Lines that may be assignments (`a = …`, `a: T = …`, `a += …`): a statement starting with a
   * name followed by `=`, `:` or an operator, not read further by the pass. Chained by that name's
   * first letter and length (`assignFirst[nameKey(…)]`, then `assignNext[line]`; -1 ends the
   * chain), so a question about one name reads only the lines whose statement starts with a name
   * like it. Tuple targets (`a, b = …`) are listed apart (`tupleLines`): the name asked about may be
   * any of them.
   */
  assignFirst: Int32Array;
  assignNext: Int32Array;
  /** Where each chained line's statement starts (its first non-blank character). */
  assignStart: Int32Array;
  tupleLines: number[];
  /** What the dotted names detection met stand for, by name as written (see targetRule). */
  chainTargets?: Map<string, ChainTarget>;
  /** The sites chained by nameKey, made on the first question (see bindingsOf). */
  siteChains?: { first: Int32Array; next: Int32Array };
  /** Sites by name with their scopes, filled per name on its first question (see bindingsOf). */
  bindings: Map<string, Shadow[]> | null;
  /** The names detection asked about: what incremental re-detection checks an edit against. */
  asked: Set<string>;
  /** Memo for contextSignature(). */
  signatureMemo?: string;
}

const MAX_STATEMENT = 4000;

function isIdentStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c > 0x7f;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0c;
}

/** Indentation width of a line, tabs to the next multiple of 8 as Python counts them. */
export function indentWidth(text: string, start: number, end: number): number {
  let w = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) w++;
    else if (c === 0x09) w = (w + 8) & ~7;
    else if (c === 0x0c) w = 0;
    else break;
  }
  return w;
}

/** Index of the `)` matching the `(` at `open`, or -1 (gives up after MAX_STATEMENT characters). */
function matchParen(codes: Uint16Array, open: number): number {
  let depth = 0;
  const limit = Math.min(codes.length, open + MAX_STATEMENT);
  for (let i = open; i < limit; i++) {
    const c = codes[i];
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x29 || c === 0x5d || c === 0x7d) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Splits at top-level commas. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x29 || c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c && depth === 0) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out;
}

const IDENT = /^[A-Za-z_]\w*/;

/** Parameter names of a parameter list (`self, request, *args, cache=None, **kw`). */
export function parameterNames(params: string): string[] {
  const names: string[] = [];
  for (const raw of splitTopLevel(params)) {
    const m = IDENT.exec(raw.trim().replace(/^\*{1,2}\s*/, ''));
    if (m) names.push(m[0]);
  }
  return names;
}

/** Statement text from `start` to the end of its logical line (following brackets and backslashes). */
function logicalLineEnd(text: string, start: number): number {
  let depth = 0;
  const n = Math.min(text.length, start + MAX_STATEMENT);
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x29 || c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
    else if (c === 0x5c && (text.charCodeAt(i + 1) === 0x0a || text.charCodeAt(i + 1) === 0x0d)) i++;
    else if ((c === 0x0a || c === 0x0d) && depth === 0) return i;
  }
  return n;
}

export function lineOfOffset(lineStarts: ArrayLike<number>, offset: number, hint = 0): number {
  let lo = hint, hi = lineStarts.length - 1;
  if (lo > hi || lineStarts[lo] > offset) lo = 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const FROM_IMPORT = /from(?:[ \t]|\\\r?\n)+(\.*[\w.]*)(?:[ \t]|\\\r?\n)+import\b/y;
const IMPORT = /import[ \t]+/y;

/** After an annotation's colon: the type, then `=` (not `==`). */
const ANNOTATED_VALUE = /[^=\r\n]*=(?!=)/y;

const DJANGO_ROOTS = new Set(['channels', 'asgiref', 'graphene_django', 'corsheaders', 'debug_toolbar']);

/** Whether a module (a dotted name) belongs to Django or its ecosystem: `django*`, `rest_framework*` and a few others at its root. */
function isDjangoModule(name: string): boolean {
  const dot = name.indexOf('.');
  const root = dot < 0 ? name : name.slice(0, dot);
  return root.startsWith('django') || root.startsWith('rest_framework') || DJANGO_ROOTS.has(root);
}

function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 0x30 && c <= 0x39);
}

/**
 * Where the names an assignment statement at `j` binds are (`a = …`, `a, b = …`, `a: T = …`,
 * `a += …`: start/end pairs), or null. Hand-written: it runs on most lines of a file, where a regex
 * call costs more than the scan.
 */
function readAssignment(t: string, j: number, le: number): { spans: number[]; valueStart: number } | null {
  SPANS.length = 0;
  const valueStart = assignmentValue(t, j, le, SPANS);
  return valueStart < 0 ? null : { spans: SPANS.slice(), valueStart };
}

const SPANS: number[] = [];

/** readAssignment without allocations for the hot loop: fills `spans`, returns where the value starts or -1. */
function assignmentValue(t: string, j: number, le: number, spans: number[]): number {
  let k = j;
  for (;;) {
    const start = k;
    while (k < le && isIdentChar(t.charCodeAt(k))) k++;
    if (k === start) return -1;
    spans.push(start, k);
    while (k < le && isSpace(t.charCodeAt(k))) k++;
    if (t.charCodeAt(k) !== 0x2c /* , */) break;
    k++;
    while (k < le && isSpace(t.charCodeAt(k))) k++;
    if (!isIdentStart(t.charCodeAt(k))) break; // `a, = …`
  }
  const c = t.charCodeAt(k);
  if (c === 0x3d /* = */) return t.charCodeAt(k + 1) === 0x3d ? -1 : k + 1;
  if (c === 0x3a /* : annotation */) {
    ANNOTATED_VALUE.lastIndex = k + 1;
    return ANNOTATED_VALUE.exec(t) && ANNOTATED_VALUE.lastIndex <= le ? ANNOTATED_VALUE.lastIndex : -1;
  }
  // Augmented assignment: += -= *= /= %= |= &= ^= @= and the doubled //= **= <<= >>=.
  let op = k;
  if ((c === 0x2f || c === 0x2a || c === 0x3c || c === 0x3e) && t.charCodeAt(k + 1) === c) op = k + 1;
  else if (c !== 0x2b && c !== 0x2d && c !== 0x2a && c !== 0x2f && c !== 0x25 && c !== 0x7c && c !== 0x26 && c !== 0x5e && c !== 0x40) return -1;
  return t.charCodeAt(op + 1) === 0x3d ? op + 2 : -1;
}

/** A statement's backslash-continued lines joined with a space (most import statements have none). */
function joinContinued(statement: string): string {
  return statement.includes('\\') ? statement.replace(/\\\r?\n/g, ' ') : statement;
}

/** Where the identifier running through `i` ends. */
function identEnd(t: string, i: number): number {
  while (isIdentChar(t.charCodeAt(i))) i++;
  return i;
}

/** `[ \t]`: what separates the words of a statement's head. */
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function skipBlanks(t: string, i: number): number {
  while (isBlank(t.charCodeAt(i))) i++;
  return i;
}

/** `[A-Za-z_]` and `\w` as the head regexes had them (ASCII only). */
function isWordStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

function isWordChar(c: number): boolean {
  return isWordStart(c) || (c >= 0x30 && c <= 0x39);
}

/** Whether the dotted name [start, end) is `task`, `shared_task` or ends with `.task`/`.shared_task`. */
function endsWithTask(t: string, start: number, end: number): boolean {
  if (end - start < 4 || !t.startsWith('task', end - 4)) return false;
  let from = end - 4;
  if (from - start >= 7 && t.startsWith('shared_', from - 7)) from -= 7;
  return from === start || t.charCodeAt(from - 1) === 0x2e;
}

const HEAD_WORDS = ['for', 'with', 'except'];
const HEAD_SECOND = HEAD_WORDS.map(word => word.charCodeAt(1));

/** Where `for`, `with` or `except` (maybe after `async`) starting the statement at `j` (first character `c`) ends, or -1. */
function headKeyword(t: string, j: number, c: number): number {
  if (c !== 0x66 && c !== 0x77 && c !== 0x65 && c !== 0x61) return -1;
  let k = j;
  if (c === 0x61) {
    if (!t.startsWith('async', j) || !isBlank(t.charCodeAt(j + 5))) return -1;
    k = skipBlanks(t, j + 6);
  }
  // The second letter tells the words apart; most heads that get this far (`if`, `assert`, `else`) fail there.
  const word = HEAD_WORDS[HEAD_SECOND.indexOf(t.charCodeAt(k + 1))];
  return word !== undefined && t.startsWith(word, k) && !isWordChar(t.charCodeAt(k + word.length)) ? k + word.length : -1;
}

/** Records the names after `as` in the statement [from, to) (`with … as x`, `except E as e`), as `\bas[ \t]+([A-Za-z_]\w*)` finds them. */
function asTargets(t: string, from: number, to: number, line: number, sites: SiteList): void {
  for (let i = t.indexOf('as', from); i >= 0 && i + 1 < to; i = t.indexOf('as', i + 1)) {
    if (i > from && isWordChar(t.charCodeAt(i - 1))) continue;
    let k = i + 2;
    if (k >= to || !isBlank(t.charCodeAt(k))) continue;
    while (k < to && isBlank(t.charCodeAt(k))) k++;
    if (k >= to || !isWordStart(t.charCodeAt(k))) continue;
    let e = k + 1;
    while (e < to && isWordChar(t.charCodeAt(e))) e++;
    pushSite(sites, t, k, identEnd(t, e), line, -1);
    i = e - 1; // the search goes on after the name
  }
}

/** A character that can begin an augmented assignment operator (`+=`, `//=`, `<<=`…). */
function isOperatorStart(c: number): boolean {
  switch (c) {
    case 0x2b: case 0x2d: case 0x2a: case 0x2f: case 0x25: case 0x7c: case 0x26: case 0x5e: case 0x40: case 0x3c: case 0x3e: return true;
    default: return false;
  }
}

/** The dotted name called at `i` (`Signal` in `Signal()`, `template.Library` in `template.Library()`), or null. */
function callee(t: string, i: number, le: number): string | null {
  while (i < le && isSpace(t.charCodeAt(i))) i++;
  const start = i;
  while (i < le && (isIdentChar(t.charCodeAt(i)) || t.charCodeAt(i) === 0x2e)) i++;
  if (i === start) return null;
  const end = i;
  while (i < le && isSpace(t.charCodeAt(i))) i++;
  return t.charCodeAt(i) === 0x28 ? t.slice(start, end) : null;
}

/**
 * The file context of masked Python text split into lines. `codes` holds the masked text's UTF-16
 * code units: the pass over every line's first word reads them there (an array read costs about
 * two thirds of a charCodeAt); it is not kept.
 */
export function readPythonContext(masked: string, lineStarts: ArrayLike<number>, lineEnds: ArrayLike<number>, codes: Uint16Array): PythonContext {
  const lineCount = lineStarts.length;
  const imports = new Map<string, string>();
  const stars: string[] = [];
  const classes: ClassInfo[] = [];
  const scopes: PythonContext['scopes'] = [];
  const params: PythonContext['params'] = [];
  const importLines = new Uint8Array(lineCount);
  const decorated: { decorator: string; fn: string }[] = [];
  const localBases = new Set<string>(); // undotted base names: perhaps classes of the file
  const sites = new SiteList(lineCount >> 1);
  const assignFirst = new Int32Array(NAME_KEYS).fill(-1);
  const assignNext = new Int32Array(lineCount);
  const assignStart = new Int32Array(lineCount);
  const tupleLines: number[] = [];
  let pendingDecorators: string[] = [];
  let settingsAssignments = 0;
  let django = false;
  let celery = false;

  const bindImport = (local: string, qualified: string) => {
    imports.set(local, qualified);
    if (isDjangoModule(qualified)) django = true;
    if (qualified === 'celery' || qualified.startsWith('celery.')) celery = true;
  };
  const markLines = (line: number, to: number) => {
    let l = line;
    while (l < lineCount && lineStarts[l] <= to) importLines[l++] = 1;
  };

  // One pass over the lines' first words: imports, classes, defs, decorators, and where names get
  // bound (recorded as offsets; see PythonContext.sites). Heads are read by hand — a regex call per
  // line costs more than comparing a few characters; import statements run theirs only once their
  // keyword matched. Assignments are only chained by the first letter and length of their name here
  // (see PythonContext.assignFirst): bindingsOf reads them for the names detection asks about.
  for (let line = 0; line < lineCount; line++) {
    if (importLines[line]) continue; // continuation of an import statement read already
    const ls = lineStarts[line];
    const le = lineEnds[line];
    // The first character of the statement; indentation is worked out only for `class`/`def` lines.
    let j = ls;
    let c = 0;
    while (j < le && ((c = codes[j]) === 0x20 || c === 0x09 || c === 0x0c)) j++;
    if (j >= le) continue;

    switch (c) {
      case 0x40 /* @ */: {
        // `@name.name`; only Celery task decorators matter later (`@shared_task`, `@app.task`).
        const start = skipBlanks(masked, j + 1);
        if (!isWordStart(masked.charCodeAt(start))) continue;
        let end = start + 1;
        while (isWordChar(masked.charCodeAt(end)) || masked.charCodeAt(end) === 0x2e) end++;
        if (endsWithTask(masked, start, end)) pendingDecorators.push(masked.slice(start, end));
        continue;
      }
      case 0x66 /* f */: {
        if (masked.charCodeAt(j + 1) !== 0x72 || !masked.startsWith('from', j)) break;
        FROM_IMPORT.lastIndex = j;
        const m = FROM_IMPORT.exec(masked);
        if (!m) break;
        const module = m[1];
        let start = FROM_IMPORT.lastIndex;
        while (start < masked.length && isSpace(masked.charCodeAt(start))) start++;
        let end: number;
        let names: string;
        if (masked.charCodeAt(start) === 0x28) {
          const close = matchParen(codes, start);
          end = close < 0 ? logicalLineEnd(masked, start) : close + 1;
          names = masked.slice(start + 1, close < 0 ? end : close);
        } else {
          end = logicalLineEnd(masked, start);
          names = masked.slice(start, end);
        }
        markLines(line, end);
        if (module !== '__future__') {
          for (const part of joinContinued(names).split(',')) {
            const item = part.trim();
            if (!item) continue;
            if (item === '*') {
              stars.push(module);
              if (isDjangoModule(module)) django = true;
              continue;
            }
            const am = /^([A-Za-z_]\w*)(?:\s+as\s+([A-Za-z_]\w*))?$/.exec(item);
            if (!am) continue;
            const qualified = module.endsWith('.') ? module + am[1] : `${module}.${am[1]}`;
            bindImport(am[2] ?? am[1], qualified);
          }
        }
        if (pendingDecorators.length) pendingDecorators = [];
        continue;
      }
      case 0x69 /* i */: {
        if (masked.charCodeAt(j + 1) !== 0x6d || !masked.startsWith('import', j)) break;
        IMPORT.lastIndex = j;
        if (!IMPORT.exec(masked)) break;
        const end = logicalLineEnd(masked, IMPORT.lastIndex);
        markLines(line, end);
        for (const part of joinContinued(masked.slice(IMPORT.lastIndex, end)).split(',')) {
          const am = /^([A-Za-z_][\w.]*)(?:\s+as\s+([A-Za-z_]\w*))?$/.exec(part.trim());
          if (!am) continue;
          if (am[2]) bindImport(am[2], am[1]);
          else {
            const root = am[1].split('.')[0];
            bindImport(root, root);
          }
        }
        if (pendingDecorators.length) pendingDecorators = [];
        continue;
      }
      case 0x63 /* c */: {
        // `class Name` then maybe `(`.
        if (masked.charCodeAt(j + 1) !== 0x6c || !masked.startsWith('class', j) || !isBlank(masked.charCodeAt(j + 5))) break;
        const nameStart = skipBlanks(masked, j + 6);
        if (!isWordStart(masked.charCodeAt(nameStart))) break;
        let nameEnd = nameStart + 1;
        while (nameEnd < le && isWordChar(codes[nameEnd])) nameEnd++;
        const name = masked.slice(nameStart, nameEnd);
        const open = skipBlanks(masked, nameEnd);
        const bases: string[] = [];
        if (masked.charCodeAt(open) === 0x28) readBases(masked, codes, open, le, bases, localBases);
        const indent = indentWidth(masked, ls, j);
        classes.push({ line, indent, name, bases, kind: null });
        scopes.push({ line, indent, isDef: false });
        pushSite(sites, masked, nameStart, identEnd(masked, nameEnd), line, -1);
        if (pendingDecorators.length) pendingDecorators = [];
        continue;
      }
      case 0x64 /* d */:
      case 0x61 /* a */: {
        // `def name(` or `async def name(`.
        let k = j;
        if (c === 0x61) {
          if (!masked.startsWith('async', j) || !isBlank(masked.charCodeAt(j + 5))) break;
          k = skipBlanks(masked, j + 6);
        }
        if (masked.charCodeAt(k + 1) !== 0x65 || !masked.startsWith('def', k) || !isBlank(masked.charCodeAt(k + 3))) break;
        const nameStart = skipBlanks(masked, k + 4);
        if (!isWordStart(masked.charCodeAt(nameStart))) break;
        let nameEnd = nameStart + 1;
        while (nameEnd < le && isWordChar(codes[nameEnd])) nameEnd++;
        const open = skipBlanks(masked, nameEnd);
        if (masked.charCodeAt(open) !== 0x28) break;
        pushSite(sites, masked, nameStart, nameEnd, line, -1); // followed by blanks and `(`
        scopes.push({ line, indent: indentWidth(masked, ls, j), isDef: true });
        const close = parameterList(masked, codes, open, le, line, sites);
        params.push({ open, close: close < 0 ? le : close, line });
        for (const d of pendingDecorators) decorated.push({ decorator: d, fn: masked.slice(nameStart, nameEnd) });
        if (pendingDecorators.length) pendingDecorators = [];
        continue;
      }
    }
    // `for a, b in …`, `with … as x`, `except … as e` (also `async for`/`async with`).
    const keywordEnd = headKeyword(masked, j, c);
    if (keywordEnd >= 0) {
      if (masked.charCodeAt(keywordEnd - 1) === 0x72 /* for */) {
        const end = masked.indexOf(' in', keywordEnd);
        targetSites(masked, keywordEnd, end < 0 || end > le ? le : end, line, sites);
      } else asTargets(masked, j, logicalLineEnd(masked, j), line, sites);
      continue;
    }
    if (!isIdentStart(c)) continue;
    // A name, then what may make the statement an assignment; anything else cannot (see assignmentValue).
    let k = j + 1;
    while (k < le && isIdentChar(codes[k])) k++;
    const nameEnd = k;
    while (k < le && isSpace(codes[k])) k++;
    const next = k < le ? codes[k] : NaN;
    if (next === 0x2c /* , */) tupleLines.push(line);
    else if (next === 0x3d || next === 0x3a || isOperatorStart(next)) {
      const key = nameKey(c, nameEnd - j);
      assignNext[line] = assignFirst[key];
      assignFirst[key] = line;
      assignStart[line] = j;
    } else continue;
    // Module-level settings (`DEBUG = …`): counted to tell a settings module.
    if (j === ls && c >= 0x41 && c <= 0x5a) {
      SPANS.length = 0;
      if (assignmentValue(masked, j, le, SPANS) >= 0 && SETTINGS.has(masked.slice(SPANS[0], SPANS[1]))) settingsAssignments++;
    }
  }

  const context: PythonContext = {
    masked, lineStarts, lineEnds, imports, targetImports: new Map(), stars, instances: new Map(), classes, scopes, params,
    celeryTasks: new Set(), importLines, aliases: new Map(), django, celery, settingsLike: settingsAssignments >= 2,
    sites, assignFirst, assignNext, assignStart, tupleLines, bindings: null, asked: new Set(),
  };

  // Imports that can lead to a rule's name, and those that rename a rule's own name (`gettext_lazy
  // as _`, which need their own trigger).
  for (const [local, qualified] of imports) {
    const name = normalizeQualified(qualified);
    const base = effectiveImport(qualified, name);
    const dot = base.indexOf('.');
    if (TARGET_ROOTS.has(dot < 0 ? base : base.slice(0, dot))) context.targetImports.set(local, base);
    if (TARGETS.has(name) && local !== name.slice(name.lastIndexOf('.') + 1)) context.aliases.set(local, name);
  }
  // Instances: `order_paid = Signal()`, `register = template.Library()`, `app = Celery('proj')`.
  for (const [name, chain] of instanceAssignments(context)) {
    const resolved = resolveChain(context, chain.split('.'), -1);
    const cls = resolved.kind === 'qualified' ? INSTANCE_CLASSES.get(resolved.name) : resolved.kind === 'unbound' ? INSTANCE_CLASSES.get(SHORT_FORMS.get(chain)?.name ?? '') : undefined;
    if (cls) context.instances.set(name, `${cls}()`);
  }
  // The project's own Celery app, imported from wherever the project keeps it (`from
  // readthedocs.worker import app`, `from ..celeryconf import app`): a name the file imports and
  // declares tasks with (`@app.task`) is taken for a Celery app, unless it comes from another task
  // queue whose apps spell tasks the same way.
  for (const { decorator } of decorated) {
    const dot = decorator.indexOf('.');
    if (dot < 0 || decorator.lastIndexOf('.') !== dot || !decorator.endsWith('.task')) continue;
    const root = decorator.slice(0, dot);
    const module = imports.get(root);
    if (module === undefined || context.targetImports.has(root) || OTHER_TASK_QUEUES.test(module)) continue;
    context.targetImports.set(root, 'celery.Celery()');
  }
  // Celery tasks defined here.
  for (const { decorator, fn } of decorated) {
    const r = resolveChain(context, decorator.split('.'), -1);
    const name = r.kind === 'qualified' ? r.name : r.kind === 'unbound' ? SHORT_FORMS.get(decorator)?.name : undefined;
    if (name === 'celery.shared_task' || name === 'celery.Celery().task') context.celeryTasks.add(fn);
  }
  // Class kinds, in file order so subclasses of local models are models too. Only the classes named
  // as a base somewhere are remembered by name.
  const localKinds = new Map<string, ClassKind | null>();
  const baseKinds = new Map<string, ClassKind | null>(); // `models.Model` is a base of half the classes
  for (const cls of classes) {
    cls.kind = null;
    for (const base of cls.bases) {
      let kind = localKinds.has(base) && !imports.has(base) ? localKinds.get(base) ?? null : baseKinds.get(base);
      if (kind === undefined) baseKinds.set(base, (kind = baseKind(context, base)));
      if (kind) {
        cls.kind = kind;
        break;
      }
    }
    if (localBases.size && localBases.has(cls.name)) localKinds.set(cls.name, cls.kind);
  }
  return context;
}

/** Task queues other than Celery whose apps declare tasks with `@app.task` too (procrastinate, Huey, taskiq…). */
const OTHER_TASK_QUEUES = /^(?:procrastinate|huey|taskiq|dramatiq|django_q|rq|django_rq|arq|prefect|airflow|invoke|fabric)(?:\.|$)/;

/** The class names of INSTANCE_CLASSES by every module (or class) path leading to them: `django.dispatch` → `Signal`. */
const INSTANCE_CLASSES_UNDER = new Map<string, string[]>();
for (const cls of INSTANCE_CLASSES.keys()) {
  const name = cls.slice(cls.lastIndexOf('.') + 1);
  for (let i = cls.indexOf('.'); ; i = cls.indexOf('.', i + 1)) {
    const path = i < 0 ? cls : cls.slice(0, i);
    const list = INSTANCE_CLASSES_UNDER.get(path);
    if (!list) INSTANCE_CLASSES_UNDER.set(path, [name]);
    else if (!list.includes(name)) list.push(name);
    if (i < 0) break;
  }
}

/** `name = Signal(…)`-style assignments of the classes rules follow, found by searching for the class names. */
function instanceAssignments(context: PythonContext): [string, string][] {
  const { masked, lineStarts, lineEnds, importLines } = context;
  const out: [string, string][] = [];
  // Only classes the file can name: imported themselves, or their module (or a parent) imported.
  const reachable = new Set<string>();
  for (const qualified of context.imports.values()) {
    for (const cls of INSTANCE_CLASSES_UNDER.get(qualified) ?? []) reachable.add(cls);
  }
  for (const cls of reachable) {
    for (let o = masked.indexOf(cls); o >= 0; o = masked.indexOf(cls, o + cls.length)) {
      if (isIdentChar(masked.charCodeAt(o + cls.length)) || (o > 0 && isIdentChar(masked.charCodeAt(o - 1)))) continue;
      const line = lineOfOffset(lineStarts, o);
      if (importLines[line]) continue;
      const ls = lineStarts[line], le = lineEnds[line];
      let head = ls;
      while (head < le && isSpace(masked.charCodeAt(head))) head++;
      if (!isIdentStart(masked.charCodeAt(head))) continue;
      const assigned = readAssignment(masked, head, le);
      if (!assigned || assigned.spans.length !== 2 || assigned.valueStart > o) continue;
      const chain = callee(masked, assigned.valueStart, le);
      if (chain && (chain === cls || chain.endsWith(`.${cls}`))) out.push([masked.slice(assigned.spans[0], assigned.spans[1]), chain]);
    }
  }
  return out;
}

/** Where the file binds `name` itself, with the scope of each binding. Import statements do not count: imports say what a name is. */
export function bindingsOf(context: PythonContext, name: string): Shadow[] {
  const cache = (context.bindings ??= new Map());
  let list = cache.get(name);
  if (!list) {
    context.asked.add(name);
    // Only the sites spelling `name` (compared in place, no per-site strings), found through the
    // chains by first letter and length: most names are never asked about.
    list = [];
    const { sites, masked, lineEnds } = context;
    const n = name.length;
    const key = nameKey(name.charCodeAt(0), n);
    const chains = (context.siteChains ??= chainSites(context));
    for (let s = chains.first[key]; s >= 0; s = chains.next[s]) {
      const start = sites.data[SITE * s];
      if (sites.data[SITE * s + 1] - start !== n || !masked.startsWith(name, start)) continue;
      const line = sites.data[SITE * s + 2], paramOf = sites.data[SITE * s + 3];
      list.push({ line, scope: paramOf >= 0 ? paramOf : scopeOfLine(context, line) });
    }
    // Assignments to it: the statements starting with a name of its letter and length, read now.
    const { assignNext, assignStart } = context;
    for (let line = context.assignFirst[key]; line >= 0; line = assignNext[line]) {
      const j = assignStart[line];
      if (isIdentChar(masked.charCodeAt(j + n)) || !masked.startsWith(name, j)) continue;
      SPANS.length = 0;
      if (assignmentValue(masked, j, lineEnds[line], SPANS) >= 0) list.push({ line, scope: scopeOfLine(context, line) });
    }
    if (list.length === 0) list = NONE;
    cache.set(name, list);
  }
  return list;
}

const NONE: Shadow[] = [];

/** The scope a statement on `line` binds in (see enclosingScope). */
function scopeOfLine(context: PythonContext, line: number): number {
  const indent = indentWidth(context.masked, context.lineStarts[line], context.lineEnds[line]);
  return indent === 0 ? -1 : enclosingScope(context, line, indent);
}

/** Numbers a site takes in PythonContext.sites. */
const SITE = 5;

/**
 * PythonContext.sites: groups of SITE numbers in an Int32Array sized from the line count, grown
 * by doubling (see int32.ts).
 */
export class SiteList {
  data: Int32Array;
  /** Numbers used: SITE per site. */
  length = 0;

  constructor(sites: number) {
    this.data = new Int32Array(SITE * Math.max(64, sites));
  }

  push(start: number, end: number, line: number, paramOf: number, key: number): void {
    let d = this.data;
    const k = this.length;
    if (k + SITE > d.length) this.data = d = doubled(d);
    d[k] = start;
    d[k + 1] = end;
    d[k + 2] = line;
    d[k + 3] = paramOf;
    d[k + 4] = key;
    this.length = k + SITE;
  }
}

/** Records a site: the name [start, end) of `t` bound on `line` (a parameter of the `def` on `paramOf`, or -1), with its nameKey. */
function pushSite(sites: SiteList, t: string, start: number, end: number, line: number, paramOf: number): void {
  sites.push(start, end, line, paramOf, nameKey(t.charCodeAt(start), end - start));
}

/** Buckets of names by first letter and length (see nameKey). */
const NAME_KEYS = 2048;

/** The bucket of a name (an identifier: its first character code and length), collisions allowed. */
function nameKey(first: number, length: number): number {
  return ((first & 0x7f) | (Math.min(length, 15) << 7)) & (NAME_KEYS - 1);
}

/**
 * Chains the sites by nameKey of the name there (the identifier starting at the site), after
 * adding the targets of tuple assignments (`a, b = …`): once per context, on the first question.
 */
function chainSites(context: PythonContext): { first: Int32Array; next: Int32Array } {
  const { sites, masked, lineStarts, lineEnds } = context;
  for (const line of context.tupleLines) {
    const le = lineEnds[line];
    let j = lineStarts[line];
    while (j < le && isSpace(masked.charCodeAt(j))) j++;
    SPANS.length = 0;
    if (assignmentValue(masked, j, le, SPANS) < 0) continue;
    for (let i = 0; i < SPANS.length; i += 2) pushSite(sites, masked, SPANS[i], SPANS[i + 1], line, -1);
  }
  const count = sites.length / SITE;
  const first = new Int32Array(NAME_KEYS).fill(-1);
  const next = new Int32Array(count);
  for (let s = count - 1; s >= 0; s--) {
    const key = sites.data[SITE * s + 4];
    next[s] = first[key];
    first[key] = s;
  }
  return { first, next };
}

/** Whether the file binds `name` anywhere itself. */
export function isBound(context: PythonContext, name: string): boolean {
  return bindingsOf(context, name).length > 0;
}

/**
 * The `)` matching the `(` at `open` (as matchParen finds it), recording on the way the parameter
 * names of the list (as parameterSites); without one, the names up to `le` only, and -1.
 */
function parameterList(t: string, codes: Uint16Array, open: number, le: number, line: number, sites: SiteList): number {
  const mark = sites.length;
  const limit = Math.min(t.length, open + MAX_STATEMENT);
  let depth = 0;
  let expectName = true;
  for (let i = open + 1; i < limit; i++) {
    const c = codes[i];
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x29 || c === 0x5d || c === 0x7d) {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && c === 0x2c) expectName = true;
    else if (depth === 0 && expectName && isIdentStart(c)) {
      const start = i;
      while (i < limit && isIdentChar(codes[i])) i++;
      pushSite(sites, t, start, i, line, line);
      expectName = false;
      i--;
    } else if (!isSpace(c) && c !== 0x2a && c !== 0x2f && c !== 0x0a && c !== 0x0d && c !== 0x5c) expectName = false;
  }
  sites.length = mark;
  parameterSites(t, open, le, line, sites);
  return -1;
}

/**
 * The bases of a class whose `(` is at `open`: the dotted name each top-level item of the list
 * starts with (items with `=`, such as `metaclass=M`, left out). The list ends at the matching `)`,
 * or without one at `le`. Undotted names also go to `local`. Reads in place, no strings but the names.
 */
function readBases(t: string, codes: Uint16Array, open: number, le: number, bases: string[], local: Set<string>): void {
  const close = matchParen(codes, open);
  const end = close < 0 ? le : close;
  let depth = 0;
  let from = open + 1;
  let keyword = false;
  for (let i = open + 1; i < end; i++) {
    const c = codes[i];
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x29 || c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x3d) keyword = true;
    else if (c === 0x2c && depth === 0) {
      if (!keyword) baseOf(t, from, i, bases, local);
      from = i + 1;
      keyword = false;
    }
  }
  if (!keyword) baseOf(t, from, end, bases, local);
}

/** The dotted name item [from, to) of a base list starts with, after blanks (as String.prototype.trim sees them). */
function baseOf(t: string, from: number, to: number, bases: string[], local: Set<string>): void {
  let k = from;
  while (k < to && isTrimmed(t.charCodeAt(k))) k++;
  if (k >= to || !isWordStart(t.charCodeAt(k))) return;
  let e = k + 1;
  while (e < to && (isWordChar(t.charCodeAt(e)) || t.charCodeAt(e) === 0x2e)) e++;
  const base = t.slice(k, e);
  bases.push(base);
  if (!base.includes('.')) local.add(base);
}

/** What String.prototype.trim removes: white space and line terminators. */
function isTrimmed(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Records the parameter names of the list between `open` and `close`. */
function parameterSites(t: string, open: number, close: number, line: number, sites: SiteList): void {
  let depth = 0;
  let expectName = true;
  for (let i = open + 1; i < close; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x29 || c === 0x5d || c === 0x7d) depth--;
    else if (depth === 0 && c === 0x2c) expectName = true;
    else if (depth === 0 && expectName && isIdentStart(c)) {
      const start = i;
      while (i < close && isIdentChar(t.charCodeAt(i))) i++;
      pushSite(sites, t, start, i, line, line);
      expectName = false;
      i--;
    } else if (!isSpace(c) && c !== 0x2a && c !== 0x2f && c !== 0x0a && c !== 0x0d && c !== 0x5c) expectName = false;
  }
}

/** Records the names of a `for` target list (`a, (b, c)`) between `from` and `to`. */
function targetSites(t: string, from: number, to: number, line: number, sites: SiteList): void {
  for (let i = from; i < to; i++) {
    if (!isIdentStart(t.charCodeAt(i)) || (i > from && isIdentChar(t.charCodeAt(i - 1)))) continue;
    const start = i;
    while (i < to && isIdentChar(t.charCodeAt(i))) i++;
    pushSite(sites, t, start, i, line, -1);
  }
}

/**
 * A fingerprint of the context except line numbers: when two versions of a file share it and the
 * edited lines mention none of the names whose bindings detection asked about, a line with the
 * same masked text has the same detections in both (incremental re-detection relies on it).
 */
export function contextSignature(context: PythonContext): string {
  if (context.signatureMemo === undefined) {
    const { imports, stars, instances, classes, celeryTasks, masked } = context;
    const parts: string[] = [stars.join(','), [...celeryTasks].join(','), `${context.django}${context.celery}${context.settingsLike}${masked.includes('get_response')}`];
    for (const [k, v] of imports) parts.push(`${k}=${v}`);
    parts.push('|');
    for (const [k, v] of instances) parts.push(`${k}=${v}`);
    parts.push('|');
    for (const c of classes) parts.push(`${c.indent}:${c.name}:${c.kind}`);
    parts.push('|');
    for (const p of context.params) parts.push(masked.slice(p.open, p.close));
    for (const s of context.scopes) parts.push(`${s.indent}${s.isDef}`);
    context.signatureMemo = parts.join(' ');
  }
  return context.signatureMemo;
}

function baseKind(context: PythonContext, base: string): ClassKind | null {
  const r = resolveChain(context, base.split('.'), -1);
  let name: string | undefined;
  if (r.kind === 'qualified') name = r.name;
  else if (r.kind === 'unbound') name = SHORT_FORMS.get(base)?.name;
  if (!name) return null;
  if (/^django\.db\.models\.Model$|^django\.contrib\.auth\.(models|base_user)\.(AbstractUser|AbstractBaseUser|PermissionsMixin|User)$/.test(name)) return 'model';
  if (/^(django\.forms|django\.contrib\.auth\.forms)\./.test(name)) return 'form';
  if (/^rest_framework\.serializers\./.test(name)) return 'serializer';
  if (/^channels\.(?:consumer|generic\.\w+)\.\w*Consumer$/.test(name)) return 'consumer';
  if (/^(django|rest_framework|django_filters)\./.test(name)) return 'django';
  // Project code: a base imported from an app's models/forms/serializers module.
  const module = name.slice(0, name.lastIndexOf('.'));
  const last = module.slice(module.lastIndexOf('.') + 1);
  if (last === 'models') return 'model';
  if (last === 'forms') return 'form';
  if (last === 'serializers') return 'serializer';
  if (last === 'consumers') return 'consumer';
  return null;
}

/**
 * The scope enclosing `line` (at `indent`): the `def` line of a function, `-2 - line` of a class
 * body, or -1 at module level.
 */
export function enclosingScope(context: PythonContext, line: number, indent: number): number {
  const scopes = context.scopes;
  let lo = 0, hi = scopes.length - 1, idx = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (scopes[mid].line < line) {
      idx = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = idx; i >= 0; i--) {
    const s = scopes[i];
    if (s.indent < indent) return s.isDef ? s.line : -2 - s.line;
  }
  return -1;
}

/** The class enclosing `line` (at `indent`): the nearest earlier class line indented less. */
export function enclosingClass(context: PythonContext, line: number, indent: number): ClassInfo | null {
  const classes = context.classes;
  let lo = 0, hi = classes.length - 1, idx = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (classes[mid].line < line) {
      idx = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = idx; i >= 0; i--) if (classes[i].indent < indent) return classes[i];
  return null;
}

export type Resolution =
  | { kind: 'qualified'; name: string }
  | { kind: 'local' }
  | { kind: 'unbound' };

/**
 * What a dotted chain (`tx.atomic`, `post_save`, `register.filter`) stands for in this file.
 * `line` (or -1) lets an imported name that the function rebinds count as local there.
 */
export function resolveChain(context: PythonContext, segments: readonly string[], line: number, indent = 0): Resolution {
  const root = segments[0];
  const rest = segments.length > 1 ? '.' + segments.slice(1).join('.') : '';
  const base = context.imports.get(root);
  if (base !== undefined) {
    if (line >= 0 && isShadowedAt(context, root, line, indent)) return { kind: 'local' };
    return { kind: 'qualified', name: (context.targetImports.get(root) ?? base) + rest };
  }
  const instance = context.instances.get(root);
  if (instance !== undefined) return { kind: 'qualified', name: instance + rest };
  if (isBound(context, root)) return { kind: 'local' };
  for (const module of context.stars) {
    const name = normalizeQualified(`${module}.${segments.join('.')}`);
    if (TARGETS.has(name)) return { kind: 'qualified', name };
  }
  return { kind: 'unbound' };
}

/**
 * The hot path of resolveChain for detection: the rule that `chainText` (a dotted name as written
 * on line [ls, le) of `t`: `transaction.atomic`, `post_save`) spells, `'unbound'` when its root is
 * neither imported nor bound by the file and it is a short form, else undefined. What the name
 * stands for is worked out once per name and file; only whether the file rebinds the root where
 * the line can see it is checked per line. Cheap for the common misses (`self.x.get`).
 */
export function targetRule(context: PythonContext, chainText: string, line: number, t: string, ls: number, le: number): string | 'unbound' | undefined {
  const memo = (context.chainTargets ??= new Map());
  let target = memo.get(chainText);
  if (target === undefined) memo.set(chainText, (target = chainTarget(context, chainText)));
  if (target.ruleId === undefined || target.check === null) return target.ruleId;
  // The root's bindings, kept with the name (bindingsOf makes them on the first question).
  const bindings = (target.bindings ??= bindingsOf(context, target.root));
  if (target.check === 'bound') return bindings.length ? undefined : 'unbound';
  return bindings.length && isShadowedIn(context, bindings, line, t, ls, le) ? undefined : target.ruleId;
}

/** What a dotted name stands for in the file, and what remains to check per line (see targetRule). */
interface ChainTarget {
  root: string;
  ruleId: string | undefined;
  /** `shadowed`: an imported root, unless the file rebinds it where the line can see it; `bound`: a short form, unless the file binds its root. */
  check: 'shadowed' | 'bound' | null;
  bindings?: Shadow[];
}

function chainTarget(context: PythonContext, chainText: string): ChainTarget {
  const dot = chainText.indexOf('.');
  const root = dot < 0 ? chainText : chainText.slice(0, dot);
  const rest = dot < 0 ? '' : chainText.slice(dot);
  const base = context.targetImports.get(root);
  if (base !== undefined) return { root, ruleId: TARGETS_BY_BASE.get(base)?.get(rest), check: 'shadowed' };
  if (context.imports.has(root)) return { root, ruleId: undefined, check: null };
  const instance = context.instances.get(root);
  if (instance !== undefined) return { root, ruleId: TARGETS_BY_BASE.get(instance)?.get(rest), check: null };
  for (const module of context.stars) {
    const ruleId = TARGETS.get(normalizeQualified(`${module}.${root}${rest}`));
    if (ruleId) return { root, ruleId, check: null };
  }
  // Only a short form (`transaction.atomic`, `post_save`) can stand for a rule without its import.
  if (!SHORT_FORMS.has(chainText)) return { root, ruleId: undefined, check: null };
  return { root, ruleId: 'unbound', check: 'bound' };
}

/** An import's qualified name as rules see it (`normalized`: with re-exports normalised); a project's Celery app as an instance of Celery. */
function effectiveImport(qualified: string, normalized: string): string {
  if (qualified.includes('celery') && /(^|\.)celery\.\w+$/.test(qualified) && !/^celery\.(shared_task|Celery|schedules)$/.test(qualified)) return 'celery.Celery()';
  return normalized;
}

/** Whether `list` (the bindings of an imported name) rebinds it where line [ls, le) of `t` can see it. */
function isShadowedIn(context: PythonContext, list: readonly Shadow[], line: number, t: string, ls: number, le: number): boolean {
  let scope: number | undefined;
  for (const s of list) {
    if (s.line > line) continue;
    if (s.scope === -1) {
      if (s.line < line) return true;
      continue;
    }
    scope ??= enclosingScope(context, line, indentWidth(t, ls, le));
    if (s.scope === scope) return true;
  }
  return false;
}

function isShadowedAt(context: PythonContext, name: string, line: number, indent: number): boolean {
  const list = bindingsOf(context, name);
  for (const s of list) {
    if (s.line > line) continue;
    if (s.scope === -1 ? s.line < line : s.scope === enclosingScope(context, line, indent)) return true;
  }
  return false;
}
