// DJC002 — a Celery task enqueued, or an email sent, inside `transaction.atomic()`.
//
// What it finds: `task.delay(…)` / `task.apply_async(…)` (what the detector's celery-call rule marks),
// `send_mail(…)` / `send_mass_mail(…)` and `EmailMessage(…).send()` / `EmailMultiAlternatives(…).send()`
// (also through a variable the function assigned the message to), called inside a
// `with transaction.atomic():` block of the same function or in a function decorated
// `@transaction.atomic` / `@method_decorator(atomic)` — any import or alias form the file's imports
// resolve, or a project context manager named as one (`traced_atomic_transaction()`) — after an ORM
// write in that transaction (`.save()`, `.create()`, `.delete()`, `qs.update()`, …), and not deferred
// with `transaction.on_commit(…)`.
// Why it matters: the broker gets the task at once, while the rows the block wrote are committed only
// when the outermost atomic block exits; a fast worker can read the old rows (or none), and when the
// block rolls back the task or the email still goes out about a change that never happened.
// Not found: calls in a function the atomic block calls (we read one function at a time), views that
// run in a transaction because of ATOMIC_REQUESTS (a setting, not visible in the file), calls inside a
// nested `def` (it runs when it is called, maybe after the commit), calls inside an `on_commit(…)`
// argument or a lambda, calls with no write before them in the transaction (nothing uncommitted for
// the worker to miss), tasks sent through a project helper or a canvas (`chain(…).apply_async()`),
// test files.
// Quick fix: only for a call that is a whole statement on one line, in no loop and no try block, whose names
// the function does not use again afterwards (the lambda reads them at commit time), when the file
// imports django.db.transaction: the statement becomes `transaction.on_commit(lambda: <call>)`.
// Django 5.2 docs checked: topics/db/transactions ("Performing actions after commit": on_commit,
// callbacks discarded on rollback, run at once outside a transaction; "Tying transactions to HTTP
// requests": ATOMIC_REQUESTS; on_commit examples with functools.partial), topics/email (send_mail,
// send_mass_mail, EmailMessage.send).
import type { InsightCheck } from './check';
import type { Code, Header } from './code';
import { hintMatches, holds } from './lineScan';
import { enclosingAtomic, isTestFile } from './transactionScope';
import type { InsightFinding, InsightFix } from './types';

