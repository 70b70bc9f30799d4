// DJC004 — a post_save/pre_save receiver that saves its own instance without a guard.
//
// What it finds: a function connected to `post_save` or `pre_save` — with `@receiver(post_save, …)`
// (a list of signals too) or `post_save.connect(handler, …)` with `handler` defined in the same file —
// that calls `<instance>.save()` on the instance the signal passed it (the `instance` parameter, or a
// name assigned from `kwargs["instance"]`), where nothing stops the second round: no `update_fields`
// on that save, no `if`/`while` around it, no `return` before it in the receiver (the early exit on
// `created`, `raw`, `update_fields` or a flag), no `disconnect()` in the receiver, no `with` block
// that mutes signals.
// Why it matters: `save()` sends pre_save and post_save again, so the receiver runs again and saves
// again — endless recursion until Python's recursion limit, or at best a second write per save.
// Not found: saves of other objects, saves in helpers the receiver calls, receivers connected in
// another file, guarded saves (`if created:`), `QuerySet.update()` (it sends no signals).
// Django 5.2 docs checked: ref/signals (pre_save, post_save: arguments sender, instance, created,
// raw, using, update_fields), topics/signals (receiver decorator, Signal.connect, disconnect),
// ref/models/querysets (update() does not call save() nor send pre_save/post_save).
import type { InsightCheck } from './check';
import { resolveChain } from '../detect/context';
import type { Code } from './code';
import { holds, namesSaveSignal } from './lineScan';
import type { InsightFinding } from './types';

const SIGNALS = ['django.db.models.signals.post_save', 'django.db.models.signals.pre_save'];
const SIGNAL_SHORT = ['post_save', 'pre_save'];
const RECEIVER = ['django.dispatch.receiver', 'django.dispatch.dispatcher.receiver'];

interface Receiver {
  defLine: number;
  signal: string;
  /** Its name and parameters when known already; read only for a receiver whose body calls `.save(` (null: a header we cannot read). */
  signature?: { name: string; params: string[] } | null;
}

