// DJC009 — `null=True` on a CharField or TextField.
//
// What it finds: a string model field (`models.CharField`/`TextField`, or the project's own subclass
// imported as `from . import fields`) assigned in a class with `null=True`, without `unique=True`.
// Why it matters: the column then has two "empty" values, NULL and '', and every query that asks for
// "no value" has to check both; Django's convention is the empty string. With `unique=True` (and
// blank=True) NULL is the documented exception: several NULLs do not collide where several '' would.
// Not found (each a class of wrong findings in the review of 15 projects,
// test/fixtures/insights/review/DJC009.tsv): migrations (the model is the place to change), fields with
// `unique=True`, fields named in their class's `unique_together`/`UniqueConstraint` (the same reason as
// unique=True: cms PageUrl.path, saleor's idempotency keys), string fields nested in another call
// (pghistory `ProxyField`, `ArrayField` base fields: not a column of their own), test apps (`tests/`,
// `tests.py`, `test_*.py`), forms/serializers/search-index fields.
// Facts checked against the Django 5.2 docs: ref/models/fields (Field.null: "avoid using null on
// string-based fields", the unique=True + blank=True exception), topics/forms/modelforms (a nullable
// CharField's form field has empty_value=None, so ModelForms save NULL: the text does not claim forms save "").
import type { InsightCheck } from './check';
import { isSpace, type Code } from './code';
import { resolveChain } from '../detect/context';
import { holds } from './lineScan';
import { isMigrationModule } from './modelFields';
import type { InsightFinding } from './types';

const FIELD = /\b(?:models\.)?(CharField|TextField)[ \t]*\(/g;
const FIELDS = ['django.db.models.CharField', 'django.db.models.TextField'];
const FIELD_AT = new RegExp(FIELD.source, 'y');

/**
 * The `CharField(`/`TextField(` calls (what `code.matches(FIELD)` yields, import lines skipped) that
 * can hold an argument reading `null=True`: found from each `null = True` back to the bracket it
 * sits in, so the many fields without one are never looked at. In order, each call once.
 */
function nullFieldCalls(code: Code): RegExpExecArray[] {
  const t = code.masked;
  const opens: number[] = [];
  for (let i = t.indexOf('True'); i >= 0; i = t.indexOf('True', i + 4)) {
    const at = nullBefore(t, i);
    const open = at < 0 ? -1 : code.enclosingBracket(at);
    if (open >= 0 && t.charCodeAt(open) === 0x28) opens.push(open);
  }
  if (opens.length > 1) opens.sort((a, b) => a - b);
  const out: RegExpExecArray[] = [];
  for (let k = 0; k < opens.length; k++) {
    if (k > 0 && opens[k] === opens[k - 1]) continue;
    let nameEnd = opens[k];
    while (nameEnd > 0 && (t.charCodeAt(nameEnd - 1) === 0x20 || t.charCodeAt(nameEnd - 1) === 0x09)) nameEnd--;
    const start = nameEnd - 9;
    if (start < 0 || !(t.startsWith('CharField', start) || t.startsWith('TextField', start))) continue;
    let m: RegExpExecArray | null = null;
    if (start >= 7 && t.startsWith('models.', start - 7)) {
      FIELD_AT.lastIndex = start - 7;
      m = FIELD_AT.exec(t);
    }
    if (!m) {
      FIELD_AT.lastIndex = start;
      m = FIELD_AT.exec(t);
    }
    if (!m || code.context.importLines[code.lineOf(m.index)]) continue;
    out.push(m);
  }
  return out;
}

/** Whether t[s, e) reads `word` once its blanks are dropped (`.replace(/\s+/g, '') === word`), without a new string. */
function squeezedIs(t: string, s: number, e: number, word: string): boolean {
  let k = 0;
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i);
    if (isSpace(c)) continue;
    if (k >= word.length || c !== word.charCodeAt(k)) return false;
    k++;
  }
  return k === word.length;
}

