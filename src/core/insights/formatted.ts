// How a Python expression splices values into text: an f-string with replacement fields, `%`
// formatting, `.format()`, or a `+` concatenation of string literals with other expressions. Shared
// by the checks that care what reaches a string unescaped (DJC006 mark_safe) or unparameterised
// (DJC005 raw SQL); each passes its own test of which spliced values are harmless.
import type { Code } from './code';
import { isStringLiteral } from './code';

/** How an expression splices values, and the spliced values (raw text, trimmed) that the caller's test did not clear. */
export interface Splicing {
  /** e.g. 'an f-string with values', '`%`-formatted text with values'. */
  how: string;
  values: string[];
}

/**
 * How the expression [s, e) splices values into text, or null when it does not or when `isSafe`
 * clears every spliced value. `isSafe` gets one value's raw text, trimmed (a `.format()` keyword's
 * name and a `%` dict's keys removed). `formatOnName` also counts `name.format(…)`.
 */
export function splicing(code: Code, s: number, e: number, isSafe: (value: string) => boolean, options: { formatOnName?: boolean } = {}): Splicing | null {
  const masked = code.masked.slice(s, e);
  const raw = code.text.slice(s, e);
  // Values as [raw, masked] pairs: the masked text says whether a value is a string literal.
  // A translated literal (`_("Activate")`) is constant text too.
  const unsafe = (values: [string, string][]) => values.filter(([v, m]) => v.trim() && !isStringLiteral(m) && !TRANSLATED_LITERAL.test(v.trim()) && !isSafe(v.trim())).map(([v]) => v.trim());
  // One f-string, or adjacent literals that Python joins (`f"SELECT … {a} " "WHERE …"`), maybe in parentheses.
  const parts = literalParts(masked);
  if (parts && parts.some(p => /[fF]/.test(p.prefix))) {
    const values = unsafe(parts.filter(p => /[fF]/.test(p.prefix)).flatMap(p => replacementFields(raw.slice(p.start, p.end))).map(v => [v, v]));
    return values.length ? { how: 'an f-string with values', values } : null;
  }
  const top = topLevel(masked);
  const startsWithString = /^[rRbBuU]{0,2}['"]/.test(masked);
  const format = masked.indexOf('.format(');
  // `sql.format(…)` on a variable holding the template (`sql = """…{tbl}…"""; sql = sql.format(…)`), when the caller asks.
  if ((startsWithString || (options.formatOnName && /^[A-Za-z_]\w*\.format\($/.test(masked.slice(0, format + 8)))) && format > 0) {
    const open = s + format + 7;
    const close = code.closeParen(open);
    const args = close > open ? pairs(code.text.slice(open + 1, close), code.masked.slice(open + 1, close)) : [];
    const values = unsafe(args.map(([v, m]) => {
      const kw = /^\s*\*{0,2}(?:\w+\s*=(?!=))?\s*/.exec(m)![0].length;
      return [v.slice(kw), m.slice(kw)];
    }));
    return values.length ? { how: '`.format()` with values', values } : null;
  }
  const pct = top.indexOf('%');
  if (startsWithString && pct > 0) {
    const rhs = masked.slice(pct + 1).trim();
    const rawRhs = raw.slice(pct + 1).trim();
    if (!rhs || isStringLiteral(rhs) || /^\d+$/.test(rhs)) return null;
    let args: [string, string][];
    if (rhs.startsWith('(') && rhs.endsWith(')')) args = pairs(rawRhs.slice(1, -1), rhs.slice(1, -1));
    else if (rhs.startsWith('{') && rhs.endsWith('}')) {
      args = pairs(rawRhs.slice(1, -1), rhs.slice(1, -1)).map(([v, m]) => {
        const key = /^\s*(?:'\s*'|"\s*")\s*:/.exec(m)?.[0].length ?? 0;
        return [v.slice(key), m.slice(key)];
      });
    } else args = [[rawRhs, rhs]];
    const values = unsafe(args);
    return values.length ? { how: '`%`-formatted text with values', values } : null;
  }
  if (top.includes('+')) {
    const parts = splitOn(masked, '+');
    const rawParts = splitOn(raw, '+', masked);
    if (parts.length < 2 || !parts.some(p => isStringLiteral(p))) return null;
    const values = unsafe(rawParts.map((p, i) => [p, parts[i]]));
    return values.length ? { how: 'a concatenation with values', values } : null;
  }
  return null;
}

/** `_("…")`, `gettext("…")`, `pgettext("ctx", "…")`: the translation of constant text. */
const TRANSLATED_LITERAL = /^(?:_|gettext|gettext_lazy|pgettext|pgettext_lazy|ugettext|ugettext_lazy)\(\s*(?:(?:'[^'\n]*'|"[^"\n]*")\s*,\s*)?(?:'[^'\n]*'|"[^"\n]*")\s*\)$/;

/**
 * The string literals [start, end) with their prefixes when the masked text is only string literals
 * side by side (one or more, maybe wrapped in one pair of parentheses); otherwise null.
 */
function literalParts(masked: string): { start: number; end: number; prefix: string }[] | null {
  let from = 0, to = masked.length;
  const inner = /^\s*\(([\s\S]*)\)\s*$/.exec(masked);
  if (inner) {
    from = masked.indexOf('(') + 1;
    to = masked.lastIndexOf(')');
  }
  const out: { start: number; end: number; prefix: string }[] = [];
  const literal = /[rRbBfFuU]{0,2}('''|"""|'|")/y;
  let i = from;
  for (;;) {
    while (i < to && /[\s\\]/.test(masked[i])) i++;
    if (i >= to) break;
    literal.lastIndex = i;
    const open = literal.exec(masked);
    if (!open) return null;
    // The contents are blanked in the masked text, so the first closing quote ends the literal.
    const close = masked.indexOf(open[1], i + open[0].length);
    if (close < 0 || close + open[1].length > to) return null;
    out.push({ start: i, end: close + open[1].length, prefix: open[0].slice(0, -open[1].length) });
    i = close + open[1].length;
  }
  return out.length ? out : null;
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

/** Splits raw text at the top-level commas of its masked twin (same offsets): [raw, masked] pairs. */
function pairs(raw: string, masked: string): [string, string][] {
  const out: [string, string][] = [];
  let depth = 0, from = 0;
  for (let i = 0; i < masked.length; i++) {
    const c = masked[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push([raw.slice(from, i), masked.slice(from, i)]);
      from = i + 1;
    }
  }
  out.push([raw.slice(from), masked.slice(from)]);
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
