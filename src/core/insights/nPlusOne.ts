// DJC001 — N+1 queries: a related object read for every row of a loop over a queryset.
//
// What it finds: a `for x in <queryset>:` loop whose body reads, per row,
//   (a) a related manager with no more chained: `x.<name>.all()`, `.count()`, `.exists()` (a reverse
//       ForeignKey or many-to-many manager: one query per row unless prefetched);
//   (b) `x.<fk>.<attr>` where the file shows `<fk>` is a ForeignKey/OneToOneField of the loop's model:
//       declared in that model's class body here, or named in a `select_related(…)` on `<Model>.objects`
//       elsewhere in the file;
// when the queryset has no `select_related`/`prefetch_related` naming that relation. The loop's
// queryset is one the file shows is fresh: `<Model>.objects…` (standard queryset methods only; a
// custom manager method may prefetch itself), a reverse/related manager (`obj.<name>_set.filter(…)`,
// `obj.<name>.all()`) of an object read in the same function (a row read, the variable of an enclosing
// loop over such a queryset, `self` in a model), or a name the function assigns only from those.
// Quick fix, when the queryset is written in the loop head as a plain chain of calls and the file shows
// the name is a relation (a field declared here, a `<model>_set` accessor, a select_related elsewhere):
// append `.select_related("<fk>")` or `.prefetch_related("<name>")` (calls to either add up).
// Not found: relations of models declared in other files (one file's analysis cannot see their
// fields), managers of parameters or attributes (a caller may have prefetched them), loops over
// `.values()`/`.values_list()`, select/prefetch arguments that are not literals, `prefetch_related_objects`
// in the function, `x.<fk>_id`, managers with more chained (`x.items.filter(…)`, `.all().order_by(…)`: a
// query per row, but not one prefetch_related removes), managers passed as lookup values
// (`a__in=x.tags.all()`: a subquery), `{% for %}` in templates (a template cannot tell a queryset from a
// list), tests and migrations.
// Facts checked against the Django 5.2 docs: ref/models/querysets (select_related follows ForeignKey and
// OneToOne in the same query, chained calls add up; select_related() without fields follows non-null
// foreign keys; prefetch_related does a separate lookup per relation for many-to-many and reverse
// ForeignKey and joins in Python, chained calls add up; values()/values_list() return dicts/tuples),
// topics/db/optimization ("Retrieve everything at once if you know you will need it"). That `.count()` and
// `.exists()` on a prefetched manager are answered from the prefetch is Django's code (QuerySet.count()
// and exists() read a filled result cache), not a sentence of the docs: the messages do not claim it.
import type { InsightCheck } from './check';
import type { Code } from './code';
import { holds, lineMatches, regExpFor } from './lineScan';
import { isTestOrMigration, modelShapes, type Relation } from './modelFields';
import { loopAt, MANAGER_CHAIN, mayIterateQueryset, querysetOf, type QuerysetSource } from './querysets';
import type { InsightFinding, InsightFix } from './types';

const FOR = /^[ \t]*(?:async[ \t]+)?for[ \t]+[A-Za-z_]\w*[ \t]+in[ \t]/gm;
/** Methods of a related manager whose result a prefetch_related answers from its cache. */
const CACHED = new Set(['all', 'count', 'exists']);
/** `x.a.b` read from the loop variable; the variable bound again in the body (per variable name). */
const TWO_DEEP = new Map<string, RegExp>(), REBOUND = new Map<string, RegExp>();

