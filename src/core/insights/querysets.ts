// Shared by DJC001 and DJC007: what one file shows about the querysets a loop walks — a fresh
// queryset of a model (`Book.objects.filter(…)` with standard queryset methods only), a related manager
// of an object read in the same function, or a name the function assigns only from those — and where
// a model instance was read from the database.
import { isSpace, type Code, type Header } from './code';
import { regExpFor } from './lineScan';
import { isModelClass, modelShapes } from './modelFields';

/** A read of one row from the database. */
const ROW_READ = /\.objects\b[\s\S]*\.(?:get|first|last|earliest|latest)\(|(?:^|[^\w.])get_object_or_404\(/;
/**
 * A queryset chain written from a model's manager (`Book.objects…`, `models.Book.objects…`; group 1 the
 * model), from a reverse manager with a queryset method (`author.book_set.filter(…)`; group 2 the model, lower case),
 * or from a related manager's `.all()` (`order.lines.all()`; group 3 the relation, model unknown).
 */
export const MANAGER_CHAIN = /^(?:[A-Za-z_]\w*\.)*?(?:([A-Za-z_]\w*)\.objects\b|([A-Za-z_]\w*)_set(?=\s*\.\s*(?:all|filter|exclude|order_by|select_related|prefetch_related|distinct)\s*\()|(?<=\.)([A-Za-z_]\w*)(?=\s*\.\s*all\s*\(\s*\)))/;

/** The model a chain's manager belongs to, as a class name of this file when it can be told (reverse managers name it in lower case). */
function chainModel(code: Code, m: RegExpExecArray): string {
  if (m[1]) return m[1];
  if (m[3]) return `.${m[3]}`;
  for (const c of code.context.classes) if (c.name.toLowerCase() === m[2]) return c.name;
  return `${m[2]}_set`;
}
/** QuerySet methods that return a queryset of the same rows; a chain with any other method (a custom manager's) may prefetch itself. */
const STANDARD = new Set(['all', 'filter', 'exclude', 'order_by', 'select_related', 'prefetch_related', 'distinct', 'annotate', 'alias', 'only', 'defer', 'using', 'reverse', 'iterator', 'values', 'values_list']);

/** Whether [from, end) of the masked text is a chain of standard queryset calls and subscripts only. */
function standardChain(code: Code, from: number, end: number): boolean {
  let i = from;
  while (i < end) {
    const rest = code.masked.slice(i, end);
    const call = /^\s*\.\s*(\w+)\s*\(/.exec(rest);
    const sub = /^\s*\[/.exec(rest);
    if (call && STANDARD.has(call[1])) i = code.closeParen(i + call[0].length - 1) + 1;
    else if (sub) i = code.closeParen(i + sub[0].length - 1) + 1;
    else return /^\s*$/.test(rest);
    if (i <= 0) return false;
  }
  return true;
}

/** The `for <name> in <iterable>:` statement starting on `line`: its variable and the iterable's span. */
export function loopAt(code: Code, line: number): { variable: string; iterStart: number; iterEnd: number } | null {
  if (!code.startsStatement(line)) return null;
  const start = code.firstCode(line);
  const m = /^(?:async[ \t]+)?for[ \t]+([A-Za-z_]\w*)[ \t]+in[ \t]+/.exec(code.masked.slice(start, code.lineEnds[line]));
  if (!m) return null;
  const iterStart = start + m[0].length;
  let iterEnd = code.statementEnd(iterStart);
  while (iterEnd > iterStart && /\s/.test(code.masked[iterEnd - 1])) iterEnd--;
  if (code.masked[iterEnd - 1] !== ':') return null;
  iterEnd--;
  while (iterEnd > iterStart && /\s/.test(code.masked[iterEnd - 1])) iterEnd--;
  return { variable: m[1], iterStart, iterEnd };
}

/**
 * Whether the object a related manager hangs off (`root` in `root.lines.all()`) was read from the
 * database in this function — a row read, or the variable of an enclosing loop over a queryset — so
 * no caller can have prefetched its relations.
 */
function freshRoot(code: Code, line: number, root: string, depth: number): boolean {
  const fn = code.enclosingDef(line);
  if (!fn || depth > 3) return false;
  // `self` in a model's method: the instance the method runs on (its class is a model in this file).
  if (root === 'self') {
    const cls = code.enclosingHeaders(fn.line).find(h => /^class\s/.test(h.text));
    return !!cls && isModelClass(modelShapes(code).get(/^class\s+(\w+)/.exec(cls.text)?.[1] ?? ''));
  }
  for (const h of code.enclosingHeaders(line)) {
    if (h.line <= fn.line) break;
    const loop = loopAt(code, h.line);
    if (loop?.variable === root) return !!querysetOf(code, h.line, loop.iterStart, loop.iterEnd, depth + 1);
  }
  const assigns = assignments(code, fn, line - 1, root);
  const last = assigns[assigns.length - 1];
  return !!last && ROW_READ.test(code.masked.slice(last.start, last.end));
}

export interface QuerysetSource {
  /** The model's class name as written before `.objects` (or `<name>_set` for a reverse manager of a model this file does not declare). */
  model: string;
  /** The chains that build the queryset (the loop head's, or every assignment of the name). */
  chains: { start: number; end: number }[];
  /** The chain is written in the loop head (a quick fix can edit it). */
  inHead: boolean;
  /** Where the queryset is made (the loop head or the first assignment). */
  line: number;
  /** The name looped over, when the loop is over a variable. */
  name?: string;
}

/**
 * False when querysetOf surely finds no queryset for the loop: the iterable is neither a manager chain
 * nor a bare name, or the name is not assigned before the loop in its function. Cheap (no walk over
 * the function's body), so a check can ask it before reading the loop's body.
 */
export function mayIterateQueryset(code: Code, line: number, iterStart: number, iterEnd: number): boolean {
  const iter = code.masked.slice(iterStart, iterEnd);
  if (MANAGER_CHAIN.test(iter)) return true;
  const nm = BARE_NAME.exec(iter);
  if (!nm) return false;
  const fn = code.enclosingDef(line);
  return !!fn && assignedBefore(code, fn.line, line, nm[1]);
}

/** A bare name (or `name.all()`/`name.iterator()`) looped over. */
const BARE_NAME = /^([A-Za-z_]\w*)(?:\.(?:all|iterator)\(\))?$/;

/** What the loop iterates, when the file shows it is a queryset of one model: the head's chain, or a name assigned from one in the function. */
export function querysetOf(code: Code, line: number, iterStart: number, iterEnd: number, depth = 0): QuerysetSource | null {
  const iter = code.masked.slice(iterStart, iterEnd);
  const mc = MANAGER_CHAIN.exec(iter);
  if (mc) return standardChain(code, iterStart + mc[0].length, iterEnd) && (mc[1] || freshRoot(code, line, /^\w+/.exec(iter)![0], depth)) ? { model: chainModel(code, mc), chains: [{ start: iterStart, end: iterEnd }], inHead: true, line } : null;
  // A bare name (or `name.all()`/`name.iterator()`), assigned in this function only from queryset chains.
  const nm = BARE_NAME.exec(iter);
  if (!nm) return null;
  const name = nm[1];
  const fn = code.enclosingDef(line);
  if (!fn || !assignedBefore(code, fn.line, line, name)) return null;
  const assigns = assignments(code, fn, code.blockEnd(fn.line), name);
  if (!assigns.length || assigns.some(a => a.line > line && code.enclosingHeaders(line).some(h => h.line < a.line))) return null;
  let model = '';
  const chains: { start: number; end: number }[] = [];
  for (const a of assigns) {
    const rhs = code.masked.slice(a.start, a.end).trim();
    const own = MANAGER_CHAIN.exec(rhs);
    const again = new RegExp(`^${name}(?=\\s*\\.)`).exec(rhs);
    const from = code.masked.indexOf(rhs, a.start) + (own ?? again ?? [''])[0].length;
    // `qs = qs.filter(…)` keeps the model; anything else (a list, a call, another variable, a custom manager method) is unknown.
    if (!(own || again) || !standardChain(code, from, a.end)) return null;
    if (own && !own[1] && !freshRoot(code, a.line, /^\w+/.exec(rhs)![0], depth)) return null;
    if (own) {
      if (model && model !== chainModel(code, own)) return null;
      model = chainModel(code, own);
    }
    chains.push({ start: a.start, end: a.end });
  }
  if (!model) return null;
  return { model, chains, inHead: false, line: assigns[0].line, name };
}

/**
 * Whether a line after `from` and before `to` starts with `name` then `=` or `:` (after blanks): what
 * every assignment that querysetOf accepts looks like. It accepts none after the loop (the function's
 * own header encloses the loop), so a name with none before it — a parameter, a loop variable — is
 * settled here without reading the rest of the function.
 */
function assignedBefore(code: Code, from: number, to: number, name: string): boolean {
  const t = code.masked;
  if (from + 1 >= to) return false;
  const end = code.lineStarts[to];
  for (let i = t.indexOf(name, code.lineStarts[from + 1]); i >= 0 && i < end; i = t.indexOf(name, i + 1)) {
    if (i !== code.firstCode(code.lineOf(i))) continue;
    let k = i + name.length;
    while (k < end && (t.charCodeAt(k) === 0x20 || t.charCodeAt(k) === 0x09 || isSpace(t.charCodeAt(k)))) k++;
    const c = t.charCodeAt(k);
    if (c === 0x3d || c === 0x3a) return true;
  }
  return false;
}

/** Per name: its plain assignment, and its other bindings. */
const ASSIGN = new Map<string, RegExp>(), REBIND = new Map<string, RegExp>();

/** The assignments `name = …` in the function (statement starts only), with their value's span. */
function assignments(code: Code, fn: Header, fnEnd: number, name: string): { line: number; start: number; end: number }[] {
  const out: { line: number; start: number; end: number }[] = [];
  const re = regExpFor(ASSIGN, name, n => new RegExp(`^${n}\\s*(?::[^=\\n]*)?=(?!=)\\s*`));
  const other = regExpFor(REBIND, name, n => new RegExp(`^(?:${n}\\s*(?:[-+*/|&]|\\[)|(?:async\\s+)?for\\s+(?:[^\\n]*[\\s,(])?${n}\\b[^\\n]*\\sin\\s|with\\s[^\\n]*\\bas\\s+${n}\\b|[^\\n]*\\b${n}\\s*:=)`));
  // Every form below holds the name: only the lines where it occurs are read.
  if (fn.line + 1 > fnEnd) return out;
  const from = code.lineStarts[fn.line + 1];
  const body = code.masked.slice(from, code.lineEnds[Math.min(fnEnd, code.lineCount - 1)]);
  for (let i = body.indexOf(name); i >= 0; i = body.indexOf(name, i + 1)) {
    const l = code.lineOf(from + i);
    i = code.lineEnds[l] - from;
    if (code.isBlank(l) || !code.startsStatement(l)) continue;
    const s = code.firstCode(l);
    const text = code.masked.slice(s, code.lineEnds[l]);
    const m = re.exec(text);
    if (m) out.push({ line: l, start: s + m[0].length, end: code.statementEnd(s + m[0].length) });
    // Rebound some other way (augmented, item assignment, a loop target, `as`, a walrus): unknown, give up.
    else if (other.test(text)) return [];
  }
  return out;
}