export const nullString: InsightCheck = {
  def: {
    id: 'DJC009',
    title: 'null=True on a string field',
    topic: 'models',
    finds: '`null=True` on a `CharField`/`TextField` that is not `unique=True`.',
    problem: 'The column gets two values that mean "empty": NULL and the empty string. Every query for "no value" has to test both (`Q(name="") | Q(name__isnull=True)`), and code that reads the field has to handle None as well as "".',
    fix: 'Drop `null=True` and keep `blank=True` where the value is optional, so "no value" is always "" (existing NULL rows must be set to "" before the column can become NOT NULL). Keep NULL only for a `unique=True, blank=True` field, where several NULLs do not collide and several "" would.',
    interviewQuestion: 'This CharField allows NULL. How many different "empty" values can the column now hold, and when is null=True on a string field the right call?',
    questionIds: ['django-interview-questions-experienced-2026#31de9b32', 'django-interview-questions-experienced-2026#7a658833'],
    djangoVersion: '5.2',
  },
  mayFind: masked => (holds(masked, 'harFie', 'CharField') || holds(masked, 'xtFie', 'TextField')) && nullTrue(masked),
  find(code: Code, fileName?: string): InsightFinding[] {
    const out: InsightFinding[] = [];
    // Test apps' models hold no data worth the change.
    if (fileName && TEST_PATH.test(fileName)) return out;
    // Migrations repeat the model's fields; the finding belongs on the model (asked at the first finding: most files have none).
    let migration: boolean | undefined;
    // Fields in a unique_together/UniqueConstraint are looked up only when the file names one (asked once).
    let uniqueNamed: boolean | undefined;
    for (const m of nullFieldCalls(code)) {
      const open = m.index + m[0].length - 1;
      const line = code.lineOf(m.index);
      // The cheap tests first (all must pass; none has side effects). Only a model field assigned to a
      // name: not the column of a pghistory ProxyField, the base field of an ArrayField…
      if (!/(?:^|;)\s*\w+\s*(?::[^=;\n]*)?=\s*[\w.]*$/.test(code.masked.slice(code.lineStarts[line], m.index))) continue;
      // nullFieldCalls found a `null = True` right inside these brackets; an unclosed call is not read.
      if (code.closeParen(open) < 0) continue;
      const name = m[0].slice(0, m[0].indexOf('(')).trim();
      if (code.masked[m.index - 1] === '.') {
        // `fields.CharField(` with `from . import fields`: the project's own subclass of the Django field.
        if (!isLocalField(code, code.dottedBefore(m.index + m[1].length), line)) continue;
      } else if (name.includes('.') ? !code.refersTo(name, line, FIELDS, ['models.CharField', 'models.TextField']) : !code.refersTo(name, line, FIELDS)) continue;
      const t = code.masked, args = code.args(open);
      const nullArg = args.find(([s, e]) => squeezedIs(t, s, e, 'null=True'));
      if (!nullArg || args.some(([s, e]) => squeezedIs(t, s, e, 'unique=True') || squeezedIs(t, s, e, 'primary_key=True'))) continue;
      if ((uniqueNamed ??= namesUnique(code.masked)) && inUniqueConstraint(code, line)) continue;
      if ((migration ??= isMigrationModule(code.masked))) return [];
      out.push({
        insightId: 'DJC009',
        range: code.range(nullArg[0], nullArg[1]),
        message: `\`${m[1]}\` with \`null=True\`: the column can hold both NULL and "" for "no value"; Django's convention for strings is "" (keep \`blank=True\`).`,
      });
    }
    return out;
  },
};

/**
 * `/null\s*=\s*True/.test(masked)`, read back from each `True`: the regex would try every `n` of
 * the file, and `True` is rarer.
 */
export function nullTrue(masked: string): boolean {
  for (let i = masked.indexOf('True'); i >= 0; i = masked.indexOf('True', i + 1)) if (nullBefore(masked, i) >= 0) return true;
  return false;
}

/** Where `null` starts when the `True` at `trueAt` ends a `null\s*=\s*True`, else -1. */
function nullBefore(t: string, trueAt: number): number {
  let j = trueAt;
  while (j > 0 && isSpace(t.charCodeAt(j - 1))) j--;
  if (t.charCodeAt(j - 1) !== 0x3d) return -1;
  j--;
  while (j > 0 && isSpace(t.charCodeAt(j - 1))) j--;
  return j >= 4 && t.startsWith('null', j - 4) ? j - 4 : -1;
}

/** Paths of test code: a `tests` folder, `tests.py`, `test_*.py` (not `test/`: DefectDojo's app for its Test model is `dojo/test/`). */
const TEST_PATH = /(?:^|[\\/])(?:tests[\\/]|tests\.py$|test_[^\\/]*\.py$)/;

/**
 * Whether the masked text holds `unique_together` or `UniqueConstraint` (what inUniqueConstraint looks
 * for in a class): from `que_to`/`queCon` (q is rarer in code than the words' first letters; `que` alone
 * is in every `request` and `queryset`, and V8 looks for a needle of up to 6 characters from its first one).
 */
export function namesUnique(masked: string): boolean {
  return holds(masked, 'que_to', 'unique_together') || holds(masked, 'queCon', 'UniqueConstraint');
}

/**
 * Whether the field assigned on `line` is named in a `unique_together` or a `UniqueConstraint(fields=…)`
 * of its class's `Meta`: there, as with `unique=True`, NULLs keep rows without a value from colliding.
 */
function inUniqueConstraint(code: Code, line: number): boolean {
  const name = /^\s*(\w+)\s*[:=]/.exec(code.line(line))?.[1];
  if (!name) return false;
  const header = code.enclosingHeaders(line)[0];
  if (!header) return false;
  // `class Device(\n    Mixin,\n):` — the header's last line stands for it; its `class` line is above.
  let cls = header.line;
  while (cls > 0 && !/^\s*class\s/.test(code.line(cls)) && header.line - cls < 50) cls--;
  if (!/^\s*class\s/.test(code.line(cls)) || code.indent(cls) !== header.indent) return false;
  const from = code.lineStarts[cls], to = code.lineEnds[code.blockEnd(header.line)];
  // Only the class's own text is searched (a search to the end of the file per field was quadratic).
  const body = code.masked.slice(from, to);
  if (!body.includes('unique_together') && !body.includes('UniqueConstraint')) return false;
  const quoted = new RegExp(`['"]${name}['"]`);
  const re = /\bunique_together\b|\bUniqueConstraint\s*\(/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const at = from + m.index;
    const end = m[0].endsWith('(') ? code.closeParen(at + m[0].length - 1) : code.statementEnd(at);
    if (end > at && quoted.test(code.text.slice(at, end))) return true;
  }
  return false;
}

/** `fields.CharField` bound by a relative import of a `fields` module (`from . import fields`): a model field subclass of the project. */
function isLocalField(code: Code, dotted: string, line: number): boolean {
  const r = resolveChain(code.context, dotted.split('.'), line, code.indent(line));
  return r.kind === 'qualified' && /^\.+(?:\w+\.)*fields\.(?:CharField|TextField)$/.test(r.name);
}