export const nPlusOne: InsightCheck = {
  def: {
    id: 'DJC001',
    title: 'N+1 query in a loop',
    topic: 'query-optimization',
    finds: 'A related object or manager read for every row of a loop over a queryset without `select_related`/`prefetch_related` for it.',
    problem: 'The loop runs one query for the rows and then one more query per row for the related object: 1 + N queries where one or two would do.',
    fix: 'Fetch the relation with the rows: `select_related("<fk>")` for a ForeignKey or OneToOneField (one joined query), `prefetch_related("<name>")` for a many-to-many or reverse relation (one extra query for all rows).',
    interviewQuestion: 'How many queries does this loop run for 100 rows, and how would you bring it down to one or two?',
    questionIds: ['django-core-algorithms-system-design-coding#0653d199', 'django-core-algorithms-system-design-coding#51f2b2aa', 'django-interview-answers-parts-7-16#9d79ddc2'],
    djangoVersion: '5.2',
  },
  mayFind: masked => masked.includes('for ') && (holds(masked, 'bjects', '.objects') || masked.includes('.all(') || masked.includes('_set.')),
  find(code: Code, fileName?: string): InsightFinding[] {
    if (isTestOrMigration(fileName)) return [];
    const out: InsightFinding[] = [];
    for (const m of lineMatches(code, FOR, ['for'], true)) {
      const line = code.lineOf(m.index);
      const loop = loopAt(code, line);
      // Cheap first: a queryset can be looped over, and the body reads something two attributes deep from the loop variable.
      if (!loop || !mayIterateQueryset(code, line, loop.iterStart, loop.iterEnd)) continue;
      const bodyStart = code.lineEnds[code.lineOf(loop.iterEnd)];
      const body = code.masked.slice(bodyStart, code.lineEnds[code.blockEnd(line)]);
      if (!regExpFor(TWO_DEEP, loop.variable, v => new RegExp(`(?<![\\w.])${v}\\.\\w+\\.\\w`)).test(body)) continue;
      const source = querysetOf(code, line, loop.iterStart, loop.iterEnd);
      if (!source) continue;
      out.push(...loopFindings(code, line, loop.variable, source, loop.iterStart));
    }
    return out;
  },
};

