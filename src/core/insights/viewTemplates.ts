// DJC012 (issue 14), the Python side: what one Python file tells about templates and models —
//   - its models: relation fields (forward ForeignKey/OneToOneField/ManyToManyField, their target and
//     related_name), bases, and the `objects` manager they declare;
//   - the templates its views render, with the queryset each context name holds: `render(request,
//     "app/t.html", {…})`, `TemplateResponse(…)`, `render_to_string(…)` (a dict literal, or a name the
//     function assigns one dict literal and sets keys of), and ListView classes (`model =`/`queryset =`,
//     `template_name =`, `context_object_name =`);
//   - every string literal that names a template (`….html`), so a template also named somewhere this
//     file cannot read (a helper, a `get_template_names`, a TemplateView) is left alone.
// Pure; never throws (a file that cannot be read gives no facts).
import { analyzeDocument, type DocumentAnalysis } from '../detect/analysis';
import { Code } from './code';
import { isTestOrMigration, MANY, ONE } from './modelFields';

export type RelKind = 'one' | 'many';

export interface FieldFact {
  kind: RelKind;
  /** The field class: ForeignKey, OneToOneField, ManyToManyField (or a tree/cluster variant). */
  field: string;
  /** The target model's class name (last segment), 'self' resolved; null when not a literal. */
  target: string | null;
  /** related_name as written (null: Django's default; '+' or a %(class)s pattern: none usable). */
  relatedName: string | null;
}

export interface ModelFact {
  name: string;
  path: string;
  line: number;
  bases: string[];
  fields: Map<string, FieldFact>;
  /** What `objects = …` holds when the class declares it: 'plain' (models.Manager(), X.as_manager()), a class name, or null (not declared). */
  objects: string | null;
  /** The first manager the class body declares (Django's default manager, which a ListView's `model =` uses), in the same terms; null when none. */
  firstManager: string | null;
}

/** A queryset a context name holds: the model before `.objects`, what its chain fetches with the rows. */
export interface QuerysetFact {
  model: string;
  /** First segments of literal select_related/prefetch_related arguments (and Prefetch lookups). */
  fetched: Set<string>;
  /** select_related() with no argument. */
  allOne: boolean;
  /** A select_related/prefetch_related argument that is not a literal, values(), values_list(). */
  opaque: boolean;
  /** Attributes the view itself reads from the rows in a loop over them (those relations are fetched in the view, not the template). */
  touched?: Set<string>;
  /** Made from the model's default manager (a ListView's `model =`), not from `objects`. */
  defaultManager?: boolean;
  /** The chain as written (first line, for the message) and where. */
  text: string;
  line: number;
}

/** One rendering of a template: the queryset (or `other`) per context name, or `null` when the context cannot be read. */
export interface RenderFact {
  template: string;
  path: string;
  line: number;
  context: Map<string, QuerysetFact | 'other'> | null;
  /** Whether the template name is written as a literal in this file (it then counts one of the file's mentions). */
  literal: boolean;
}

export interface PythonFacts {
  models: ModelFact[];
  renders: RenderFact[];
  /** How many times each template-looking string literal occurs in the file. */
  mentions: Map<string, number>;
  /** Manager classes declared in the file whose body selects or prefetches (name → true) or not (false). */
  managers: Map<string, boolean>;
}

