// DJC010 — `DEBUG = True` in a settings module that may run in production.
//
// What it finds: a module-level `DEBUG = True` in a settings module whose path and first lines do
// not mark it as development, local, test or example settings.
// Why it matters: with DEBUG on, an error page shows tracebacks, local variables and settings to
// whoever triggers it, and Django keeps every SQL query in memory.
// Not found: `DEBUG = env(...)`/`os.environ…` reads, assignments inside `if` blocks, dev settings.
import type { InsightCheck } from './check';
import type { Code } from './code';
import { isProductionSettings, moduleAssignments } from './settingsModule';
import type { InsightFinding } from './types';

export const debugOn: InsightCheck = {
  def: {
    id: 'DJC010',
    title: 'DEBUG = True in settings',
    topic: 'settings-config',
    finds: '`DEBUG = True` at module level of a settings module that is not a dev/local/test one.',
    problem: 'If this module runs in production, error pages show the traceback, local variables and most settings to any visitor, and every SQL query is kept in memory.',
    fix: 'Read DEBUG from the environment, off unless asked for (`DEBUG = os.environ.get("DJANGO_DEBUG") == "1"`), or set True only in a dev settings module; run `manage.py check --deploy`.',
    interviewQuestion: 'This settings module hard-codes DEBUG = True. What does a visitor see when a view raises in production, and how do you keep dev and production settings apart?',
    questionIds: ['django-interview-questions-experienced-2026#99183b28', 'django-interview-questions-experienced-2026#de2b3b0f'],
    djangoVersion: '5.2',
  },
  mayFind: masked => masked.includes('DEBUG'),
  find(code: Code, fileName?: string): InsightFinding[] {
    const out: InsightFinding[] = [];
    if (!isProductionSettings(code, fileName)) return out;
    for (const a of moduleAssignments(code, 'DEBUG')) {
      if (code.masked.slice(a.value, a.end).trim() !== 'True') continue;
      out.push({
        insightId: 'DJC010',
        range: code.range(a.value, a.value + 4),
        message: '`DEBUG = True` in a settings module that is not marked as development settings: in production, error pages would show tracebacks and settings.',
      });
    }
    return out;
  },
};