export const receiverSavesInstance: InsightCheck = {
  def: {
    id: 'DJC004',
    title: 'Signal receiver saves its own instance',
    topic: 'signals',
    finds: 'A `post_save`/`pre_save` receiver that calls `instance.save()` with no guard (`created`, `update_fields`, a flag, a disconnect).',
    problem: 'save() sends pre_save and post_save again, so the receiver runs again and saves again: endless recursion, or at least a second write of the row each time.',
    fix: 'Write the change with `Model.objects.filter(pk=instance.pk).update(…)` (it sends no save signals), move it into the model\'s `save()` before `super().save()`, or guard the receiver (check `created`/`update_fields`) and save only the changed fields.',
    interviewQuestion: 'This post_save receiver saves the instance it received. What happens when it runs, and how would you update the row without triggering the signal again?',
    questionIds: ['django-core-algorithms-system-design-coding#493eba97', 'django-core-algorithms-system-design-coding#14410351'],
    djangoVersion: '5.2',
  },
  mayFind: masked => holds(masked, 've(', '.save(') && namesSaveSignal(masked),
  find(code: Code): InsightFinding[] {
    const out: InsightFinding[] = [];
    // Only a receiver that calls `.save(` in its own body can save its instance: the file's saves are
    // found first (few), and only the functions holding one are asked whether they are receivers.
    const saving = savingDefs(code);
    if (!saving.size) return out;
    for (const r of receivers(code, saving)) {
      const last = code.blockEnd(r.defLine);
      const body = code.masked.slice(code.lineStarts[r.defLine], code.lineEnds[last]);
      // No `.save(` anywhere in the receiver (most receivers): nothing to find.
      if (!/\.[ \t]*save[ \t]*\(/.test(body)) continue;
      const sig = r.signature !== undefined ? r.signature : code.defSignature(code.headerText(r.defLine));
      if (!sig) continue;
      const names = instanceNames(code, sig.params, r.defLine, last);
      if (!names.length) continue;
      if (/\.\s*disconnect\s*\(/.test(body)) continue;
      const re = new RegExp(`(?<![.\\w])(${names.join('|')})[ \\t]*\\.[ \\t]*save[ \\t]*\\(`, 'g');
      for (let l = r.defLine + 1; l <= last; l++) {
        re.lastIndex = 0;
        const text = code.line(l);
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const start = code.lineStarts[l] + m.index;
          const open = start + m[0].length - 1;
          if (!unguarded(code, r, l, open)) continue;
          out.push({
            insightId: 'DJC004',
            range: code.range(start, open),
            message: `\`${m[1]}.save()\` in the ${r.signal} receiver \`${sig.name}\` sends ${r.signal} again, so \`${sig.name}\` runs again: endless recursion. Use \`QuerySet.update()\` or guard the save.`,
            related: [{ range: code.lineRange(r.defLine), message: `the ${r.signal} receiver` }],
          });
        }
      }
    }
    return out;
  },
};

/**
 * The lines of the `def`s that call `.save(` in their own body (the save's line's innermost `def`):
 * every save a finding can be on holds `save` then blanks and `(`, after a `.` and blanks, on one line.
 */
function savingDefs(code: Code): Set<number> {
  const t = code.masked, out = new Set<number>();
  let last = -1;
  // From the `ve` of `save`: `v` is rare in code, and V8 looks for a short needle from its first character.
  for (let i = t.indexOf('ve', 2); i >= 0; i = t.indexOf('ve', i + 2)) {
    if (t.charCodeAt(i - 1) !== 0x61 || t.charCodeAt(i - 2) !== 0x73) continue;
    let k = i + 2;
    while (t.charCodeAt(k) === 0x20 || t.charCodeAt(k) === 0x09) k++;
    if (t.charCodeAt(k) !== 0x28) continue;
    k = i - 2;
    while (k > 0 && (t.charCodeAt(k - 1) === 0x20 || t.charCodeAt(k - 1) === 0x09)) k--;
    if (t.charCodeAt(k - 1) !== 0x2e) continue;
    const line = code.lineOf(i);
    if (line === last) continue;
    last = line;
    const def = code.enclosingDef(line);
    if (def) out.add(def.line);
  }
  return out;
}

/** The receivers of post_save/pre_save defined in this file, among the `def`s on the lines `among`. */
function receivers(code: Code, among: Set<number>): Receiver[] {
  const out: Receiver[] = [];
  // Whether a decorator's name can stand for `receiver` on any line, per name.
  const possible = new Map<string, boolean>();
  for (const s of code.context.scopes) {
    if (!s.isDef || !among.has(s.line)) continue;
    for (const d of code.decorators(s.line)) {
      const m = /^([\w.]+)\s*\(/.exec(d.text);
      // A decorator whose name stands for `receiver` on its line.
      if (!m || !isReceiverDecorator(code, d.line, possible)) continue;
      const signal = firstSignal(code, d.text.slice(m[0].length), d.line);
      // One receiver however many `@receiver` lines connect it.
      if (signal) {
        out.push({ defLine: s.line, signal });
        break;
      }
    }
  }
  // The file's `def`s by name, read only when a signal is connected here (most files connect none).
  let byName: Map<string, number[]> | null = null;
  for (const m of connectCalls(code)) {
    const line = code.lineOf(m.index);
    if (!code.refersTo(m.signal, line, SIGNALS, SIGNAL_SHORT)) continue;
    const args = code.args(m.open);
    if (!args.length) continue;
    const handler = code.masked.slice(args[0][0], args[0][1]);
    if (!/^\w+$/.test(handler) || code.context.imports.has(handler)) continue;
    byName ??= defsByName(code);
    const defs = byName.get(handler) ?? [];
    if (defs.length !== 1 || !among.has(defs[0])) continue;
    const sig = code.defSignature(code.headerText(defs[0]))!;
    const signal = m.signal.slice(m.signal.lastIndexOf('.') + 1);
    if (!out.some(r => r.defLine === defs[0])) out.push({ defLine: defs[0], signal, signature: sig });
  }
  return out;
}

/**
 * Whether `line` holds a receiver decorator: `@name(` first on the line (only blanks before the
 * `@`; lines end at \n and \r), where `name` stands for `receiver` on that line.
 */
function isReceiverDecorator(code: Code, line: number, possible: Map<string, boolean>): boolean {
  const t = code.masked, end = code.lineEnds[line];
  let i = code.lineStarts[line];
  while (i < end && (t.charCodeAt(i) === 0x20 || t.charCodeAt(i) === 0x09 || (t[i] !== '\n' && t[i] !== '\r' && /\s/.test(t[i])))) i++;
  if (t[i] !== '@') return false;
  DECORATOR_CALL.lastIndex = i;
  const m = DECORATOR_CALL.exec(t);
  if (!m) return false;
  let may = possible.get(m[1]);
  if (may === undefined) possible.set(m[1], (may = mayBeReceiver(code, m[1])));
  return may && code.refersTo(m[1], line, RECEIVER, ['receiver']);
}

/** `@name(` (what `/^@\s*([\w.]+)\s*\(/` reads on the trimmed line; a match running past the line's end only adds a line to look at). */
const DECORATOR_CALL = /@\s*([\w.]+)\s*\(/y;

/** Whether Code.refersTo(name, line, RECEIVER, ['receiver']) can hold on some line: it differs between lines only where the file rebinds an imported root. */
function mayBeReceiver(code: Code, name: string): boolean {
  const r = resolveChain(code.context, name.split('.'), -1);
  // RECEIVER names are not among those Code.refersTo normalizes (django.db.models.*, django.db.transaction.*).
  if (r.kind === 'qualified') return RECEIVER.includes(r.name) || /^django\.db\.(?:models|transaction)\./.test(r.name);
  return r.kind === 'unbound' && name === 'receiver';
}

function defsByName(code: Code): Map<string, number[]> {
  const byName = new Map<string, number[]>();
  for (const s of code.context.scopes) {
    if (!s.isDef) continue;
    const sig = code.defSignature(code.headerText(s.line));
    if (!sig) continue;
    const list = byName.get(sig.name) ?? [];
    list.push(s.line);
    byName.set(sig.name, list);
  }
  return byName;
}

/**
 * The `signal.connect(` calls of post_save/pre_save outside import lines: where the dotted name
 * starts, the name (`signals.post_save`), and the offset of `(`. The call is found from its literal
 * part and the dotted name read backwards: one regex trying a dotted name at every word of the
 * file cost more than the rest of this check.
 */
function* connectCalls(code: Code): Generator<{ index: number; signal: string; open: number }> {
  const t = code.masked;
  // Tried only where a signal's name can start: 7 or 6 characters before a `ve` (`post_save`,
  // `pre_save`). `v` is rare in code; the regex alone tried its alternation at every character.
  for (let i = t.indexOf('ve', 6); i >= 0; i = t.indexOf('ve', i + 1)) {
    const from = t.startsWith('post_sa', i - 7) ? i - 7 : t.startsWith('pre_sa', i - 6) ? i - 6 : -1;
    if (from < 0) continue;
    CONNECT.lastIndex = from;
    const m = CONNECT.exec(t);
    if (!m) continue;
    const end = m.index + m[1].length;
    let start = m.index;
    if (start > 0 && WORD.test(t[start - 1])) continue;
    // Back over `name.` parts: `signals.post_save`, `models.signals.post_save`.
    while (start >= 2 && t[start - 1] === '.' && WORD.test(t[start - 2])) {
      start -= 2;
      while (start > 0 && WORD.test(t[start - 1])) start--;
    }
    if (!code.context.importLines[code.lineOf(start)]) yield { index: start, signal: t.slice(start, end), open: m.index + m[0].length - 1 };
  }
}

const CONNECT = /(post_save|pre_save)[ \t]*\.[ \t]*connect[ \t]*\(/y;
const WORD = /^\w$/;

/** `post_save` or `pre_save` when the receiver decorator's first argument (or one in its list) is one. */
function firstSignal(code: Code, args: string, line: number): string | null {
  const first = /^\s*[[(]/.test(args) ? args.slice(args.search(/[[(]/) + 1, args.search(/[\])]/)) : args.split(/[,)]/)[0];
  for (const part of first.split(',')) {
    const name = part.trim();
    if (/^[\w.]+$/.test(name) && code.refersTo(name, line, SIGNALS, SIGNAL_SHORT)) return name.slice(name.lastIndexOf('.') + 1);
  }
  return null;
}

/** The names the receiver's instance goes by: the `instance` parameter, or a variable assigned from `kwargs["instance"]`. */
function instanceNames(code: Code, params: string[], defLine: number, last: number): string[] {
  const names = params.includes('instance') ? ['instance'] : [];
  for (let l = defLine + 1; l <= last; l++) {
    const raw = code.text.slice(code.lineStarts[l], code.lineEnds[l]);
    const m = /^\s*(\w+)\s*=\s*\w+(?:\[\s*["']instance["']\s*\]|\.(?:get|pop)\(\s*["']instance["']\s*[,)])/.exec(raw);
    if (m && !names.includes(m[1])) names.push(m[1]);
  }
  return names;
}

/** Whether the save at `open` (its `(`) on `line` has nothing that stops the signal from running it again. */
function unguarded(code: Code, r: Receiver, line: number, open: number): boolean {
  if (code.enclosingDef(line)?.line !== r.defLine) return false;
  const args = code.args(open).map(([s, e]) => code.masked.slice(s, e));
  if (args.some(a => /^update_fields\s*=/.test(a))) return false;
  for (const h of code.headersInFunction(line)) {
    if (/^(?:if|elif|else|while|try|except)\b/.test(h.text)) return false;
    if (/^(?:async\s+)?with\b/.test(h.text) && /signal|mute|disable/i.test(h.text)) return false;
  }
  for (let l = r.defLine + 1; l < line; l++) if (/^\s*(?:return|raise)\b/.test(code.line(l))) return false;
  return true;
}
