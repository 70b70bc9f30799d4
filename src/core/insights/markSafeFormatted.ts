// DJC006 — `mark_safe` on text built from variables. OUT OF THE TABLE (table.ts): on the 15 reviewed
// projects 6 of its 20 findings were right (30%; the bar is 9 in 10), see
// test/fixtures/insights/review/withdrawn/DJC006.tsv. The remaining wrong findings splice values whose
// safety no static reading of one file can see: class constants (`self.ui_outreach`), choice labels and
// CSS classes from code, a validated colour or IP network, text already escaped upstream (admin's
// deleted-objects list, `format_html` results joined), URLs quoted by the storage or by `quote()`.
//
// What it finds: `mark_safe(…)` whose argument is an f-string with replacement fields, a `%` or
// `.format()` with values, or a concatenation with something other than string literals, when a
// spliced value may carry markup.
// Why it matters: mark_safe marks the whole string as safe HTML, so autoescaping leaves it alone and any
// value spliced in (a user's name, a title) reaches the page as HTML: cross-site scripting.
// Not found: mark_safe on a literal or on a variable alone (we cannot see what it holds); spliced values
// that cannot carry markup (isSafeValue): escaped (`escape`, `conditional_escape`, `format_html`),
// translations of literals (`_("…")`), URLs from `reverse()`/`get_absolute_url()`, `.urlencode()`,
// counts, dates, UPPER_CASE constants, `_meta.verbose_name`, and locals whose last assignment in the
// function is one of these — each a class of wrong findings in the first review (39 findings, 7 right).
// Facts checked against the Django 5.2 docs: ref/utils (django.utils.safestring.mark_safe,
// django.utils.html.format_html: every argument goes through conditional_escape, format_html_join),
// ref/templates/language (automatic HTML escaping).
import type { InsightCheck } from './check';
import type { Code } from './code';
import { splicing } from './formatted';
import type { InsightFinding } from './types';