const MAIL_FUNCTIONS = ['django.core.mail.send_mail', 'django.core.mail.send_mass_mail'];
const MAIL_CLASSES = ['django.core.mail.EmailMessage', 'django.core.mail.EmailMultiAlternatives', 'django.core.mail.message.EmailMessage', 'django.core.mail.message.EmailMultiAlternatives'];
const ON_COMMIT = /\bon_commit[ \t]*\(/g;

/** One call that talks to the outside world: [start, end) of the whole call and how to name it. */
interface SideEffect {
  start: number;
  /** Just after the call's `)`. */
  end: number;
  /** Where the diagnostic goes (the called name). */
  nameStart: number;
  nameEnd: number;
  what: string;
}

export const taskInAtomic: InsightCheck = {
  def: {
    id: 'DJC002',
    title: 'Task or email inside atomic, not on_commit',
    topic: 'transactions',
    finds: '`.delay()`/`.apply_async()`, `send_mail()` or `EmailMessage(…).send()` inside `transaction.atomic()` without `transaction.on_commit()`.',
    problem: 'Inside atomic the rows are not committed yet, but the broker or the mail server gets the work at once: a worker can run before the commit and read old data or nothing, and if the block rolls back the task or email still goes out.',
    fix: 'Register the side effect with `transaction.on_commit(lambda: …)` (or `functools.partial`): Django runs it after the outermost atomic block commits and drops it on rollback.',
    interviewQuestion: 'This task is enqueued inside an atomic block. What can the worker see when it starts, what happens on a rollback, and how would you make it run only after the commit?',
    questionIds: ['django-interview-questions-experienced-2026#44382ebb', 'django-interview-questions-experienced-2026#762d0772'],
    djangoVersion: '5.2',
  },
  mayFind: masked => holds(masked, 'mic', 'atomic') && /\b(?:delay|apply_async|send_mail|send_mass_mail|send)\b/.test(masked),
  find(code: Code, fileName?: string): InsightFinding[] {
    if (isTestFile(fileName)) return [];
    // The calls first: without any, the file's on_commit blocks need not be read.
    const calls = sideEffects(code);
    if (!calls.length) return [];
    // The on_commit(…) calls of the file, read at the first call that could be a finding (most are not).
    let deferred: [number, number][] | null = null;
    const out: InsightFinding[] = [];
    for (const call of calls) {
      const line = code.lineOf(call.start);
      // Inside a lambda the call runs whenever the lambda is called, not here.
      if (/\blambda\b/.test(code.masked.slice(code.firstCode(code.statementStartLine(line)), call.start))) continue;
      const atomic = enclosingAtomic(code, line);
      if (!atomic) continue;
      // Without a write before it in the transaction the worker has nothing to miss: not flagged.
      const write = lastWriteBefore(code, atomic.line, call.start);
      if (!write) continue;
      deferred ??= onCommitCalls(code);
      if (deferred.some(([s, e]) => call.start > s && call.start < e)) continue;
      const how = atomic.text.startsWith('with') || atomic.text.startsWith('async') ? `the \`${atomic.text.replace(/:$/, '')}\` block` : `the function decorated \`@${atomic.text}\``;
      const finding: InsightFinding = {
        insightId: 'DJC002',
        range: code.range(call.nameStart, call.nameEnd),
        message: `${call.what} runs inside ${how} (line ${atomic.line + 1}), after \`${write.text}\` (line ${write.line + 1}): it can start before that write is committed, and it still goes out if the block rolls back; defer it with \`transaction.on_commit()\`.`,
        related: [
          { range: code.lineRange(atomic.line), message: 'the transaction it runs in' },
          { range: code.range(write.start, write.end), message: 'a write the task or email may not see committed' },
        ],
      };
      const fix = onCommitFix(code, call);
      if (fix) finding.fix = fix;
      out.push(finding);
    }
    return out;
  },
};

/** The spans of the file's `on_commit(…)` calls, from the name to the `)`. */
function onCommitCalls(code: Code): [number, number][] {
  const out: [number, number][] = [];
  for (const m of hintMatches(code, ON_COMMIT, 'mmit', 5)) {
    const close = code.closeParen(m.index + m[0].length - 1);
    if (close > 0) out.push([m.index, close]);
  }
  return out;
}

/** ORM writes: model and queryset methods that change rows; `update`/`add`/`remove`/`set`/`clear` only on a chain (`qs.filter(…).update(`, `obj.tags.add(`). */
const WRITE = /(?:\.(?:save|create|bulk_create|bulk_update|delete|get_or_create|update_or_create)|\)\s*\.update|\w\.\w+\.(?:add|remove|set|clear))\s*\(/g;

/** The last ORM write between the transaction's header line and `before`: its line, text and offsets. */
function lastWriteBefore(code: Code, fromLine: number, before: number): { line: number; text: string; start: number; end: number } | null {
  const from = code.lineStarts[fromLine];
  const slice = code.masked.slice(from, before);
  let found: RegExpExecArray | null = null;
  WRITE.lastIndex = 0;
  for (let m = WRITE.exec(slice); m; m = WRITE.exec(slice)) found = m;
  if (!found) return null;
  const end = from + found.index + found[0].length - 1;
  let start = end;
  while (start > from && /[\w.]/.test(code.masked[start - 1])) start--;
  // On a chain (`qs.filter(…).delete(`) name the method alone: `.delete()`.
  if (code.masked[start - 1] === ')') start = code.masked.lastIndexOf('.', end);
  return { line: code.lineOf(start), text: code.masked.slice(start, end) + '()', start, end };
}

/** The task calls and mail sends of the file, from the detector's celery-call and send-mail constructs. */
function sideEffects(code: Code): SideEffect[] {
  const out: SideEffect[] = [];
  const t = code.masked;
  for (const d of code.detections('celery-call')) {
    const nameStart = code.lineStarts[d.line] + d.start, nameEnd = code.lineStarts[d.line] + d.end;
    const open = skipSpaces(t, nameEnd);
    if (t[open] !== '(') continue;
    const close = code.closeParen(open);
    if (close < 0) continue;
    const receiverStart = chainStart(t, nameStart);
    out.push({ start: receiverStart, end: close + 1, nameStart: receiverStart, nameEnd, what: `\`${t.slice(receiverStart, nameEnd)}()\`` });
  }
  for (const d of code.detections('send-mail')) {
    const nameStart = code.lineStarts[d.line] + d.start, nameEnd = code.lineStarts[d.line] + d.end;
    const name = t.slice(nameStart, nameEnd);
    const open = skipSpaces(t, nameEnd);
    if (t[open] !== '(') continue;
    const close = code.closeParen(open);
    if (close < 0) continue;
    if (code.refersTo(name, d.line, MAIL_FUNCTIONS, ['send_mail', 'send_mass_mail'])) {
      out.push({ start: nameStart, end: close + 1, nameStart, nameEnd, what: `\`${name}()\`` });
      continue;
    }
    if (!code.refersTo(name, d.line, MAIL_CLASSES, ['EmailMessage', 'EmailMultiAlternatives'])) continue;
    // `EmailMessage(…).send()` directly, or `msg = EmailMessage(…)` and later `msg.send()` in the same function.
    const after = /^[ \t]*\.[ \t]*send[ \t]*\(/.exec(t.slice(close + 1, close + 40));
    if (after) {
      const sendOpen = close + after[0].length;
      const sendClose = code.closeParen(sendOpen);
      if (sendClose > 0) out.push({ start: nameStart, end: sendClose + 1, nameStart, nameEnd: sendOpen, what: `\`${name}(…).send()\`` });
      continue;
    }
    const assigned = /(\w+)[ \t]*=[ \t]*$/.exec(t.slice(code.lineStarts[d.line], nameStart));
    if (!assigned) continue;
    const sent = sendThrough(code, assigned[1], d.line);
    if (sent) out.push({ ...sent, what: `\`${assigned[1]}.send()\` (an ${name})` });
  }
  return out;
}

/** `var.send(…)` later in the function that assigned `var` on `line`. */
function sendThrough(code: Code, variable: string, line: number): Omit<SideEffect, 'what'> | null {
  const def = code.enclosingDef(line);
  const last = def ? code.blockEnd(def.line) : code.lineCount - 1;
  const re = new RegExp(`\\b${variable}[ \\t]*\\.[ \\t]*send[ \\t]*\\(`, 'g');
  for (let l = line + 1; l <= last; l++) {
    re.lastIndex = 0;
    const m = re.exec(code.line(l));
    if (!m) continue;
    const start = code.lineStarts[l] + m.index;
    const open = start + m[0].length - 1;
    const close = code.closeParen(open);
    if (close < 0) return null;
    return { start, end: close + 1, nameStart: start, nameEnd: open };
  }
  return null;
}

/**
 * `transaction.on_commit(lambda: <call>)` in place of the call statement, when that is safe: the call
 * is the whole statement on its line, it is in no loop (a lambda in a loop reads the loop variable
 * at commit time), the names its arguments read are not used again later in the function (the lambda
 * would see their later values), and the file imports django.db.transaction under a name in reach.
 */
function onCommitFix(code: Code, call: SideEffect): InsightFix | undefined {
  const line = code.lineOf(call.start);
  if (code.lineOf(call.end) !== line || code.firstCode(line) !== call.start) return undefined;
  const rest = code.masked.slice(call.end, code.lineEnds[line]);
  if (rest.trim() !== '') return undefined; // a trailing comment is masked and stays where it is
  if (!code.startsStatement(line)) return undefined;
  const headers: Header[] = code.headersInFunction(line);
  // In a loop the lambda would read the loop variable at commit time; in a try block the except
  // clauses would no longer see the call's errors.
  if (headers.some(h => /^(?:async\s+)?(?:for|while)\b|^(?:try|except|finally)\b/.test(h.text))) return undefined;
  const tx = transactionName(code, line);
  if (!tx) return undefined;
  const args = code.masked.slice(call.start, call.end);
  const names = new Set((args.match(/(?<![.\w])[A-Za-z_]\w*/g) ?? []).filter(n => !KEYWORDS.has(n)));
  const def = code.enclosingDef(line);
  const last = def ? code.blockEnd(def.line) : code.lineCount - 1;
  for (let l = line + 1; l <= last; l++) {
    const text = code.line(l);
    for (const n of names) if (new RegExp(`(?<![.\\w])${n}\\b`).test(text)) return undefined;
  }
  const original = code.source(call.start, call.end);
  return {
    title: `Defer with ${tx}.on_commit(lambda: …)`,
    edits: [{ ...code.range(call.start, call.end), newText: `${tx}.on_commit(lambda: ${original})` }],
  };
}

const KEYWORDS = new Set(['None', 'True', 'False', 'lambda', 'if', 'else', 'for', 'in', 'not', 'and', 'or', 'is']);

/** The name the file gives django.db.transaction (`transaction`, `tx`) where `line` can see it, or null. */
function transactionName(code: Code, line: number): string | null {
  for (const [local, qualified] of code.context.imports) {
    if (qualified === 'django.db.transaction' && code.refersTo(`${local}.on_commit`, line, ['django.db.transaction.on_commit'])) return local;
  }
  return null;
}

/** `[\w.]`: a letter, digit, `_` or `.`. */
function isNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e;
}

function skipSpaces(t: string, i: number): number {
  while (t[i] === ' ' || t[i] === '\t') i++;
  return i;
}

/** Where the dotted chain ending at `end` starts (`tasks.send.delay` → `tasks`), a call in it included (`get_task().delay`). */
function chainStart(t: string, end: number): number {
  let i = end;
  for (;;) {
    while (i > 0 && isNameChar(t.charCodeAt(i - 1))) i--;
    if (i > 0 && t[i - 1] === ')' ) {
      let depth = 0, j = i - 1;
      for (; j >= 0; j--) {
        if (t[j] === ')') depth++;
        else if (t[j] === '(' && --depth === 0) break;
      }
      if (j <= 0) return i;
      i = j;
      continue;
    }
    return i;
  }
}