const EMPTY: PythonFacts = { models: [], renders: [], mentions: new Map(), managers: new Map() };
const FIELD_LINE = /^[ \t]+([A-Za-z_]\w*)[ \t]*=[ \t]*((?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*))[ \t]*\(/;
/** QuerySet methods that keep the rows a queryset of the same model (no custom manager/queryset method). */
const STANDARD = new Set(['all', 'filter', 'exclude', 'order_by', 'select_related', 'prefetch_related', 'distinct', 'annotate', 'alias', 'only', 'defer', 'using', 'reverse']);
/** Mixins of django.contrib.auth that do not touch the queryset. */
const HARMLESS_BASES = /^(?:LoginRequiredMixin|PermissionRequiredMixin|UserPassesTestMixin|AccessMixin|ListView|View|object)$/;
const RENDERERS = new Set(['render', 'TemplateResponse', 'render_to_string', 'render_to_response', 'SimpleTemplateResponse']);
/** Python files larger than this are not read for facts. */
const MAX_PYTHON_CHARS = 2_000_000;

/** The facts of one Python file (`path` '/'-separated, relative to the workspace). */
export function pythonFacts(path: string, text: string, analyzed?: DocumentAnalysis): PythonFacts {
  try {
    if (text.length > MAX_PYTHON_CHARS || isTestOrMigration(path)) return EMPTY;
    // Only facts-relevant files are read: a model field, a render or a ListView needs one of these words.
    if (!/\b(?:models|Model|render\w*|TemplateResponse|ListView|Manager|ForeignKey|OneToOneField|ManyToManyField)\b/.test(text) && !text.includes('.htm')) return EMPTY;
    const analysis = analyzed?.text === text ? analyzed : analyzeDocument(text, path.endsWith('.py') ? path : 'python');
    if (analysis.kind !== 'python' || analysis.degraded || !analysis.context) return EMPTY;
    const code = new Code(analysis);
    const mentions = templateMentions(code);
    const models = readModels(code, path);
    const managers = readManagers(code);
    const renders = [...(mentions.size ? functionRenders(code, path) : []), ...(code.masked.includes('ListView') ? listViews(code, path) : [])];
    return { models, renders, mentions, managers };
  } catch {
    return EMPTY;
  }
}

function templateMentions(code: Code): Map<string, number> {
  const out = new Map<string, number>();
  if (!code.text.includes('.htm') && !code.text.includes('.txt')) return out;
  for (const m of code.text.matchAll(/(["'])([\w./-]+\.(?:html?|txt))\1/g)) out.set(m[2], (out.get(m[2]) ?? 0) + 1);
  return out;
}

/** Class bodies: relation fields and `objects`, for classes that declare fields or have bases. */
function readModels(code: Code, path: string): ModelFact[] {
  const out: ModelFact[] = [];
  for (const info of code.context.classes) {
    const fields = new Map<string, FieldFact>();
    let objects: string | null = null;
    let firstManager: string | null = null;
    for (const l of code.bodyStatements(info.line)) {
      const line = code.line(l);
      const om = /^[ \t]+(\w+)[ \t]*=[ \t]*([\w.]+)[ \t]*\(/.exec(line);
      // (django-taggit's TaggableManager is a field, not a model manager.)
      if (om && (om[1] === 'objects' || (/Manager$|\.as_manager$|\.from_queryset$/.test(om[2]) && !/TaggableManager$/.test(om[2])))) {
        const kind = /(?:^|\.)Manager$/.test(om[2]) || /\.as_manager$/.test(om[2]) ? 'plain' : om[2].split('.')[0];
        if (om[1] === 'objects') objects = kind;
        firstManager ??= kind;
        continue;
      }
      const m = FIELD_LINE.exec(line);
      if (!m) continue;
      const kind: RelKind | null = ONE.test(m[3]) ? 'one' : MANY.test(m[3]) ? 'many' : null;
      if (!kind) continue;
      const open = code.lineStarts[l] + m[0].length - 1;
      fields.set(m[1], { kind, field: m[3], ...fieldArgs(code, open, info.name) });
    }
    if (info.kind !== 'model' && !fields.size && objects === null) continue;
    out.push({ name: info.name, path, line: info.line, bases: info.bases.map(b => b.slice(b.lastIndexOf('.') + 1)), fields, objects, firstManager });
  }
  return out;
}

/** The target and related_name of a relation field whose `(` is at `open`. */
function fieldArgs(code: Code, open: number, self: string): { target: string | null; relatedName: string | null } {
  let target: string | null = null;
  let relatedName: string | null = null;
  const args = code.args(open);
  args.forEach(([s, e], i) => {
    const text = code.masked.slice(s, e);
    const kw = /^(\w+)\s*=\s*/.exec(text);
    const valueStart = kw ? s + kw[0].length : s;
    if (kw?.[1] === 'related_name') relatedName = code.stringValue(valueStart, e) ?? '+';
    else if ((i === 0 && !kw) || kw?.[1] === 'to') {
      const lit = code.stringValue(valueStart, e);
      const raw = lit ?? code.masked.slice(valueStart, e).trim();
      if (/^[\w.]+$/.test(raw) && !/^settings\./.test(raw)) target = raw.slice(raw.lastIndexOf('.') + 1);
      if (target === 'self') target = self;
    }
  });
  if (relatedName !== null && (/%\(|\+$/.test(relatedName) || !/^\w+$/.test(relatedName))) relatedName = '+';
  return { target, relatedName };
}

/** Manager classes of the file (bases end in Manager), and whether their bodies select or prefetch. */
function readManagers(code: Code): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const info of code.context.classes) {
    if (!info.bases.some(b => /Manager$|QuerySet$/.test(b))) continue;
    const body = code.masked.slice(code.lineStarts[info.line], code.lineEnds[code.blockEnd(info.line)]);
    out.set(info.name, /select_related|prefetch_related/.test(body));
  }
  return out;
}

/** `render(request, "t.html", ctx)` and friends in functions. */
function functionRenders(code: Code, path: string): RenderFact[] {
  const out: RenderFact[] = [];
  for (const m of code.matches(/\b(render|TemplateResponse|render_to_string|render_to_response|SimpleTemplateResponse)\s*\(/g)) {
    if (!RENDERERS.has(m[1])) continue;
    // `shortcuts.render(…)`, `loader.render_to_string(…)` are Django's; `self.render(…)` is something else.
    if (code.masked[m.index - 1] === '.' && !/^(?:django\.)?(?:shortcuts|template\.loader|loader|template\.response|response)$/.test(code.dottedBefore(m.index - 1))) continue;
    const open = m.index + m[0].length - 1;
    const args = code.args(open);
    const positional: [number, number][] = [];
    let template: [number, number] | null = null;
    let context: [number, number] | null = null;
    for (const [s, e] of args) {
      const kw = /^(\w+)\s*=(?!=)\s*/.exec(code.masked.slice(s, e));
      if (!kw) positional.push([s, e]);
      else if (kw[1] === 'template_name') template = [s + kw[0].length, e];
      else if (kw[1] === 'context') context = [s + kw[0].length, e];
    }
    const takesRequest = m[1] === 'render' || m[1] === 'TemplateResponse';
    const [ti, ci] = takesRequest ? [1, 2] : [0, 1];
    template ??= positional[ti] ?? null;
    context ??= positional[ci] ?? null;
    if (!template) continue;
    const name = code.stringValue(template[0], template[1]);
    if (!name) continue;
    const line = code.lineOf(m.index);
    out.push({ template: name, path, line, literal: true, context: context ? contextOf(code, m.index, context[0], context[1]) : new Map() });
  }
  return out;
}

/**
 * The context names of a dict literal, or of a name the function assigns one dict literal before the
 * call at `call` (and sets literal keys of); null when it cannot be read. Uses after the call do not
 * change what this call renders.
 */
function contextOf(code: Code, call: number, start: number, end: number): Map<string, QuerysetFact | 'other'> | null {
  const line = code.lineOf(call);
  const text = code.masked.slice(start, end).trim();
  if (text.startsWith('{')) return dictEntries(code, line, start + code.masked.slice(start, end).indexOf('{'));
  const nm = /^[A-Za-z_]\w*$/.exec(text);
  if (!nm) return null;
  const fn = code.enclosingDef(line);
  if (!fn) return null;
  const name = nm[0];
  let dict: Map<string, QuerysetFact | 'other'> | null = null;
  const from = code.lineStarts[fn.line + 1] ?? code.masked.length;
  const body = code.masked.slice(from, call);
  const mention = new RegExp(`(?<![\\w.])${name}\\b`, 'g');
  for (const mm of body.matchAll(mention)) {
    const at = from + mm.index!;
    const l = code.lineOf(at);
    const rest = code.masked.slice(at, code.statementEnd(at));
    if (code.firstCode(l) === at && code.startsStatement(l)) {
      const assign = new RegExp(`^${name}\\s*=(?!=)\\s*\\{`).exec(rest);
      if (assign && !dict) {
        dict = dictEntries(code, l, at + assign[0].length - 1);
        if (!dict) return null;
        continue;
      }
      const key = new RegExp(`^${name}\\s*\\[`).exec(rest);
      if (key && dict) {
        const bracket = at + key[0].length - 1;
        const close = code.closeParen(bracket);
        const keyName = close > 0 ? code.stringValue(bracket + 1, close) : null;
        const eq = close > 0 ? /^\s*=(?!=)\s*/.exec(code.masked.slice(close + 1)) : null;
        if (!keyName || !eq) return null;
        const valueStart = close + 1 + eq[0].length;
        setMerged(dict, keyName, valueOf(code, l, valueStart, code.statementEnd(valueStart)));
        continue;
      }
    }
    // Passed to another render before this one (`if invalid: return render(…, ctx)`): read, not changed.
    const open = code.enclosingBracket(at);
    if (open >= 0 && RENDERERS.has(code.dottedBefore(open).split('.').pop()!) && /^\s*[,)]/.test(code.masked.slice(at + name.length, at + name.length + 40))) continue;
    return null; // any other use before the call (update(), a helper, a second assignment…)
  }
  return dict;
}

/** A key set twice (in the literal and later, perhaps in a branch): both values may reach the template. */
function setMerged(dict: Map<string, QuerysetFact | 'other'>, key: string, value: QuerysetFact | 'other'): void {
  const old = dict.get(key);
  if (old === undefined) dict.set(key, value);
  else if (old === 'other' || value === 'other' || old.model !== value.model) dict.set(key, 'other');
  else {
    const merged: QuerysetFact = { ...old, fetched: new Set(old.fetched) };
    merge(merged, value);
    dict.set(key, merged);
  }
}

/** The entries of the dict literal whose `{` is at `open`; null with `**` or a key that is not a literal. */
function dictEntries(code: Code, line: number, open: number): Map<string, QuerysetFact | 'other'> | null {
  const out = new Map<string, QuerysetFact | 'other'>();
  for (const [s, e] of code.args(open)) {
    const entry = code.masked.slice(s, e);
    if (entry.startsWith('**')) return null;
    // The key: a literal up to the first top-level colon.
    const colon = topLevelColon(entry);
    if (colon < 0) return null;
    const key = code.stringValue(s, s + colon);
    if (key === null) return null;
    let vs = s + colon + 1;
    while (vs < e && /\s/.test(code.masked[vs])) vs++;
    out.set(key, valueOf(code, line, vs, e));
  }
  return out;
}

function topLevelColon(entry: string): number {
  let depth = 0;
  for (let i = 0; i < entry.length; i++) {
    const c = entry[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ':' && depth === 0) return i;
  }
  return -1;
}

/** A context value: a fresh queryset (inline, or a name the function assigns only from such chains), or 'other'. */
function valueOf(code: Code, line: number, start: number, end: number): QuerysetFact | 'other' {
  const text = code.masked.slice(start, end).trim();
  const inline = chainFact(code, start, end);
  if (inline) return inline;
  const nm = /^[A-Za-z_]\w*$/.exec(text);
  if (!nm) return 'other';
  const fn = code.enclosingDef(line);
  if (!fn) return 'other';
  const name = nm[0];
  const from = code.lineStarts[fn.line + 1] ?? code.masked.length;
  const body = code.masked.slice(from, code.lineEnds[code.blockEnd(fn.line)]);
  let fact: QuerysetFact | null = null;
  const assign = new RegExp(`(?:^|\\n)([ \\t]*)${name}[ \\t]*(?::[^=\\n]*)?=(?!=)[ \\t]*`, 'g');
  const rebind = new RegExp(`(?:^|\\n)[ \\t]*(?:${name}[ \\t]*(?:[-+*/|&]=|\\[)|(?:async\\s+)?for\\s[^\\n]*\\b${name}\\b[^\\n]*\\sin\\s|with\\s[^\\n]*\\bas\\s+${name}\\b)|\\b${name}\\s*:=`);
  if (rebind.test(body)) return 'other';
  for (const a of body.matchAll(assign)) {
    const s = from + a.index! + a[0].length;
    const e = code.statementEnd(s);
    const own = chainFact(code, s, e);
    if (own) {
      if (fact && fact.model !== own.model) return 'other';
      if (!fact) fact = own;
      else merge(fact, own);
      continue;
    }
    // `qs = qs.filter(…)`: the same rows, narrowed.
    const again = new RegExp(`^${name}(?=\\s*\\.)`).exec(code.masked.slice(s, e));
    if (!again) return 'other';
    const more = chainFact(code, s + again[0].length, e, true);
    if (!more) return 'other';
    if (fact) merge(fact, more);
    else fact = more;
  }
  if (!fact || !fact.model) return 'other';
  // prefetch_related_objects() may fill the rows' caches; a loop over the rows in the view that reads a
  // relation fetches it there (the template then reads the cached object): neither is the template's N+1.
  if (/\bprefetch_related_objects\s*\(/.test(body)) fact.opaque = true;
  for (const loop of body.matchAll(new RegExp(`\\bfor\\s+([A-Za-z_]\\w*)\\s+in\\s+${name}\\b`, 'g'))) {
    for (const read of body.matchAll(new RegExp(`(?<![\\w.])${loop[1]}\\.([A-Za-z_]\\w*)`, 'g'))) (fact.touched ??= new Set()).add(read[1]);
  }
  return fact;
}

function merge(into: QuerysetFact, from: QuerysetFact): void {
  for (const f of from.fetched) into.fetched.add(f);
  into.allOne ||= from.allOne;
  into.opaque ||= from.opaque;
}

/**
 * `<Model>.objects<standard calls and subscripts>` at [start, end), or (`tail`) just the calls and
 * subscripts; null for anything else (a custom manager method, `.get()`, a list).
 */
function chainFact(code: Code, start: number, end: number, tail = false): QuerysetFact | null {
  const text = code.masked.slice(start, end);
  const lead = /^\s*/.exec(text)![0].length;
  let i = start + lead;
  let model = '';
  if (!tail) {
    const head = /^(?:[A-Za-z_]\w*\.)*?([A-Z]\w*)\.objects\b/.exec(code.masked.slice(i, end));
    if (!head) return null;
    model = head[1];
    i += head[0].length;
  }
  const fact: QuerysetFact = { model, fetched: new Set(), allOne: false, opaque: false, text: code.text.slice(start + lead, end).split('\n')[0].trim(), line: code.lineOf(start + lead) };
  let calls = 0;
  while (i < end) {
    const rest = code.masked.slice(i, end);
    if (/^\s*$/.test(rest)) break;
    const call = /^\s*\.\s*(\w+)\s*\(/.exec(rest);
    const sub = /^\s*\[/.exec(rest);
    if (call) {
      if (call[1] === 'values' || call[1] === 'values_list') fact.opaque = true;
      else if (!STANDARD.has(call[1])) return null;
      const open = i + call[0].length - 1;
      const close = code.closeParen(open);
      if (close < 0) return null;
      if (call[1] === 'select_related' || call[1] === 'prefetch_related') fetchedBy(code, open, call[1], fact);
      i = close + 1;
      calls++;
    } else if (sub) {
      const close = code.closeParen(i + sub[0].length - 1);
      if (close < 0) return null;
      i = close + 1;
    } else return null;
  }
  // `Model.objects` alone is a manager, which a template cannot loop over (`.all` in the template is another matter).
  if (!tail && calls === 0) return null;
  return fact;
}

function fetchedBy(code: Code, open: number, method: string, fact: QuerysetFact): void {
  const args = code.args(open);
  if (!args.length && method === 'select_related') fact.allOne = true;
  for (const [s, e] of args) {
    const text = code.masked.slice(s, e);
    const prefetch = /^(?:[\w.]*\.)?Prefetch\s*\(/.exec(text);
    const lit = prefetch ? code.args(s + prefetch[0].length - 1)[0] : [s, e];
    const value = lit ? code.stringValue(lit[0], lit[1]) : null;
    if (value === null) fact.opaque = true;
    else fact.fetched.add(value.split('__')[0]);
  }
}

/** ListView subclasses: `model`/`queryset`, `template_name`, `context_object_name`; opaque with get_queryset/get_context_data or unknown bases. */
function listViews(code: Code, path: string): RenderFact[] {
  const out: RenderFact[] = [];
  for (const info of code.context.classes) {
    const bases = info.bases.map(b => b.slice(b.lastIndexOf('.') + 1));
    if (!bases.includes('ListView')) continue;
    let model: string | null = null, queryset: QuerysetFact | 'other' | null = null, template: string | null = null, objectName: string | null = null;
    let opaque = !bases.every(b => HARMLESS_BASES.test(b));
    let templateLine = info.line;
    for (const l of code.bodyStatements(info.line)) {
      const s = code.firstCode(l);
      const text = code.masked.slice(s, code.lineEnds[l]);
      const a = /^(\w+)\s*=(?!=)\s*/.exec(text);
      if (/^(?:async\s+)?def\s+(?:get_queryset|get_context_data|get_template_names|get_context_object_name|get_paginate_by|paginate_queryset)\b/.test(text)) opaque = true;
      if (!a) continue;
      const vs = s + a[0].length, ve = code.statementEnd(vs);
      if (a[1] === 'model') model = /^(?:\w+\.)*([A-Z]\w*)\s*$/.exec(code.masked.slice(vs, ve))?.[1] ?? null;
      else if (a[1] === 'queryset') queryset = chainFact(code, vs, ve) ?? 'other';
      else if (a[1] === 'template_name') {
        template = code.stringValue(vs, ve);
        templateLine = l;
        if (template === null) opaque = true;
      } else if (a[1] === 'context_object_name') {
        objectName = code.stringValue(vs, ve);
        if (objectName === null) opaque = true;
      }
    }
    const qs: QuerysetFact | 'other' | null = queryset ?? (model ? { model, fetched: new Set(), allOne: false, opaque: false, defaultManager: true, text: `${model}._default_manager.all()`, line: info.line } : null);
    const modelName = qs && qs !== 'other' ? qs.model : model;
    // Without template_name Django renders `<app_label>/<model>_list.html`; the app label is the model's app folder, known only later.
    const name = template ?? (modelName ? `*/${modelName.toLowerCase()}_list.html` : null);
    if (!name) continue;
    const context = new Map<string, QuerysetFact | 'other'>();
    const value = qs ?? 'other';
    context.set('object_list', value);
    if (modelName) context.set(`${modelName.toLowerCase()}_list`, value);
    if (objectName) context.set(objectName, value);
    out.push({ template: name, path, line: templateLine, literal: template !== null, context: opaque ? null : context });
  }
  return out;
}
