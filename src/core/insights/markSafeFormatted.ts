// DJC006 — `mark_safe` on text built from variables.
//
// What it finds: `mark_safe(…)` whose argument is an f-string with replacement fields, a `%` or
// `.format()` with values, or a concatenation with something other than string literals.
// Why it matters: mark_safe switches autoescaping off for the whole string, so any value spliced in
// (a user's name, a title) reaches the page as HTML: cross-site scripting.
// Not found: mark_safe on a literal, on a variable alone (we cannot see what it holds), on text whose
// every spliced value is escaped (`escape(x)`, `format_html(…)`).
import type { InsightCheck } from './check';
import type { Code } from './code';
import { splicing } from './formatted';
import type { InsightFinding } from './types';

const CALL = /\bmark_safe[ \t]*\(/g;
const NAMES = ['django.utils.safestring.mark_safe', 'django.utils.html.mark_safe'];
/** A spliced value that is escaped or cannot carry markup. */
const SAFE_VALUE = /^(?:(?:django\.utils\.html\.)?(?:conditional_)?escape|format_html|escapejs|json_script|int|len|intcomma|urlencode|quote)\(/;

export const markSafeFormatted: InsightCheck = {
  def: {
    id: 'DJC006',
    title: 'mark_safe on formatted text',
    topic: 'security',
    finds: '`mark_safe()` on an f-string, `%`/`.format()` or a concatenation with variables.',
    problem: 'mark_safe turns autoescaping off for the whole string, so every value spliced into it reaches the page unescaped: one user-controlled value is an XSS hole.',
    fix: 'Build the HTML with `format_html()` (it escapes each argument) or `format_html_join()`, and call mark_safe only on constant markup.',
    interviewQuestion: 'This string goes through mark_safe after a variable was formatted into it. What happens if that value comes from a user, and how would you build the HTML instead?',
    questionIds: ['django-interview-questions-experienced-2026#78644941', 'django-interview-questions-experienced-2026#de2b3b0f', 'django-interview-answers-parts-7-16#c72482cb'],
    djangoVersion: '5.2',
  },
  mayFind: masked => masked.includes('mark_safe'),
  find(code: Code): InsightFinding[] {
    const out: InsightFinding[] = [];
    for (const m of code.matches(CALL)) {
      const line = code.lineOf(m.index);
      if (code.masked[m.index - 1] === '.' && !/\b(?:safestring|html)\.mark_safe/.test(code.masked.slice(m.index - 20, m.index + 9))) continue;
      const name = code.dottedBefore(m.index + 'mark_safe'.length);
      if (!code.refersTo(name, line, NAMES, ['mark_safe'])) continue;
      const open = m.index + m[0].length - 1;
      const args = code.args(open);
      if (args.length !== 1) continue;
      const how = formatted(code, args[0][0], args[0][1]);
      if (!how) continue;
      out.push({
        insightId: 'DJC006',
        range: code.range(args[0][0], args[0][1]),
        message: `\`mark_safe\` on ${how}: the values spliced in are not escaped; build it with \`format_html()\` instead.`,
      });
    }
    return out;
  },
};

/** How the expression [s, e) splices values into text, or null when it does not (or only escaped ones). */
export function formatted(code: Code, s: number, e: number): string | null {
  return splicing(code, s, e, v => SAFE_VALUE.test(v))?.how ?? null;
}
