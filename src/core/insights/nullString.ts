// DJC009 — `null=True` on a CharField or TextField.
//
// What it finds: a string model field declared with `null=True` and without `unique=True`.
// Why it matters: the column then has two "empty" values, NULL and '', and every query that asks for
// "no value" has to check both; Django's convention is the empty string. With `unique=True` (and
// blank=True) NULL is the documented exception: several NULLs do not collide where several '' would.
// Not found: migrations (the model is the place to change), fields with `unique=True`.
import type { InsightCheck } from './check';
import type { Code } from './code';
import type { InsightFinding } from './types';

const FIELD = /\b(?:models\.)?(CharField|TextField)[ \t]*\(/g;
const FIELDS = ['django.db.models.CharField', 'django.db.models.TextField'];

export const nullString: InsightCheck = {
  def: {
    id: 'DJC009',
    title: 'null=True on a string field',
    topic: 'models',
    finds: '`null=True` on a `CharField`/`TextField` that is not `unique=True`.',
    problem: 'The column gets two values that mean "empty": NULL and the empty string. Queries for "no value" must test both, and forms save "" anyway.',
    fix: 'Drop `null=True` and keep `blank=True` (empty means ""); keep NULL only with `unique=True`, where several NULLs do not collide.',
    interviewQuestion: 'This CharField allows NULL. How many different "empty" values can the column now hold, and when is null=True on a string field the right call?',
    questionIds: ['django-interview-questions-experienced-2026#31de9b32', 'django-interview-questions-experienced-2026#7a658833'],
    djangoVersion: '5.2',
  },
  mayFind: masked => /null\s*=\s*True/.test(masked) && (masked.includes('CharField') || masked.includes('TextField')),
  find(code: Code): InsightFinding[] {
    const out: InsightFinding[] = [];
    // Migrations repeat the model's fields; the finding belongs on the model.
    if (/^class\s+Migration\s*\(\s*migrations\.Migration\s*\)/m.test(code.masked)) return out;
    for (const m of code.matches(FIELD)) {
      const open = m.index + m[0].length - 1;
      const line = code.lineOf(m.index);
      const name = m[0].slice(0, m[0].indexOf('(')).trim();
      if (name.includes('.') ? !code.refersTo(name, line, FIELDS, ['models.CharField', 'models.TextField']) : !code.refersTo(name, line, FIELDS)) continue;
      const args = code.args(open).map(([s, e]) => [s, e, code.masked.slice(s, e).replace(/\s+/g, '')] as const);
      const nullArg = args.find(a => a[2] === 'null=True');
      if (!nullArg || args.some(a => a[2] === 'unique=True' || a[2] === 'primary_key=True')) continue;
      out.push({
        insightId: 'DJC009',
        range: code.range(nullArg[0], nullArg[1]),
        message: `\`${m[1]}\` with \`null=True\`: the column can hold both NULL and "" for "no value"; Django's convention for strings is "" (keep \`blank=True\`).`,
      });
    }
    return out;
  },
};
