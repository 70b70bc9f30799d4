// DJC003 — `select_for_update()` evaluated where no transaction can be open.
//
// What it finds: a queryset with `select_for_update()` evaluated in the same statement (`.get()`,
// `.first()`, `.get_or_create()`, `list(…)`, a `for` loop over it, …) inside a function that starts
// work on its own — a Celery task (decorated `@shared_task`/`@app.task`/`@task` in this file) or a
// management command's `handle()` — with no `with transaction.atomic():` around it and no
// `@transaction.atomic` on the function.
// Why it matters: evaluating a select_for_update() queryset in autocommit mode raises
// TransactionManagementError (on backends that support SELECT … FOR UPDATE): outside a transaction
// the lock would be released as soon as the query ends, so Django refuses it.
// Not found, on purpose: any other function. Views may run in a transaction through ATOMIC_REQUESTS (a
// setting the file does not show); helpers, model methods, signal receivers and services are usually
// called from a caller that holds the transaction; functions that only build and return the queryset
// evaluate nothing. On the 15 reference projects every select_for_update outside an atomic block of
// its own function was one of those, so flagging them would be wrong far more often than right.
// Also not found: test code, locks evaluated later through a variable.
// Django 5.2 docs checked: ref/models/querysets (select_for_update: evaluating it in autocommit mode
// is a TransactionManagementError on backends that support SELECT … FOR UPDATE; no effect on SQLite;
// update_or_create() locks inside its own atomic block), topics/db/transactions (autocommit by default, atomic,
// ATOMIC_REQUESTS), howto/custom-management-commands (handle()).
import type { InsightCheck } from './check';
import type { Code, Header } from './code';
import { hintMatches, holds } from './lineScan';
import { enclosingAtomic, isTestFile } from './transactionScope';
import type { InsightFinding } from './types';

const LOCK = /\bselect_for_update[ \t]*\(/g;
/**
 * Methods that run the locking SELECT when called on the queryset. Not `update()`/`delete()` (they run
 * their own UPDATE/DELETE), not `update_or_create()` (it opens its own atomic block), not `count()`/
 * `exists()`/`aggregate()` (not what anyone locks with).
 */
const EVALUATES = /^\.(?:get|first|last|earliest|latest|get_or_create|in_bulk)\b/;
const TASK_DECORATOR = /^(?:[\w.]*\.)?(?:shared_task|task|periodic_task)\b/;

export const lockOutsideAtomic: InsightCheck = {
  def: {
    id: 'DJC003',
    title: 'select_for_update outside a transaction',
    topic: 'transactions',
    finds: '`select_for_update()` evaluated in a Celery task or a management command\'s `handle()` with no `transaction.atomic()` around it.',
    problem: 'A row lock lasts only as long as its transaction; in autocommit mode there is none to hold it, so on databases with SELECT … FOR UPDATE (PostgreSQL, MySQL, Oracle) Django raises TransactionManagementError when the queryset is evaluated. SQLite ignores select_for_update, so tests there do not show it.',
    fix: 'Put the locking read and the writes that depend on it in one `with transaction.atomic():` block (or decorate the function with `@transaction.atomic`).',
    interviewQuestion: 'This task locks rows with select_for_update but opens no transaction. What happens when it runs, and how long should the lock be held?',
    questionIds: ['django-interview-questions-experienced-2026#44382ebb', 'django-interview-questions-experienced-2026#3d46edb5'],
    djangoVersion: '5.2',
  },
  mayFind: masked => holds(masked, 'for_up', 'select_for_update'),
  find(code: Code, fileName?: string): InsightFinding[] {
    if (isTestFile(fileName)) return [];
    const out: InsightFinding[] = [];
    for (const m of hintMatches(code, LOCK, '_upda', 10)) {
      if (code.masked[m.index - 1] !== '.') continue;
      const line = code.lineOf(m.index);
      const open = m.index + m[0].length - 1;
      const close = code.closeParen(open);
      if (close < 0 || !evaluatedHere(code, m.index, close)) continue;
      if (enclosingAtomic(code, line)) continue;
      const entry = entryPoint(code, line);
      if (!entry) continue;
      out.push({
        insightId: 'DJC003',
        range: code.range(m.index, close + 1),
        message: `\`select_for_update()\` is evaluated in ${entry.what} with no \`transaction.atomic()\` around it: in autocommit mode Django raises TransactionManagementError (on databases that support row locks).`,
        related: [{ range: code.lineRange(entry.def.line), message: entry.what }],
      });
    }
    return out;
  },
};

/** Whether the queryset whose `select_for_update(…)` ends at `close` is evaluated by the same statement. */
function evaluatedHere(code: Code, lockStart: number, close: number): boolean {
  const t = code.masked;
  // Follow the chain after the lock: `.filter(…)`, `.order_by(…)`, … up to a method that evaluates it.
  let i = close + 1;
  for (let guard = 0; guard < 20; guard++) {
    while (/\s/.test(t[i] ?? '') || (t[i] === '\\')) i++;
    const rest = t.slice(i, i + 40);
    if (EVALUATES.test(rest)) return true;
    if (t[i] === '[') return true;
    const next = /^\.\w+[ \t]*\(/.exec(rest);
    if (!next) break;
    const c = code.closeParen(i + next[0].length - 1);
    if (c < 0) return false;
    i = c + 1;
  }
  // `for x in <chain>:` or `list(<chain>)` around it.
  const stmtLine = code.statementStartLine(code.lineOf(lockStart));
  const head = t.slice(code.firstCode(stmtLine), lockStart);
  return /^(?:async\s+)?for\b[^:]*\bin\b/.test(head) || /\b(?:list|tuple|set|len|sorted)\s*\(\s*[\w.()\s,=]*$/.test(head);
}

/** The function around `line` when it starts work on its own: a Celery task or a command's handle(). */
function entryPoint(code: Code, line: number): { def: Header; what: string } | null {
  const def = code.enclosingDef(line);
  if (!def) return null;
  const sig = code.defSignature(def.text);
  if (!sig) return null;
  for (const d of code.decorators(def.line)) {
    if (TASK_DECORATOR.test(d.text)) return { def, what: `the Celery task \`${sig.name}\`` };
  }
  if (code.context.celeryTasks.has(sig.name)) return { def, what: `the Celery task \`${sig.name}\`` };
  if (sig.name === 'handle' && def.indent > 0) {
    const cls = code.enclosingHeaders(def.line).find(h => /^class\b/.test(h.text));
    if (cls && /\bBaseCommand\b|\bCommand\b/.test(cls.text)) return { def, what: 'the management command\'s `handle()`' };
  }
  return null;
}
