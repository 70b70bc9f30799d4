// DJC008 — `cache_page` on a view that reads `request.user` or `request.session`.
//
// What it finds: a view cached with `cache_page` — `@cache_page(…)` on a function view or a method,
// `@method_decorator(cache_page(…), name=…)` on a class, `cache_page(…)(view)` on a view or class of
// the same file (`super().dispatch` inside a class: that class and its subclasses here) — whose code
// reads `request.user` or `request.session` (also through a helper of the same file it calls with
// `request`), unless the cache is told to vary on the cookie before it stores the page.
// Why it matters: the per-view cache is keyed on the URL (plus the headers named in the response's
// Vary header when the decorator stores it). Once a URL is cached, later requests get the stored page
// without running the view: the first visitor's per-user page is served to everyone until it
// expires, and a permission check in the view (`request.user.has_perm(…)`) is skipped on every hit.
// SessionMiddleware adds `Vary: Cookie` when the session is read, but middleware sees the response
// only after the decorator has stored it, so that header never reaches the decorator's key.
// Not found: views with `@vary_on_cookie`/`@vary_on_headers("Cookie")` applied inside cache_page
// (listed below it) or calling `patch_vary_headers(…, ["Cookie"])`; an `is_authenticated` check
// repeated under an outer `@login_required` (the page is the same for every logged-in user); views
// defined in another file than the `cache_page(…)(view)` call (urls.py); reads we cannot see
// (templates using `{{ user }}`, helpers in other modules).
// Told apart: `@vary_on_cookie` listed *above* `@cache_page` adds the header after the page was
// stored, so it is found, with its own message; access checks that run inside the cache — a
// `request.user.has_perm(…)` in the body, `@login_required`/`@permission_required` listed *below*
// `@cache_page`, `LoginRequiredMixin` on a class whose dispatch is cached — run only on a miss, so
// they are found with a message about the skipped check (listed above `@cache_page` they run first
// and are fine).
// Django 5.2 docs checked: topics/cache ("The per-view cache": keyed off the URL, later requests use
// the cache; "Using Vary headers": vary_on_headers/vary_on_cookie, a separate cached version per
// cookie; "Order of MIDDLEWARE": SessionMiddleware adds Cookie to Vary in the response phase, and
// the cache must run after whatever adds to Vary), topics/http/decorators (vary_on_cookie,
// vary_on_headers, cache_page), ref/utils (patch_vary_headers), topics/class-based-views/intro
// (method_decorator on dispatch or on the class with `name=`), topics/cache (template fragment
// caching with per-user arguments, the low-level cache API).
import type { InsightCheck } from './check';
import type { Code } from './code';
import { hintMatches, holds } from './lineScan';
import type { InsightFinding, InsightRange } from './types';

