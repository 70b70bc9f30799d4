// DJC005 — raw SQL built by formatting values into the query text.
//
// What it finds: `cursor.execute(…)`/`executemany(…)`, `Model.objects.raw(…)`, `RawSQL(…)` and
// `.extra(where=[…], select={…}, tables=[…], order_by=[…])` whose SQL is an f-string with replacement
// fields (adjacent literals and triple quotes included), `%` or `.format()` with values, or a
// concatenation with something other than string literals — written in the call, or assigned
// (`sql = f"…"`, `sql += …`, `sql = sql.format(…)`) earlier in the same function.
// Why it matters: the values become part of the SQL text, so a value holding a quote changes the
// statement: SQL injection. Django's raw SQL APIs take the values separately (`params`) and let the
// database driver quote them.
// Not found (honest about identifiers, reviewed on 15 projects: 113 of 114 formatted queries were
// these): table and column names cannot be query parameters, so text spliced from
// `Model._meta.db_table`, `quote_name(…)`, an UPPER_CASE constant, `settings.…`, a name that says it
// holds a table, column or SQL fragment (`table_name`, `where`, `filters_sql`, `_get_ancestors_cte()`,
// `_build_sql_for_type(…)`, `placeholders`), a joined list of such names, a fragment composed with
// its params (`{sql}` from `sql_with_params()`), numbers (`int(…)`, `len(…)`, primary keys `.id`/`.pk`),
// a choice between literals, translated literals (`_("…")`), or a name assigned one of these in the
// function does not count. A value read from `request.` always counts. Also not found: migrations
// (no request reaches them), SQL passed in a variable whose text we cannot see, `execute` on things
// that are not cursors, `raw()` text without SQL words.
// Django 5.2 docs checked: topics/db/sql ("Performing raw SQL queries": Manager.raw(raw_query,
// params), "Passing parameters into raw()", the warning not to quote or format placeholders,
// cursor.execute(sql, params)), ref/models/expressions (RawSQL(sql, params) and its injection
// warning), ref/models/querysets (extra(): `params`/`select_params` and its warning), topics/security
// (SQL injection protection).
import type { InsightCheck } from './check';
import type { Code } from './code';
import { splicing, type Splicing } from './formatted';
import { holds } from './lineScan';
import { isMigrationModule } from './modelFields';
import type { InsightFinding, InsightRange } from './types';

