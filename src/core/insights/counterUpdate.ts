// DJC007 — a counter read, changed in Python and saved back (read-modify-write without F()).
//
// What it finds: `obj.<field> += <n>` / `-=` (or `obj.f = obj.f + n`) followed in the same function by
// `obj.save(…)`, where the file shows `obj` is a model instance read from the database: assigned from
// `….objects.get(…)` / `.first()` / `.last()` / `.get_or_create(…)` / `get_object_or_404(…)`, the
// variable of a `for` over a queryset the file shows (see querysets.ts: `….objects…` with standard
// methods, or a related manager of a row read in the function), or `self` in a class that is a model. `<n>` is arithmetic on
// numbers and names (what a counter is changed by), not text, a list or a date.
// Why it matters: the value is read into Python, changed there and written back, so two requests that
// read the same value both write value+1 and one increment is lost. `F("field") + 1` makes the
// database do the arithmetic in the UPDATE itself.
// Not found: objects the file does not show come from the database (parameters, instances built in
// the function, forms, plain Python objects), reads locked with `select_for_update()`, functions that
// already use `F("<field>")`, values changed by strings/lists/calls (text, dates), tests and migrations.
// Facts checked against the Django 5.2 docs: ref/models/expressions ("Avoiding race conditions using
// F()", "F() assignments persist after Model.save()"), ref/models/instances (refresh_from_db,
// save(update_fields=…)), ref/models/querysets (update(), select_for_update()).
import type { InsightCheck } from './check';
import type { Code, Header } from './code';
import { isModelClass, isTestOrMigration, modelShapes } from './modelFields';
import { assignsDottedSum, holds, lineMatches } from './lineScan';
import { loopAt, querysetOf } from './querysets';
import type { InsightFinding } from './types';

const AUGMENTED = /^[ \t]*([A-Za-z_]\w*)\.([A-Za-z_]\w*)[ \t]*([+-])=[ \t]*/gm;
const SPELLED_OUT = /^[ \t]*([A-Za-z_]\w*)\.([A-Za-z_]\w*)[ \t]*=[ \t]*\1\.\2[ \t]*([+-])[ \t]*/gm;
/** What a counter changes by: numbers, (dotted) names and their subscripts with arithmetic, and a few numeric calls. */
const COUNTER_VALUE = /^[\w.\s+\-*/%()]+$/;
const NUMERIC_CALLS = new Set(['len', 'int', 'float', 'abs', 'Decimal', 'round', 'min', 'max', 'sum', 'count']);