const NAME = /\bcache_page\b/g;
const CACHE_PAGE = ['django.views.decorators.cache.cache_page'];
/** A decorator or call that adds Cookie to the response's Vary header. */
const VARY_COOKIE = /\bvary_on_cookie\b|\bvary_on_headers\s*\([^)]*['"]cookie['"]|\bpatch_vary_headers\s*\([^)]*['"]cookie['"]/i;
/** Access-check decorators, as written in a decorator line (inside `method_decorator(…)` too). */
const ACCESS_DECORATOR = /\b(?:login_required|permission_required|user_passes_test|staff_member_required)\b/;
/** Access-check mixins of class-based views. */
const ACCESS_MIXIN = /\b(?:LoginRequiredMixin|PermissionRequiredMixin|UserPassesTestMixin)\b/;
/** A read of the user only to decide access: `.is_authenticated`, `.has_perm(…)`, `.is_staff`. */
const ACCESS_CHECK = /^\.(?:is_authenticated|is_anonymous|is_staff|is_superuser|is_active|has_perms?|has_module_perms)\b/;

/** The code a cached view runs: line blocks [first, last] and the decorators listed above it, top first. */
interface Target {
  blocks: [number, number][];
  /** Decorator lines of the cached function or class (top first), and which of them is cache_page. */
  decorators: DecoratorLine[];
  cacheAt: number;
  /** Text wrapped inside cache_page in the call form (`vary_on_cookie(view)`). */
  wrapped: string;
}

export const cachePagePerUser: InsightCheck = {
  def: {
    id: 'DJC008',
    title: 'cache_page on a per-user view',
    topic: 'caching',
    finds: '`cache_page` on a view that reads `request.user` or `request.session`, without varying the cache on the cookie.',
    problem: 'The per-view cache is keyed on the URL: once a page is stored, later requests get it without running the view. A page built for one user is shown to everyone until it expires, and a permission check in the view is skipped on every cache hit. The `Vary: Cookie` that SessionMiddleware adds comes after the decorator has stored the page.',
    fix: 'Put `@vary_on_cookie` below `@cache_page` so each session cookie gets its own cached copy (`@vary_on_headers("Authorization")` when the user comes from a token header), or cache only what is the same for everyone (a `{% cache %}` fragment, or the low-level cache) and build the per-user part on each request.',
    interviewQuestion: 'This view is wrapped in cache_page but reads request.user. What does the second user to open this URL see, and how would you cache it safely?',
    questionIds: ['django-interview-answers-parts-7-16#22566f74', 'django-core-algorithms-system-design-coding#c3ca3078', 'django-interview-questions-experienced-2026#c4230c73'],
    djangoVersion: '5.2',
  },
  mayFind: masked => holds(masked, 'he_pag', 'cache_page'),
  find(code: Code): InsightFinding[] {
    const out: InsightFinding[] = [];
    // Tried only 3 characters before each `he_pag` (h is rare in code; V8 looks for a needle of up to 6 characters from its first one), not at every character.
    for (const m of hintMatches(code, NAME, 'he_pag', 3)) {
      const line = code.lineOf(m.index);
      const dotted = code.dottedBefore(m.index + 'cache_page'.length);
      if (!code.refersTo(dotted, line, CACHE_PAGE, ['cache_page'])) continue;
      const at = m.index + 'cache_page'.length;
      const open = code.masked.indexOf('(', at);
      if (open < 0 || code.masked.slice(at, open).trim()) continue;
      const close = code.closeParen(open);
      if (close < 0) continue;
      const target = targetOf(code, m.index - (dotted.length - 'cache_page'.length), close);
      if (!target || !target.blocks.length) continue;
      const finding = judge(code, target);
      if (!finding) continue;
      const start = m.index - (dotted.length - 'cache_page'.length);
      out.push({
        insightId: 'DJC008',
        range: code.range(start, close + 1),
        message: finding.message,
        related: [{ range: finding.read, message: finding.readMessage }],
      });
    }
    return out;
  },
};

/** The view a `cache_page(…)` (from `start` to its `)` at `close`) caches, or null when we cannot see it. */
function targetOf(code: Code, start: number, close: number): Target | null {
  const line = code.lineOf(start);
  const first = code.firstCode(line);
  const lineText = code.masked.slice(first, code.lineEnds[line]);
  // Decorator form: `@cache_page(…)` or `@method_decorator(cache_page(…), name="dispatch")`.
  if (lineText.startsWith('@') && /^@(?:[\w.]*method_decorator\s*\(\s*)?[\w.]*cache_page\b/.test(lineText)) {
    const decorated = decoratedBy(code, line);
    if (!decorated) return null;
    const { defLine, decorators } = decorated;
    const cacheAt = decorators.findIndex(d => d.line === line);
    const header = code.line(defLine).trim();
    if (header.startsWith('class ')) {
      const cls = /^class\s+(\w+)/.exec(header)![1];
      return { blocks: classBlocks(code, cls, defLine), decorators, cacheAt, wrapped: '' };
    }
    const blocks: [number, number][] = [[defLine, code.blockEnd(defLine)]];
    // A decorated `dispatch` runs the whole class.
    if (/^(?:async\s+)?def\s+dispatch\b/.test(header)) {
      const cls = code.enclosingHeaders(defLine).find(h => h.text.startsWith('class '));
      if (cls) blocks.push(...classBlocks(code, /^class\s+(\w+)/.exec(cls.text)![1], cls.line));
    }
    return { blocks, decorators, cacheAt, wrapped: '' };
  }
  // Call form: `cache_page(…)(view)`.
  if (code.masked[close + 1] !== '(') return null;
  const innerClose = code.closeParen(close + 1);
  if (innerClose < 0) return null;
  const wrapped = code.masked.slice(close + 2, innerClose).trim();
  const wrappedRaw = code.text.slice(close + 2, innerClose).trim();
  let blocks: [number, number][] = [];
  const sup = /^super\(\s*\)\.dispatch$|^self\.dispatch$/.test(wrapped);
  if (sup) {
    const cls = code.enclosingHeaders(line).find(h => h.text.startsWith('class '));
    if (cls) blocks = classBlocks(code, /^class\s+(\w+)/.exec(cls.text)![1], cls.line);
  } else {
    const name = /^(\w+)(?:\.as_view\s*\([^)]*\))?$/.exec(wrapped)?.[1];
    if (!name) return null;
    const def = topLevelDef(code, name);
    if (def < 0) return null;
    const header = code.line(def).trim();
    blocks = header.startsWith('class ') ? classBlocks(code, name, def) : [[def, code.blockEnd(def)]];
    const decorated = decoratedBy(code, def, true);
    // Decorators on the view itself are applied before cache_page wraps it: all inside.
    return { blocks, decorators: decorated?.decorators ?? [], cacheAt: -1, wrapped: wrappedRaw };
  }
  return { blocks, decorators: [], cacheAt: -1, wrapped: wrappedRaw };
}

/** The `def`/`class` line a decorator on `line` belongs to, with its decorator lines (top first). */
function decoratedBy(code: Code, line: number, fromDef = false): { defLine: number; decorators: DecoratorLine[] } | null {
  let defLine = -1;
  if (fromDef) defLine = line;
  else {
    for (let l = line + 1; l < code.lineCount && l - line < 60; l++) {
      if (code.isBlank(l) || !code.startsStatement(l)) continue;
      const t = code.line(l).trim();
      if (t.startsWith('@')) continue;
      if (/^(?:async\s+def|def|class)\s/.test(t)) defLine = l;
      break;
    }
  }
  if (defLine < 0) return null;
  const decorators: DecoratorLine[] = [];
  for (let l = defLine - 1; l >= 0 && defLine - l < 60; l--) {
    if (code.isBlank(l)) continue;
    if (!code.startsStatement(l)) continue;
    const t = code.line(l).trim();
    if (!t.startsWith('@')) break;
    decorators.unshift(new DecoratorLine(code, l));
  }
  return { defLine, decorators };
}

/** A decorator line; its text (statementSource) is read when first asked for: most views' reads decide before their decorators' texts are needed. */
class DecoratorLine {
  private source: string | undefined;
  constructor(private readonly code: Code, readonly line: number) {}
  get text(): string {
    return (this.source ??= statementSource(this.code, this.line));
  }
}

/** The original text of the statement starting on `line` (header names such as "Cookie" are blanked in the masked text). */
function statementSource(code: Code, line: number): string {
  const s = code.firstCode(line);
  return code.text.slice(s, code.statementEnd(s)).replace(/#[^\n'"]*$/gm, '');
}

/** Line of the module-level `def name`/`class name`, or -1. */
function topLevelDef(code: Code, name: string): number {
  return topLevelLines(code).get(name) ?? -1;
}

/** The blocks of class `name` (at `line`) and of the classes of the file that subclass it, directly or not. */
function classBlocks(code: Code, name: string, line: number): [number, number][] {
  const out: [number, number][] = [[line, code.blockEnd(line)]];
  const names = new Set([name]);
  for (const c of code.context.classes) {
    if (c.line <= line || !c.bases.some(b => names.has(b))) continue;
    names.add(c.name);
    out.push([c.line, code.blockEnd(c.line)]);
  }
  return out;
}

/** A read of the user or session in the cached code, when the page can differ per user. */
function judge(code: Code, target: Target): { message: string; read: InsightRange; readMessage: string } | null {
  const { decorators, cacheAt } = target;
  const inside = cacheAt >= 0 ? decorators.slice(cacheAt + 1) : decorators;
  const outside = cacheAt >= 0 ? decorators.slice(0, cacheAt) : [];
  const reads = readsIn(code, target.blocks);
  // Access checks wrapped inside the cache (`@login_required` listed below `@cache_page`, an access
  // mixin of a class whose dispatch is cached) run only on a cache miss, like a check in the body.
  for (const d of inside) {
    const m = ACCESS_DECORATOR.exec(d.text);
    if (m) reads.push({ range: code.lineRange(d.line), what: `@${m[0]}`, check: true });
  }
  for (const [a] of target.blocks) {
    // Only a header whose first character is `c` (or a blank the header's trim drops) can be a class.
    const first = code.masked.charCodeAt(code.firstCode(a));
    if (first !== 0x63 && !/\s/.test(String.fromCharCode(first))) continue;
    const m = /^class\s+\w+\s*\(([^)]*)\)/.exec(code.headerText(a));
    const mixin = m && ACCESS_MIXIN.exec(m[1]);
    if (mixin) reads.push({ range: code.lineRange(a), what: mixin[0], check: true });
  }
  if (!reads.length) return null;
  // Varied on the cookie inside the cache: nothing to find (tested after the reads, the rarer case).
  if (inside.some(d => VARY_COOKIE.test(d.text)) || VARY_COOKIE.test(target.wrapped)) return null;
  if (target.blocks.some(([a, b]) => VARY_COOKIE.test(code.text.slice(code.lineStarts[a], code.lineEnds[b])))) return null;
  const varyOutside = outside.find(d => VARY_COOKIE.test(d.text));
  const loginOutside = outside.some(d => /\blogin_required\b|LoginRequired/.test(d.text));
  const checks = reads.filter(r => r.check);
  const allChecks = checks.length === reads.length;
  // `if not request.user.is_authenticated` under an outer @login_required: the page is the same for every logged-in user.
  if (allChecks && loginOutside && reads.every(r => /is_authenticated|is_anonymous/.test(r.what))) return null;
  const first = reads.find(r => !r.check) ?? reads[0];
  const where = `line ${first.range.line + 1}`;
  let message: string;
  if (varyOutside) {
    message = `\`@${/vary_on_\w+/.exec(varyOutside.text)?.[0] ?? 'vary_on_cookie'}\` is listed above \`cache_page\`, so it adds \`Vary: Cookie\` after the page was stored: the cache key ignores the cookie and the page built from \`${first.what}\` (${where}) is served to everyone. List it below \`@cache_page\`.`;
  } else if (allChecks) {
    message = `\`cache_page\` serves the stored page without running the view, so the \`${first.what}\` check (${where}) is skipped on a cache hit: whoever comes next gets the page a permitted user loaded. Check access in a decorator listed above \`@cache_page\`, or vary the cache on the cookie.`;
  } else {
    message = `\`cache_page\` keys this page on the URL, but the view reads \`${first.what}\` (${where}): the first visitor's page is served to everyone until it expires. List \`@vary_on_cookie\` below \`@cache_page\` (vary on \`Authorization\` for token auth), or cache only the parts that are the same for everyone.`;
  }
  return { message, read: first.range, readMessage: first.what.startsWith('request') ? `\`${first.what}\` read in the cached view` : `\`${first.what}\` runs inside the cache, only on a miss` };
}

interface Read {
  range: InsightRange;
  /** e.g. `request.user`, `request.user.has_perm`. */
  what: string;
  /** Whether the read only decides access (`.is_authenticated`, `.has_perm(…)`). */
  check: boolean;
}

/** Reads of `request.user`/`request.session` (`self.request…` too) in the blocks, and in helpers of the file called with `request`. */
function readsIn(code: Code, blocks: [number, number][], depth = 0): Read[] {
  const out: Read[] = [];
  // A file that reads neither anywhere (its user reads only in templates or strings) has none to find.
  if (!readsAnywhere(code)) return out;
  const re = /\b(?:self\.)?request\.(user|session)\b/g;
  for (const [a, b] of blocks) {
    const from = code.lineStarts[a], to = code.lineEnds[b];
    const text = code.masked.slice(from, to);
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s = from + m.index, e = s + m[0].length;
      if (passedAway(code, s)) continue;
      const after = code.masked.slice(e, e + 40);
      const check = m[1] === 'user' && ACCESS_CHECK.test(after);
      const what = `request.${m[1]}${check ? ACCESS_CHECK.exec(after)![0] : ''}`;
      out.push({ range: code.range(s, e), what, check });
    }
    if (depth > 0) continue;
    // One level into helpers of this file called with the request: `build_menu(request)`, `self.get_items(request)`.
    const call = /\b(?:self\.)?(\w+)\s*\(\s*(?:self\.)?request\b/g;
    for (let m = call.exec(text); m; m = call.exec(text)) {
      const def = helperDef(code, m[1]);
      if (def >= 0 && !blocks.some(([x, y]) => def >= x && def <= y)) out.push(...readsIn(code, [[def, code.blockEnd(def)]], depth + 1));
    }
  }
  return out;
}

const READS_ANYWHERE = new WeakMap<Code, boolean>();

/** Whether the file's code holds `request.user` or `request.session` at all (one search of the file). */
function readsAnywhere(code: Code): boolean {
  let any = READS_ANYWHERE.get(code);
  if (any === undefined) READS_ANYWHERE.set(code, (any = holdsUserRead(code.masked)));
  return any;
}

/** `/request\.(?:user|session)\b/.test(masked)`, tried at each `quest.` (q is rare in code) instead of at every character. */
export function holdsUserRead(masked: string): boolean {
  for (let i = masked.indexOf('quest.', 2); i >= 0; i = masked.indexOf('quest.', i + 6)) {
    if (!masked.startsWith('re', i - 2)) continue;
    const j = i + 6;
    const n = masked.startsWith('user', j) ? 4 : masked.startsWith('session', j) ? 7 : 0;
    if (n && !WORD_CHAR.test(masked[j + n] ?? '')) return true;
  }
  return false;
}

const WORD_CHAR = /\w/;

/** ORM calls whose arguments select rows: the result depends on the user passed in. */
const ORM_CALL = /(?:^|\.)(?:filter|exclude|get|get_or_create|update_or_create|create|get_object_or_404|get_list_or_404|Q|for_user|visible_to|owned_by)$/;

/**
 * Whether the read at `s` is only an argument of a call into code we cannot see (a function of another
 * module: `services.stats(user=request.user)`), which may ignore it. ORM filters and this file's own
 * functions count as using it.
 */
function passedAway(code: Code, s: number): boolean {
  let depth = 0, i = s - 1;
  for (; i >= 0 && s - i < 2000; i--) {
    const c = code.masked[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) break;
      depth--;
    }
  }
  if (i < 0 || code.masked[i] !== '(') return false;
  // The read must be the whole argument (`f(user=request.user)`, `f(request.user)`), not part of one.
  const before = code.masked.slice(Math.max(0, i), s).replace(/\s+/g, '');
  const tail = before.slice(before.lastIndexOf(',') >= 0 ? before.lastIndexOf(',') : 0);
  if (!/^[(,](?:\w+=)?(?:self\.)?$/.test(tail)) return false;
  const end = s + /^(?:self\.)?request\.\w+/.exec(code.masked.slice(s))![0].length;
  if (!/^\s*[,)]/.test(code.masked.slice(end))) return false;
  const callee = code.dottedBefore(i);
  if (!callee || ORM_CALL.test(callee)) return false;
  return helperDef(code, callee.slice(callee.lastIndexOf('.') + 1)) < 0;
}