/** What the queryset's chains fetch with the rows. `unknown` when an argument is not a literal. */
function covered(code: Code, source: QuerysetSource): { names: Set<string>; allOne: boolean; unknown: boolean; values: boolean } {
  const names = new Set<string>();
  let allOne = false, unknown = false, values = false;
  for (const c of source.chains) {
    const masked = code.masked.slice(c.start, c.end);
    if (/\.(?:values|values_list)\s*\(/.test(masked)) values = true;
    for (const call of masked.matchAll(/\.(select_related|prefetch_related)\s*\(/g)) {
      const open = c.start + call.index! + call[0].length - 1;
      const args = code.args(open);
      if (!args.length && call[1] === 'select_related') allOne = true;
      for (const [s, e] of args) {
        const text = code.masked.slice(s, e);
        const prefetch = /^(?:[\w.]*\.)?Prefetch\s*\(/.exec(text);
        const lit = prefetch ? code.args(s + prefetch[0].length - 1)[0] : [s, e];
        const value = lit ? code.stringValue(lit[0], lit[1]) : null;
        if (value === null) unknown = true;
        else names.add(value.split('__')[0]);
      }
    }
  }
  return { names, allOne, unknown, values };
}

function loopFindings(code: Code, line: number, variable: string, source: QuerysetSource, iterStart: number): InsightFinding[] {
  const cov = covered(code, source);
  if (cov.values || cov.unknown) return [];
  const fn = code.enclosingDef(line);
  const fnEnd = fn ? code.blockEnd(fn.line) : code.blockEnd(line);
  if (fn && /\bprefetch_related_objects\s*\(/.test(code.masked.slice(code.lineStarts[fn.line], code.lineEnds[fnEnd]))) return [];
  const relations = new Map<string, Relation>(modelShapes(code).get(source.model)?.relations ?? []);
  for (const fk of selectedRelations(code).get(source.model) ?? []) if (!relations.has(fk)) relations.set(fk, 'one');
  const bodyStart = code.lineEnds[code.lineOf(code.statementEnd(code.firstCode(line)))];
  const bodyEnd = code.lineEnds[code.blockEnd(line)];
  const body = code.masked.slice(bodyStart, bodyEnd);
  // The loop variable rebound in the body: what it holds afterwards is unknown.
  if (regExpFor(REBOUND, variable, v => new RegExp(`(?:^|\\n)[ \\t]*${v}[ \\t]*=(?!=)|\\bfor\\s+${v}\\b|\\bas\\s+${v}\\b`)).test(body)) return [];
  const out: InsightFinding[] = [];
  const reported = new Set<string>();
  const access = new RegExp(`(?<![\\w.])${variable}\\.([A-Za-z_]\\w*)\\.([A-Za-z_]\\w*)(\\s*\\()?`, 'g');
  for (const a of body.matchAll(access)) {
    const [, rel, attr, call] = a;
    if (reported.has(rel) || cov.names.has(rel)) continue;
    // A queryset passed as a lookup value (`role__in=us.roles.all()`) is a subquery of that query, not one of its own.
    if (/\w__\w+\s*=\s*$/.test(body.slice(Math.max(0, a.index! - 60), a.index))) continue;
    let kind: Relation | undefined;
    if (relations.get(rel) === 'one') kind = cov.allOne ? undefined : 'one';
    // `x.<name>.all()`/`.count()`/`.exists()` on a model instance: a related manager (a reverse or
    // many-to-many relation), one query per row — unless more is chained (`.all().order_by(…)`: not cached anyway, and lazy).
    else if (call && CACHED.has(attr) && !rel.startsWith('_') && managerRead(code, bodyStart + a.index! + a[0].length - 1)) kind = 'many';
    if (!kind) continue;
    reported.add(rel);
    const at = bodyStart + a.index!;
    const end = at + variable.length + 1 + rel.length;
    const method = kind === 'one' ? 'select_related' : 'prefetch_related';
    const what = kind === 'one' ? `\`${variable}.${rel}\`` : `\`${variable}.${rel}.${attr}()\``;
    const open = code.masked.indexOf('(', source.chains[0].start);
    const over = source.name ? `\`${source.name}\`` : `\`${code.masked.slice(source.chains[0].start, open)}(${/^\(\s*\)/.test(code.masked.slice(open, open + 20)) ? '' : '…'})\``;
    out.push({
      insightId: 'DJC001',
      range: code.range(at, kind === 'one' ? end : end + 1 + attr.length),
      message: `${what} runs a query for every row of the loop over ${over} (line ${line + 1}), which has no ${method}("${rel}"): 1 + N queries.`,
      related: [{ range: code.lineRange(source.line), message: source.inHead ? 'the queryset looped over' : `the queryset assigned to \`${source.name}\`` }],
      // Only a name the file shows is a relation gets the quick fix: prefetch_related on a property raises.
      fix: source.inHead && (kind === 'one' || rel.endsWith('_set') || relations.get(rel) === 'many') ? headFix(code, source, method, rel, iterStart) : undefined,
    });
  }
  return out;
}

/**
 * Relations the file itself shows are a model's ForeignKey/OneToOneField: the literal first segments of
 * `select_related(…)` in a `<Model>.objects…` chain anywhere in the file (select_related takes nothing else).
 */
function selectedRelations(code: Code): Map<string, Set<string>> {
  const cached = SELECTED.get(code);
  if (cached) return cached;
  const out = new Map<string, Set<string>>();
  for (const m of code.matches(/\b([A-Za-z_]\w*)\.objects\b/g)) {
    const end = code.statementEnd(m.index);
    const chain = code.masked.slice(m.index, end);
    const next = chain.indexOf('.objects', m[0].length);
    for (const call of chain.slice(0, next < 0 ? undefined : next).matchAll(/\.select_related\s*\(/g)) {
      for (const [s, e] of code.args(m.index + call.index! + call[0].length - 1)) {
        const value = code.stringValue(s, e);
        if (!value || !/^\w+$/.test(value.split('__')[0])) continue;
        if (!out.has(m[1])) out.set(m[1], new Set());
        out.get(m[1])!.add(value.split('__')[0]);
      }
    }
  }
  SELECTED.set(code, out);
  return out;
}

const SELECTED = new WeakMap<Code, Map<string, Set<string>>>();

/** Whether the call whose `(` is at `open` has no arguments and nothing chained after it. */
function managerRead(code: Code, open: number): boolean {
  const close = code.closeParen(open);
  if (close < 0 || code.masked.slice(open + 1, close).trim()) return false;
  return !/^\s*\./.test(code.masked.slice(close + 1, close + 40));
}

/** Appends `.select_related("rel")`/`.prefetch_related("rel")` to a plain manager chain in the loop head, when that is safe. */
function headFix(code: Code, source: QuerysetSource, method: string, rel: string, iterStart: number): InsightFix | undefined {
  const { start, end } = source.chains[0];
  if (start !== iterStart) return undefined;
  const chain = code.masked.slice(start, end);
  // A plain chain of calls (no slicing, no other expression), ending with a call, that can take another method.
  if (!/\)$/.test(chain) || /\[|\.(?:iterator|only|defer|union|intersection|difference|raw|in_bulk|aggregate)\s*\(/.test(chain)) return undefined;
  let i = start + (MANAGER_CHAIN.exec(chain)?.[0].length ?? 0);
  while (i < end) {
    const mm = /^\s*\.\s*\w+\s*\(/.exec(code.masked.slice(i, end));
    if (!mm) return undefined;
    const close = code.closeParen(i + mm[0].length - 1);
    if (close < 0) return undefined;
    i = close + 1;
  }
  const pos = code.range(end, end);
  return { title: `Add .${method}("${rel}") to the queryset`, edits: [{ ...pos, newText: `.${method}("${rel}")` }] };
}