const CALL = /\bmark_safe[ \t]*\(/g;
const NAMES = ['django.utils.safestring.mark_safe', 'django.utils.html.mark_safe'];

export const markSafeFormatted: InsightCheck = {
  def: {
    id: 'DJC006',
    title: 'mark_safe on formatted text',
    topic: 'security',
    finds: '`mark_safe()` on an f-string, `%`/`.format()` or a concatenation with variables.',
    problem: 'mark_safe marks the whole string as safe HTML, so autoescaping leaves it alone and every value spliced into it reaches the page unescaped: one user-controlled value is an XSS hole.',
    fix: 'Build the HTML with `format_html()`, which passes every argument through `conditional_escape()`, or `format_html_join()` for lists; keep mark_safe for constant markup.',
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
  const line = code.lineOf(s);
  return splicing(code, s, e, value => isSafeValue(code, value.trim(), line, 0))?.how ?? null;
}

/** Calls whose result is escaped, a URL Django built, a number or a date text: it cannot carry markup. */
const SAFE_CALL = /^(?:(?:django\.utils\.html\.)?(?:conditional_)?escape|format_html|format_html_join|escapejs|json_script|int|len|float|round|intcomma|filesizeformat|naturalday|naturaltime|date_format|time_format|number_format|urlencode|quote|urlquote|reverse|reverse_lazy|resolve_url)$/;
/** Methods with the same property: `obj.get_absolute_url()`, `q.urlencode()`, `qs.count()`, `d.isoformat()`. */
const SAFE_METHOD = /\.(?:get_absolute_url|urlencode|count|isoformat|strftime)$/;
/** Translations: their text is the project's own (their arguments must be safe too). */
const TRANSLATION = /^(?:_|gettext|gettext_lazy|gettext_noop|pgettext|pgettext_lazy|ngettext|ngettext_lazy|ugettext|ugettext_lazy)$/;
const LITERALS = /^(?:[rRbBuU]{0,2}(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')\s*)+$/;

/**
 * Whether a spliced value (its source text) cannot carry markup from data: a literal, a translation
 * of one, an escaped value, a URL from reverse(), a count, a constant (UPPER_CASE, `_meta.verbose_name`),
 * arithmetic or a conditional of such values, or a local name whose last assignment in the function,
 * at or above the use's indentation, is one. Unknown means unsafe.
 */
export function isSafeValue(code: Code, value: string, line: number, depth: number): boolean {
  // One line: a call chain broken over lines (`(Item.objects\n .filter(…).count())`) reads as written on one.
  let e = value.trim().replace(/\s*\n\s*/g, ' ').replace(/\s+\./g, '.');
  while (e.startsWith('(') && closing(e, 0) === e.length - 1) e = e.slice(1, -1).trim();
  if (!e) return false;
  const tuple = splitTopLevel(e, [',']).filter(x => x.trim());
  if (tuple.length > 1) return tuple.every(x => isSafeValue(code, x, line, depth));
  if (/\.(?:get_absolute_url|urlencode|count|isoformat|strftime)\([^()]*\)$/.test(e)) return true;
  const format = /^[rRbBuU]{0,2}(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')\.format\(/.exec(e);
  if (format && closing(e, format[0].length - 1) === e.length - 1) {
    return splitTopLevel(e.slice(format[0].length, -1), [',']).filter(a => a.trim()).every(a => isSafeValue(code, a.replace(/^\s*\w+\s*=(?!=)/, ''), line, depth));
  }
  if (LITERALS.test(e) || /^-?\d+(?:\.\d+)?$/.test(e) || /^(?:True|False|None)$/.test(e)) return true;
  const cond = splitTopLevel(e, [' if ', ' else ']);
  if (cond.length === 3) return isSafeValue(code, cond[0], line, depth) && isSafeValue(code, cond[2], line, depth);
  const product = splitTopLevel(e, ['*']);
  if (product.length > 1 && product.some(p => LITERALS.test(p.trim()))) return true;
  const terms = splitTopLevel(e, [' + ', ' - ', '+', '-', ' % ', '//']);
  if (terms.length > 1) return terms.every(t => isSafeValue(code, t, line, depth));
  const call = /^([\w.]+)\s*\(/.exec(e);
  if (call && closing(e, call[0].length - 1) === e.length - 1) {
    const name = call[1];
    const last = name.slice(name.lastIndexOf('.') + 1);
    if (SAFE_CALL.test(last) || SAFE_METHOD.test(name)) return true;
    const args = splitTopLevel(e.slice(call[0].length, -1), [',']).filter(a => a.trim());
    if (TRANSLATION.test(name) || /^(?:str|force_str|capfirst)$/.test(name)) return args.length > 0 && args.every(a => isSafeValue(code, a.replace(/^\w+\s*=(?!=)/, ''), line, depth));
    return false;
  }
  if (/^(?:(?:self|cls)\.)?[A-Z][A-Z0-9_]*$/.test(e) || /\._meta\.verbose_name(?:_plural)?$/.test(e)) return true;
  if (/^[A-Za-z_]\w*$/.test(e) && depth < 3) {
    const assigned = lastAssignment(code, e, line);
    return assigned !== null && isSafeValue(code, assigned.value, assigned.line, depth + 1);
  }
  return false;
}

/** The value of the last plain assignment to `name` before `line` in its function, at or above the use's indentation; null when there is none, or a loop/with/augmented assignment binds it. */
function lastAssignment(code: Code, name: string, line: number): { value: string; line: number } | null {
  const indent = code.isBlank(line) ? 0 : code.indent(line);
  const plain = new RegExp(`^\\s*${name}\\s*(?::[^=\\n]*)?=(?!=)`);
  const other = new RegExp(`^\\s*(?:${name}\\s*(?:[-+*/%|&]|//)=|(?:async\\s+)?(?:for|with)\\b.*\\b${name}\\b|(?:async\\s+)?def\\s|class\\s)`);
  for (let l = line - 1; l >= 0 && line - l < 400; l--) {
    if (code.isBlank(l) || !code.startsStatement(l)) continue;
    const text = code.line(l);
    const m = plain.exec(text);
    if (m) {
      if (code.indent(l) > indent) return null;
      const start = code.lineStarts[l] + m[0].length;
      return { value: code.text.slice(start, code.statementEnd(start)), line: l };
    }
    if (other.test(text) && (code.indent(l) < indent || !/^\s*(?:async\s+)?(?:def|class)\s/.test(text))) return null;
  }
  return null;
}

/** Index of the bracket closing the one at `open` in raw text (quotes skipped), or -1. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      i = skipString(s, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function skipString(s: string, q: number): number {
  const quote = s[q];
  for (let i = q + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === quote) return i;
  }
  return s.length;
}

/** Splits raw text at any of `seps` outside brackets and string literals. */
function splitTopLevel(s: string, seps: string[]): string[] {
  const out: string[] = [];
  let depth = 0, from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      i = skipString(s, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0) {
      const sep = seps.find(x => s.startsWith(x, i));
      if (!sep) continue;
      // A sign with nothing before it is not a split (`-1`, `a * -b`).
      if ((sep.trim() === '-' || sep.trim() === '+') && !/[\w)\]}'"]$/.test(s.slice(from, i).trimEnd())) continue;
      out.push(s.slice(from, i));
      from = i + sep.length;
      i += sep.length - 1;
    }
  }
  out.push(s.slice(from));
  return out;
}
