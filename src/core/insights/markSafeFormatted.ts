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
import { isStringLiteral } from './code';
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
  const masked = code.masked.slice(s, e);
  const raw = code.text.slice(s, e);
  const f = /^[rRbB]?[fF][rRbB]?(['"])/.exec(masked);
  if (f && isWhole(masked)) {
    const fields = replacementFields(raw);
    if (fields.length && fields.some(x => !SAFE_VALUE.test(x.trim()))) return 'an f-string with values';
    return null;
  }
  const top = topLevel(masked);
  const startsWithString = /^[rRbBuU]{0,2}['"]/.test(masked);
  const format = masked.indexOf('.format(');
  if (startsWithString && format > 0) {
    const open = s + format + 7;
    const close = code.closeParen(open);
    const values = close > open ? splitTop(code.text.slice(open + 1, close)) : [];
    if (values.every(v => !v.trim() || SAFE_VALUE.test(v.trim().replace(/^\w+\s*=\s*/, '')))) return null;
    return '`.format()` with values';
  }
  const pct = top.indexOf('%');
  if (startsWithString && pct > 0) {
    const rhs = masked.slice(pct + 1).trim();
    const rawRhs = raw.slice(pct + 1).trim();
    if (!rhs || isStringLiteral(rhs) || /^\d+$/.test(rhs)) return null;
    const values = rhs.startsWith('(') && rhs.endsWith(')') ? splitTop(rawRhs.slice(1, -1)) : [rawRhs];
    if (values.every(v => !v.trim() || SAFE_VALUE.test(v.trim()) || isStringLiteral(v))) return null;
    return '`%`-formatted text with values';
  }
  if (top.includes('+')) {
    const parts = splitOn(masked, '+');
    const rawParts = splitOn(raw, '+', masked);
    if (parts.length > 1 && parts.some(p => isStringLiteral(p)) && rawParts.some((p, i) => !isStringLiteral(parts[i]) && !SAFE_VALUE.test(p.trim()))) return 'a concatenation with values';
  }
  return null;
}

/** Whether the masked text is one string literal with its prefix (nothing after its closing quote). */
function isWhole(masked: string): boolean {
  return /^[rRbBfFuU]{0,2}(?:'''[\s\S]*'''|"""[\s\S]*"""|'[^'\n]*'|"[^"\n]*")$/.test(masked.trim()) && !/['"]\s*['"]/.test(masked.trim().slice(2, -2));
}

/** The replacement fields (`{name}`, not `{{`) of an f-string's raw text. */
function replacementFields(raw: string): string[] {
  const out: string[] = [];
  const body = raw.replace(/^[^'"]*/, '');
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') {
      if (body[i + 1] === '{') {
        i++;
        continue;
      }
      let depth = 1, j = i + 1;
      while (j < body.length && depth) {
        if (body[j] === '{') depth++;
        else if (body[j] === '}') depth--;
        j++;
      }
      out.push(body.slice(i + 1, j - 1).replace(/[!:][^()\]]*$/, ''));
      i = j - 1;
    }
  }
  return out;
}

/** The masked text with bracketed parts blanked: what is at the top level. */
function topLevel(masked: string): string {
  let depth = 0, out = '';
  for (const c of masked) {
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    out += depth > 0 ? ' ' : c;
  }
  return out;
}

/** Splits at top-level commas. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0, from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out;
}

/** Splits `text` at the top-level `sep` characters of `masked` (the same offsets; defaults to text itself). */
function splitOn(text: string, sep: string, masked = text): string[] {
  const out: string[] = [];
  let depth = 0, from = 0;
  for (let i = 0; i < masked.length; i++) {
    const c = masked[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === sep && depth === 0) {
      out.push(text.slice(from, i).trim());
      from = i + 1;
    }
  }
  out.push(text.slice(from).trim());
  return out;
}