function isCounterValue(masked: string): boolean {
  const v = masked.replace(/\[[^\[\]\n]*\]/g, '').trim();
  if (!v || !COUNTER_VALUE.test(v) || /^\(/.test(masked.trim()) && /,/.test(masked)) return false;
  for (const call of v.matchAll(/([\w.]+)\s*\(/g)) if (!NUMERIC_CALLS.has(call[1].slice(call[1].lastIndexOf('.') + 1))) return false;
  return /[\w)]/.test(v) && !/^\s*\[/.test(masked);
}
/** A read of one row from the database. */
const ROW_READ = /\.objects\b[\s\S]*\.(?:get|first|last|earliest|latest|get_or_create|update_or_create)\(|(?:^|[^\w.])get_object_or_404\(/;

export const counterUpdate: InsightCheck = {
  def: {
    id: 'DJC007',
    title: 'Counter updated without F()',
    topic: 'orm-queries',
    finds: '`obj.field += n` then `obj.save()` on a model instance read from the database, instead of an `F()` update.',
    problem: 'The value is read into Python, changed there and saved back. Two requests that read the same value both save value + 1, so one update is lost.',
    fix: 'Let the database do the arithmetic: `obj.field = F("field") + 1` before `save()`, or `Model.objects.filter(pk=obj.pk).update(field=F("field") + 1)`; call `refresh_from_db()` if you need the new value.',
    interviewQuestion: 'Two requests run this increment at the same moment. What value ends up in the database, and how would you make the update safe?',
    questionIds: ['django-interview-questions-experienced-2026#3d46edb5', 'django-interview-questions-experienced-2026#a1e4e503'],
    djangoVersion: '5.2',
  },
  mayFind: masked => holds(masked, 've(', '.save(') && (masked.includes('+=') || masked.includes('-=') || assignsDottedSum(masked)),
  find(code: Code, fileName?: string): InsightFinding[] {
    if (isTestOrMigration(fileName)) return [];
    const out: InsightFinding[] = [];
    // One finding per line, and per object and field in a function (several branches may change one counter).
    const seen = new Set<string>();
    // Every match holds its sign, right after the field's name and blanks: only lines with such a `+` or `-` are tried.
    for (const [re, needles] of [[AUGMENTED, ['+=', '-=']], [SPELLED_OUT, ['+', '-']]] as const) {
      for (const m of lineMatches(code, re, needles, false, true)) {
        const line = code.lineOf(m.index);
        if (seen.has(String(line)) || !code.startsStatement(line)) continue;
        const valueStart = m.index + m[0].length;
        const valueEnd = code.statementEnd(valueStart);
        const value = code.masked.slice(valueStart, valueEnd).trim();
        if (!isCounterValue(value)) continue;
        const [, obj, field, sign] = m;
        // Cheap first: the object is saved somewhere after the change.
        if (code.masked.indexOf(`${obj}.save(`, valueEnd) < 0) continue;
        const key = `${code.enclosingDef(line)?.line}:${obj}.${field}`;
        if (seen.has(key)) continue;
        const finding = check(code, line, obj, field, sign);
        if (!finding) continue;
        seen.add(String(line));
        seen.add(key);
        out.push(finding);
      }
    }
    return out;
  },
};

function check(code: Code, line: number, obj: string, field: string, sign: string): InsightFinding | null {
  const fn = code.enclosingDef(line);
  if (!fn) return null;
  const fnEnd = code.blockEnd(fn.line);
  const read = instanceRead(code, fn, line, obj);
  if (!read) return null;
  // The function already makes the database do this arithmetic somewhere.
  const body = code.source(code.lineStarts[fn.line], code.lineEnds[fnEnd]);
  if (new RegExp(`\\bF\\(\\s*["']${field}["']`).test(body)) return null;
  const save = new RegExp(`(?:^|[^\\w.])${obj}\\.save\\(`, 'g');
  const after = code.masked.slice(code.lineEnds[line], code.lineEnds[fnEnd]);
  const s = save.exec(after);
  if (!s) return null;
  const saveAt = code.lineEnds[line] + s.index + s[0].indexOf(obj);
  const saveLine = code.lineOf(saveAt);
  const verb = sign === '+' ? 'incremented' : 'decremented';
  const related: InsightFinding['related'] = [{ range: code.lineRange(saveLine), message: `\`${obj}.save()\` writes back the value computed in Python` }];
  if (read.line >= 0) related.unshift({ range: code.lineRange(read.line), message: read.loop ? `the queryset whose rows \`${obj}\` walks` : `\`${obj}\` is read from the database here` });
  return {
    insightId: 'DJC007',
    range: code.lineRange(line),
    message: `\`${obj}.${field}\` is ${verb} in Python and saved by \`${obj}.save()\` (line ${saveLine + 1}): two requests that read the same value lose one update; write \`${obj}.${field} = F("${field}") ${sign} …\` so the database does the arithmetic.`,
    related,
  };
}

/** Where the file shows `obj` is a model instance read from the database before `line`: the line of that read (-1 for `self`), or null. */
function instanceRead(code: Code, fn: Header, line: number, obj: string): { line: number; loop?: boolean } | null {
  if (obj === 'self') {
    const cls = code.enclosingHeaders(fn.line).find(h => /^class\s/.test(h.text));
    const name = cls ? /^class\s+(\w+)/.exec(cls.text)?.[1] : undefined;
    return name && isModelClass(modelShapes(code).get(name)) ? { line: -1 } : null;
  }
  // The last binding of `obj` in the function before `line`: an assignment or an enclosing `for`.
  const assign = new RegExp(`^\\(?\\s*${obj}\\s*(?:,[^=\\n]*)?\\)?\\s*=(?!=)`);
  const loop = new RegExp(`^(?:async\\s+)?for\\s+\\(?\\s*${obj}\\s*(?:,[^\\n]*)?\\)?\\s+in\\s`);
  const loops = new Set(code.enclosingHeaders(line).filter(h => h.line > fn.line).map(h => h.line));
  for (let l = line - 1; l > fn.line; l--) {
    if (code.isBlank(l) || !code.startsStatement(l)) continue;
    const start = code.firstCode(l);
    const text = code.masked.slice(start, code.lineEnds[l]);
    if (assign.test(text)) {
      const stmt = code.masked.slice(start, code.statementEnd(start));
      const rhs = stmt.slice(stmt.search(/=(?!=)/) + 1);
      // `obj = None` in another branch: the read is further up.
      if (/^\s*None\s*$/.test(rhs)) continue;
      if (/^\s*\(?\s*\w+\s*,/.test(text) && !/get_or_create|update_or_create/.test(rhs)) return null;
      return ROW_READ.test(rhs) && !rhs.includes('select_for_update') ? { line: l } : null;
    }
    if (loop.test(text)) {
      if (!loops.has(l)) continue;
      // A loop over a queryset the file shows (select_for_update() is not among its methods: locked rows stay out).
      const walk = loopAt(code, l);
      const source = walk && querysetOf(code, l, walk.iterStart, walk.iterEnd);
      return source && !source.chains.some(c => /\.values(?:_list)?\s*\(/.test(code.masked.slice(c.start, c.end))) ? { line: source.line, loop: true } : null;
    }
    // Bound some other way (a `with … as obj`, a walrus, a nested def's parameter): unknown.
    if (new RegExp(`\\bas\\s+${obj}\\b|\\b${obj}\\s*:=`).test(text)) return null;
  }
  return null;
}