/** Line of a `def name` anywhere in the file (a module function or a method), or -1. */
function helperDef(code: Code, name: string): number {
  if (/^(?:render|redirect|super|get_object_or_404|get_list_or_404|reverse|HttpResponse\w*|JsonResponse|TemplateResponse)$/.test(name)) return -1;
  return defLines(code).get(name) ?? -1;
}

/** A module-level `def name`/`class name` line; the name is group 1. */
const TOP_LEVEL_DEF = /^(?:async\s+def|def|class)\s+(\w+)\b/;

const DEFINITIONS = new WeakMap<Code, { defs?: Map<string, number>; topLevel?: Map<string, number> }>();

/**
 * Name → first line of a `def name(` anywhere in the file, read once per document: a scan of every
 * line per helper call made a file with many cached views quadratic.
 */
function defLines(code: Code): Map<string, number> {
  const known = DEFINITIONS.get(code) ?? {};
  DEFINITIONS.set(code, known);
  if (known.defs) return known.defs;
  // The lines `/^\s*(?:async\s+)?def\s+(\w*)\s*\(/` matches, read by hand from the occurrences of
  // `def` (a slice and a regex per candidate line cost more than the rest of the check).
  const t = code.masked, defs = new Map<string, number>();
  for (let i = t.indexOf('def'); i >= 0; i = t.indexOf('def', i + 3)) {
    if (!isSpace(t.charCodeAt(i + 3)) || (i > 0 && !isSpace(t.charCodeAt(i - 1)))) continue;
    const line = code.lineOf(i);
    const name = defName(t, code.lineStarts[line], code.lineEnds[line], i);
    if (name !== null && !defs.has(name)) defs.set(name, line);
  }
  return (known.defs = defs);
}

