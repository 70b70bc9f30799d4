// Shared by DJC002 and DJC003: whether a line runs inside `transaction.atomic()` as far as its own
// function shows — a `with transaction.atomic():` block around it, or an `@transaction.atomic`
// decorator on the function — and whether a file is test code.
import type { Code, Header } from './code';

const ATOMIC = ['django.db.transaction.atomic'];
/** Short forms counted when the file neither imports nor binds their root (pasted snippets). */
const ATOMIC_SHORT = ['transaction.atomic', 'atomic'];

/** The `with …atomic(…)` header or the `@…atomic` decorator that puts `line` in a transaction, or null. */
export function enclosingAtomic(code: Code, line: number): Header | null {
  for (const h of code.headersInFunction(line)) {
    if (!/^(?:async\s+)?with\b/.test(h.text)) continue;
    if (atomicIn(code, h.text, h.line)) return h;
  }
  const def = code.enclosingDef(line);
  if (!def) return null;
  for (const d of code.decorators(def.line)) {
    if (atomicIn(code, '@' + d.text, d.line, true)) return d;
  }
  return null;
}

/**
 * Whether a `with` header (or a decorator, `@` first) names transaction.atomic, with or without a
 * call, `@method_decorator(atomic)` included — or a project's own context manager whose name says
 * it is an atomic transaction (`traced_atomic_transaction()`), not `non_atomic_requests`.
 */
function atomicIn(code: Code, text: string, line: number, decorator = false): boolean {
  if (decorator) {
    const m = /^@(?:[\w.]*method_decorator\s*\(\s*)?([\w.]+)\s*(?:[(),]|$)/.exec(text);
    return !!m && isAtomicName(code, m[1], line);
  }
  const re = /([\w.]+)\s*\(/g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (isAtomicName(code, m[1], line)) return true;
  return false;
}

function isAtomicName(code: Code, name: string, line: number): boolean {
  if (code.refersTo(name, line, ATOMIC, ATOMIC_SHORT)) return true;
  const last = name.slice(name.lastIndexOf('.') + 1);
  return /(?:^|_)atomic(?:_|$)/.test(last) && last !== 'atomic' && !/non_atomic/.test(last);
}

/** Test code: a tests package or module, conftest, or a `test_*.py` / `*_tests.py` file. */
export function isTestFile(fileName: string | undefined): boolean {
  if (!fileName) return false;
  return /(?:^|[\\/])(?:tests?|testing|conftest\.py|test_[^\\/]*\.py|[^\\/]*_tests?\.py|tests\.py)(?:[\\/]|$)/i.test(fileName);
}