const CALL = /\.(execute|executemany|raw|extra)[ \t]*\(|\bRawSQL[ \t]*\(/g;
const RAW_SQL = ['django.db.models.RawSQL', 'django.db.models.expressions.RawSQL'];
/** A cursor: `cursor`, `cur`, `c`, `self.cursor`, `db_cursor`, `schema_editor` (migrations), `connection.cursor()`. */
const CURSOR = /(?:^|\.)(?:\w*cursor\w*|cur|c|cr|schema_editor)$/i;
/** SQL words: the literal text of a `raw()` query must look like SQL. */
const SQL_WORD = /\b(?:select|insert|update|delete|from|where|join|order\s+by|group\s+by|values|set|table|into|with|drop|create|alter|truncate)\b/i;

export const rawSqlFormatted: InsightCheck = {
  def: {
    id: 'DJC005',
    title: 'Raw SQL built by string formatting',
    topic: 'security',
    finds: '`cursor.execute()`, `.raw()`, `RawSQL()` or `.extra()` with SQL built by an f-string, `%`, `.format()` or `+` from values.',
    problem: 'The values are pasted into the SQL text itself, so a value containing a quote rewrites the statement: SQL injection. The database never sees which parts are data.',
    fix: 'Keep placeholders (`%s`) in a constant query and pass the values separately: `cursor.execute(sql, [value])`, `Model.objects.raw(sql, [value])`, `RawSQL(sql, [value])`, `extra(where=[…], params=[…])`. Do not quote the `%s` yourself.',
    interviewQuestion: 'This query is built by formatting a value into the SQL string. How could that value change the statement, and how do you pass it safely with raw SQL in Django?',
    questionIds: ['django-interview-answers-parts-7-16#c72482cb', 'django-interview-questions-experienced-2026#de2b3b0f', 'django-core-algorithms-system-design-coding#395a5414'],
    djangoVersion: '5.2',
  },
  // Each word is looked for from a rare character first (see lineScan.ts): `includes(".execute")` took 14 times as long as `includes("xecute")` on the bench module.
  mayFind: masked => holds(masked, 'xecute', '.execute') || holds(masked, 'w(', '.raw(') || holds(masked, 'xtra(', '.extra(') || masked.includes('RawSQL'),
  find(code: Code, fileName?: string): InsightFinding[] {
    const out: InsightFinding[] = [];
    // Migrations run from the command line on the project's own data: no request value reaches them.
    if (fileName && /(?:^|[\\/])migrations[\\/]/.test(fileName)) return out;
    if (isMigrationModule(code.masked)) return out;
    for (const m of code.matches(CALL)) {
      const open = m.index + m[0].length - 1;
      const line = code.lineOf(m.index);
      const method = m[1] ?? 'RawSQL';
      const args = code.args(open);
      if (!args.length) continue;
      let sqlArgs: [number, number][] = [];
      let what: string;
      if (method === 'RawSQL') {
        if (code.masked[m.index - 1] === '.' ? !code.refersTo(code.dottedBefore(m.index + 6), line, RAW_SQL) : !code.refersTo('RawSQL', line, RAW_SQL, ['RawSQL'])) continue;
        sqlArgs = [args[0]];
        what = '`RawSQL()`';
      } else if (method === 'extra') {
        for (const [s, e] of args) {
          const kw = /^(where|select|tables|order_by)\s*=\s*([[{(])/.exec(code.masked.slice(s, e));
          if (!kw) continue;
          const inner = code.args(s + kw[0].length - 1);
          // In `select={"alias": sql}` the SQL is the value after the colon.
          for (const [is, ie] of inner) {
            const colon = kw[2] === '{' ? code.masked.slice(is, ie).search(/:(?!=)/) : -1;
            let vs = colon >= 0 ? is + colon + 1 : is;
            while (vs < ie && /\s/.test(code.masked[vs])) vs++;
            sqlArgs.push([vs, ie]);
          }
        }
        what = '`.extra()`';
      } else {
        const receiver = receiverOf(code, m.index);
        if (method === 'raw') {
          if (!/(?:^|\.)(?:objects|_default_manager|_base_manager|\w+_set)\b|\)$/.test(receiver)) continue;
          what = '`.raw()`';
        } else {
          if (!CURSOR.test(receiver) && !/\.cursor\(\)$/.test(receiver)) continue;
          what = `\`${receiver.replace(/\(\)$/, '()').slice(-30)}.${method}()\``;
        }
        if (args[0] && /^\w+\s*=/.test(code.masked.slice(args[0][0], args[0][1]))) continue;
        sqlArgs = [args[0]];
      }
      for (const [s, e] of sqlArgs) {
        const found = sqlSplicing(code, s, e, line, method === 'raw' || method === 'execute' || method === 'executemany');
        if (!found) continue;
        const shown = found.splicing.values.slice(0, 2).map(v => `\`${v.length > 40 ? v.slice(0, 37) + '…' : v}\``).join(', ');
        out.push({
          insightId: 'DJC005',
          range: code.range(s, e),
          message: `${what} runs SQL built by ${found.splicing.how.replace(/ with values$/, '')}${found.via ? ` (\`${found.via.name}\`, line ${found.via.range.line + 1})` : ''} that splices in ${shown}: write \`%s\` placeholders and pass the values as params, so the database driver quotes them.`,
          ...(found.via ? { related: [{ range: found.via.range, message: `\`${found.via.name}\` is built here by ${found.splicing.how}` }] } : {}),
        });
      }
    }
    return out;
  },
};

/** The dotted receiver of the `.method(` at `dot`: `cursor`, `Book.objects`, or a chain ending in one call (`connection.cursor()`, `Book.objects.filter)`); '' when odd. */
function receiverOf(code: Code, dot: number): string {
  if (code.masked[dot - 1] !== ')') return code.dottedBefore(dot);
  let depth = 0, i = dot - 1;
  for (; i >= 0 && dot - i < 2000; i--) {
    const c = code.masked[i];
    if (c === ')') depth++;
    else if (c === '(' && --depth === 0) break;
  }
  if (i < 0 || depth !== 0) return '';
  return code.dottedBefore(i) + (code.masked.slice(i, dot) === '()' ? '()' : ')');
}

interface Found {
  splicing: Splicing;
  /** The assignment the SQL variable was built in, when the call passes a variable. */
  via?: { name: string; range: InsightRange };
}

/** How the SQL at [s, e) splices values in, following a variable to its assignments in the same function. */
function sqlSplicing(code: Code, s: number, e: number, line: number, needSqlWords: boolean): Found | null {
  const expr = code.masked.slice(s, e).trim();
  const scope = scopeStart(code, line);
  const safe = (v: string) => isIdentifierValue(code, v, scope, line);
  if (/^[A-Za-z_]\w*$/.test(expr)) {
    // Every text the variable is given in the function (`sql = """SELECT…"""` before `sql = sql.format(…)`) tells whether it is SQL.
    if (needSqlWords && !assignments(code, expr, scope, line, true).some(a => looksLikeSql(code, a.start, a.end))) return null;
    for (const a of assignments(code, expr, scope, line)) {
      const sp = splicing(code, a.start, a.end, safe, { formatOnName: true });
      if (sp) return { splicing: sp, via: { name: expr, range: code.range(a.start, a.end) } };
    }
    return null;
  }
  // `cursor.execute(query.format(q=q))`: the template's text is in the variable's assignments.
  const template = /^([A-Za-z_]\w*)\.format\(/.exec(expr);
  if (template) {
    if (needSqlWords && !assignments(code, template[1], scope, line, true).some(a => looksLikeSql(code, a.start, a.end))) return null;
    const sp = splicing(code, s, e, safe, { formatOnName: true });
    return sp ? { splicing: sp } : null;
  }
  const sp = splicing(code, s, e, safe);
  if (!sp || (needSqlWords && !looksLikeSql(code, s, e))) return null;
  return { splicing: sp };
}

/** Whether the original text of [s, e) has SQL words in its string literals. */
function looksLikeSql(code: Code, s: number, e: number): boolean {
  const strings = code.text.slice(s, e).match(/'''[\s\S]*?'''|"""[\s\S]*?"""|(['"])(?:(?!\1)[^\\\n]|\\.)*\1/g);
  return !!strings && strings.some(x => SQL_WORD.test(x));
}

/** The first line of the function holding `line` (0 at module level). */
function scopeStart(code: Code, line: number): number {
  const def = code.enclosingHeaders(line).find(h => /^(?:async\s+)?def\s/.test(h.text));
  return def ? def.line + 1 : Math.max(0, line - 200);
}

/** The right-hand sides [start, end) of `name = …` (the last one; every one with `all`) and `name += …` (after it) on the lines from `from` to before `before`, last first. */
function assignments(code: Code, name: string, from: number, before: number, all = false): { start: number; end: number }[] {
  const re = new RegExp(`^\\s*${name}\\s*(\\+?=)(?!=)\\s*`);
  const out: { start: number; end: number }[] = [];
  for (let l = before - 1; l >= from; l--) {
    const m = re.exec(code.line(l));
    if (!m || !code.startsStatement(l)) continue;
    const start = code.lineStarts[l] + m[0].length;
    out.push({ start, end: trimEnd(code, start, statementEnd(code, start)) });
    if (m[1] === '=' && !all) break;
  }
  return out;
}

/** The end of the statement starting at `start`, past newlines inside brackets and triple-quoted strings. */
function statementEnd(code: Code, start: number): number {
  const t = code.masked;
  const n = Math.min(t.length, start + 20_000);
  let depth = 0;
  for (let i = start; i < n; i++) {
    const c = t[i];
    if ((c === '"' || c === "'") && t[i + 1] === c && t[i + 2] === c) {
      // Contents are blanked in the masked text: the next triple quote closes the string.
      const close = t.indexOf(c + c + c, i + 3);
      if (close < 0) return n;
      i = close + 2;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '\\' && (t[i + 1] === '\n' || t[i + 1] === '\r')) i++;
    else if ((c === '\n' || c === '\r') && depth === 0) return i;
  }
  return n;
}

function trimEnd(code: Code, start: number, end: number): number {
  while (end > start && /\s/.test(code.masked[end - 1])) end--;
  return end;
}

/**
 * Whether a spliced value is an identifier, SQL text or a number, not data: table/column names from
 * the model's _meta or quote_name, constants, settings, numbers, placeholder lists, a choice between
 * literals, a name that says it holds a table, column or SQL fragment — directly or through a name
 * assigned one of these in the function. A value read from the request is always data.
 */
function isIdentifierValue(code: Code, value: string, from: number, line: number, depth = 0): boolean {
  const v = value.trim();
  // A primary key (`obj.pk`, `request.user.id`) is a number or UUID from the database, not text a user typed.
  if (/\.(?:id|pk)$/.test(v) && !/\brequest\.(?:GET|POST|data|query_params|COOKIES|headers|META)\b/.test(v)) return true;
  if (/\brequest\./.test(v)) return false;
  if (IDENTIFIER_VALUE.test(v)) return true;
  if (/^[A-Z][A-Z0-9_]*$/.test(v) || /(?:^|\.)[A-Z][A-Z0-9_]*$/.test(v) || /^settings\.\w+$/.test(v)) return true;
  if (/^-?\d+(?:\.\d+)?$/.test(v)) return true;
  if (LITERAL_CHOICE.test(v)) return true;
  // A list of names joined (`", ".join(columns)`, `", ".join(f'"{c}"' for c in columns)`): judged by what is joined.
  const joined = /^(?:'[^'\n]*'|"[^"\n]*")\.join\(([\s\S]*)\)$/.exec(v);
  if (joined) {
    const iterable = /\sfor\s[\s\S]+?\sin\s+([\s\S]+?)(?:\s+if\s[\s\S]*)?$/.exec(joined[1])?.[1] ?? joined[1];
    return depth < 2 && isIdentifierValue(code, iterable.replace(/^enumerate\(([\s\S]*)\)$/, '$1'), from, line, depth + 1);
  }
  // A string formatted from identifiers only (`"{}:".format(typename)`).
  if (depth < 2 && /^[rRbBuU]{0,2}['"][\s\S]*['"]\s*(?:%|\.format\()|^[rRbBuU]?[fF]/.test(v) && code.text.indexOf(v, code.lineStarts[from]) >= 0) {
    const at = code.text.indexOf(v, code.lineStarts[from]);
    if (!splicing(code, at, at + v.length, x => isIdentifierValue(code, x, from, line, depth + 1))) return true;
  }
  // A name, attribute or call whose own name says it holds SQL or an identifier (`table_name`, `self.where_sql`, `_build_sql_for_type(…)`).
  const callee = /^([\w.]+)\s*(?:\([\s\S]*\))?$/.exec(v)?.[1] ?? '';
  const named = callee.slice(callee.lastIndexOf('.') + 1).toLowerCase().split('_').some(w => IDENTIFIER_WORDS.has(w));
  if (/^[A-Za-z_]\w*$/.test(v)) {
    const defs = depth < 2 ? assignments(code, v, from, line) : [];
    if (defs.length === 1) {
      const rhs = code.text.slice(defs[0].start, defs[0].end);
      if (/\brequest\.|\binput\(|\bsys\.argv\b/.test(rhs)) return false;
      if (isIdentifierValue(code, rhs, from, line, depth + 1) || /quote_name\(|_meta\b|db_table/.test(rhs)) return true;
    }
  }
  return named;
}

/** Text that names a table or column, counts, or builds a placeholder list. */
const IDENTIFIER_VALUE = new RegExp([
  String.raw`_meta\.`,
  String.raw`\.db_table\b`,
  String.raw`\.column\b`,
  String.raw`^(?:\w+\.)*(?:quote_name|qn|quote_ident|sql\.Identifier)\(`,
  String.raw`^(?:int|len|float|bool)\(`,
  String.raw`^["'][,\s]*["']\.join\(\s*\[?\s*["'](?:%s|\?)["']`,
  String.raw`\[\s*["'](?:%s|\?)["']\s*\]\s*\*`,
].join('|'));

/** `'READ WRITE' if allow else 'READ ONLY'`, `"null" if x == "null" else int(x)`: a choice between literals and numbers. */
const LITERAL_CHOICE = /^(?:'[^'\n]*'|"[^"\n]*"|-?\d+|int\([^()\n]*\))\s+if\s+[^\n]+?\s+else\s+(?:'[^'\n]*'|"[^"\n]*"|-?\d+|int\([^()\n]*\))$/;

/** Words of a name that says it holds an identifier or SQL text (`table_name`, `event_table`, `where_sql`, `_get_ancestors_cte()`). */
const IDENTIFIER_WORDS = new Set(['table', 'tables', 'tablename', 'tbl', 'column', 'columns', 'col', 'cols', 'schema', 'index', 'constraint', 'seq', 'sequence', 'sql', 'cte', 'clause', 'clauses', 'where', 'fragment', 'join', 'joins', 'placeholder', 'placeholders', 'alias', 'qn', 'typename', 'seqname']);