/** The name that regex reads on the line [start, end) when its `def` is the one at `at`, or null. */
function defName(t: string, start: number, end: number, at: number): string | null {
  let k = start;
  while (k < at && isSpace(t.charCodeAt(k))) k++;
  if (k !== at) {
    // `async`, blanks, then this `def`.
    if (!t.startsWith('async', k)) return null;
    k += 5;
    const blanks = k;
    while (k < at && isSpace(t.charCodeAt(k))) k++;
    if (k === blanks || k !== at) return null;
  }
  let j = at + 3;
  if (j >= end || !isSpace(t.charCodeAt(j))) return null;
  while (j < end && isSpace(t.charCodeAt(j))) j++;
  const nameStart = j;
  while (j < end && isWordCode(t.charCodeAt(j))) j++;
  const nameEnd = j;
  while (j < end && isSpace(t.charCodeAt(j))) j++;
  return j < end && t.charCodeAt(j) === 0x28 ? t.slice(nameStart, nameEnd) : null;
}

/** A character regexes match with `\s`. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c > 0x7f && BLANK.test(String.fromCharCode(c)));
}

/** A character regexes match with `\w`. */
function isWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** Name → first line of a module-level `def name`/`class name`. */
function topLevelLines(code: Code): Map<string, number> {
  const known = DEFINITIONS.get(code) ?? {};
  DEFINITIONS.set(code, known);
  return (known.topLevel ??= firstLines(code, [...new Set([...wordLines(code, 'def'), ...wordLines(code, 'class')])].sort((a, b) => a - b), TOP_LEVEL_DEF, true));
}

function firstLines(code: Code, lines: number[], re: RegExp, topLevel: boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) {
    if (topLevel && code.indent(l) !== 0) continue;
    const m = re.exec(code.line(l));
    if (m && !out.has(m[1])) out.set(m[1], l);
  }
  return out;
}

/** The lines (ascending, distinct) where `word` stands between blanks or at the line's start: the only lines where a `def`/`class` header can start. */
function wordLines(code: Code, word: string): number[] {
  const t = code.masked, out: number[] = [];
  for (let i = t.indexOf(word); i >= 0; i = t.indexOf(word, i + word.length)) {
    if (!BLANK.test(t[i + word.length] ?? '')) continue;
    const line = code.lineOf(i);
    if (i > code.lineStarts[line] && !BLANK.test(t[i - 1])) continue;
    if (out[out.length - 1] !== line) out.push(line);
  }
  return out;
}

const BLANK = /^\s$/;
