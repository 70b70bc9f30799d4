// DJC011 — a SECRET_KEY written in a settings module that may run in production.
//
// What it finds: a module-level `SECRET_KEY = "…"` (a non-empty literal), or a read from the
// environment that falls back to a literal (`os.environ.get("SECRET_KEY", "…")`, `env(…, default="…")`)
// in a settings module whose path and first lines do not mark it as dev/local/test/example settings.
// Why a fallback counts: when the variable is missing, the site starts anyway, signing sessions,
// password-reset tokens and messages with a key anyone who reads the code knows; `os.environ["…"]`
// would stop it instead.
// Not found: `os.environ["SECRET_KEY"]`, reads without a default, files read at startup, dev settings.
import type { InsightCheck } from './check';
import type { Code } from './code';
import { isStringLiteral } from './code';
import { isProductionSettings, moduleAssignments } from './settingsModule';
import { holds } from './lineScan';
import type { InsightFinding } from './types';

/** A call reading the environment or a config source: a name with `env` in it (`os.environ.get(`, `os.getenv(`, `env.str(`, healthchecks' `envsecret(`), or decouple's `config(`. */
const ENV_READ = /^(?:[\w.]*env[\w.]*|config|get_env_setting)\s*\(/i;

export const literalSecretKey: InsightCheck = {
  def: {
    id: 'DJC011',
    title: 'SECRET_KEY in the source',
    topic: 'security',
    finds: 'A literal `SECRET_KEY` (or an environment read falling back to one) in a settings module that is not a dev/local/test one.',
    problem: 'Anyone who can read the code can forge what Django signs with the key (sessions with the signed-cookie backend, password-reset tokens, signed values); a literal fallback is used silently whenever the variable is missing.',
    fix: 'Read the key from the environment or a secrets file without a default (`SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]`), so a missing key stops the start; keep literals to dev settings.',
    interviewQuestion: 'The secret key is in the repository. What could someone who has read it do to this site, and how would you load it and rotate it?',
    questionIds: ['django-interview-questions-experienced-2026#99183b28', 'django-interview-questions-experienced-2026#de2b3b0f'],
    djangoVersion: '5.2',
  },
  mayFind: masked => holds(masked, 'ECRET', 'SECRET_KEY'),
  find(code: Code, fileName?: string): InsightFinding[] {
    const out: InsightFinding[] = [];
    if (!isProductionSettings(code, fileName)) return out;
    for (const a of moduleAssignments(code, 'SECRET_KEY')) {
      const value = code.masked.slice(a.value, a.end).trim();
      if (isStringLiteral(value)) {
        if (!hasContent(code.text.slice(a.value, a.end).trim())) continue;
        out.push({ insightId: 'DJC011', range: code.range(a.value, a.end), message: '`SECRET_KEY` is written in this settings module: whoever reads the code has the key.' });
        continue;
      }
      if (!ENV_READ.test(value)) continue;
      const open = a.value + code.masked.slice(a.value).indexOf('(');
      const args = code.args(open);
      const fallback = args.find(([s, e], i) => {
        const m = code.masked.slice(s, e);
        const v = /^default\s*=/.test(m) ? m.replace(/^default\s*=\s*/, '') : i === 1 ? m : '';
        return v && isStringLiteral(v) && hasContent(code.text.slice(s, e).replace(/^default\s*=\s*/, ''));
      });
      if (!fallback) continue;
      out.push({
        insightId: 'DJC011',
        range: code.range(fallback[0], fallback[1]),
        message: '`SECRET_KEY` falls back to a key written in the source when the environment lacks it: the site would start with a key anyone can read.',
      });
    }
    return out;
  },
};

/** Whether a string literal's raw text holds something between its quotes. */
function hasContent(raw: string): boolean {
  return raw.replace(/^[rRbBuU]{0,2}(['"]{1,3})/, '').replace(/(['"]{1,3})$/, '').trim().length > 0;
}
