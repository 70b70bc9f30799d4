// DJC012 — N+1 queries in a template's `{% for %}` loop (the template sibling of DJC001).
//
// What it finds: inside `{% for x in <name> %}` (or `<name>.all`), a read of `x.<fk>.<attr>` where
// `<fk>` is a ForeignKey/OneToOneField of the loop's model (or a reverse one-to-one), or of
// `x.<manager>.all`/`.count`/`.exists` where `<manager>` is a many-to-many or reverse ForeignKey
// manager of that model, when every view of the workspace that renders the template and fills
// `<name>` fills it with a fresh queryset of one model (`<Model>.objects` and standard queryset
// methods) that has no `select_related`/`prefetch_related` naming that relation.
// Model relations come from every Python file of the workspace (and the abstract bases named there).
// Silent when a link cannot be proved: the template is named in Python somewhere this index cannot read
// (a helper, `get_template_names`, a TemplateView), two template files share the name, a view's
// context is built some other way (`**`, `update()`, a helper, `locals()`), a ListView overrides
// get_queryset/get_context_data or has a base of its own, any view selects or prefetches the relation
// (or passes a non-literal argument, or `values()`, or calls `prefetch_related_objects`), a view reads the
// relation itself in a loop over the rows (fetched there), `<name>` is not a queryset in some view, the
// template binds `<name>` itself (`{% with %}`, `as`, a loop variable), the loop rebinds its variable,
// the model's name is declared twice with different relations, the model's `objects` is a custom
// manager that selects or prefetches (or one the workspace does not declare), a custom manager or
// queryset method, `page_obj` and other names no view fills, `{% include %}`d templates (the loop
// is found in the template that holds it only).
// Facts checked against the Django 5.2 docs: ref/models/querysets (select_related follows ForeignKey and
// OneToOneField relations, and the reverse of a OneToOneField, in the same query; prefetch_related does a
// separate lookup per relation for many-to-many and reverse ForeignKey relations and joins in Python;
// select_related() without fields follows the non-null foreign keys; values() returns dictionaries),
// topics/db/optimization (a query executed in a loop can end up as many queries where one would do;
// "Retrieve everything at once if you know you will need it"; a related manager's all() queries each time
// it is called, and templates call callables without parentheses, which hides it), ref/templates/language
// (a dot tries a dictionary key, an attribute, a list index, and calls a callable result with no
// arguments, so `x.items.all` runs all()), ref/class-based-views/mixins-multiple-object (`model = Foo`
// means `Foo`'s default manager's all(); the context holds object_list and `<model_name>_list` or
// context_object_name; the default template is `<app_label>/<model_name>_list.html`), topics/templates
// (names are looked up in DIRS and, with APP_DIRS, each app's templates/ folder, the first found wins).
import type { DocumentAnalysis } from '../detect/analysis';
import { lineOfOffset } from '../detect/context';
import { MAX_TEMPLATE_CHARS, readTemplate, type TemplateLoop } from './templateLoops';
import type { InsightDef, InsightFinding, InsightRange } from './types';
import { pythonFacts, type FieldFact, type ModelFact, type PythonFacts, type QuerysetFact, type RelKind, type RenderFact } from './viewTemplates';

export const templateN1Def: InsightDef = {
  id: 'DJC012',
  title: 'N+1 query in a template loop',
  topic: 'query-optimization',
  finds: 'A related object or manager read for every row of a `{% for %}` loop over a queryset a view passes without `select_related`/`prefetch_related` for it.',
  problem: 'The view runs one query for the rows; then the template, while it renders each row, runs one more query for the related object or manager: 1 + N queries, hidden in the HTML where the view\'s code does not show them.',
  fix: 'Fetch the relation in the view that builds the queryset: `select_related("<fk>")` for a ForeignKey or OneToOneField, `prefetch_related("<name>")` for a many-to-many or reverse relation; the template stays as it is.',
  interviewQuestion: 'This template loops over the orders the view passes. How many queries does the page run for 50 orders, and where would you fix it: in the template or in the view?',
  questionIds: ['django-core-algorithms-system-design-coding#0653d199', 'django-core-algorithms-system-design-coding#51f2b2aa', 'django-interview-answers-parts-7-16#9d79ddc2'],
  djangoVersion: '5.2',
};

/** Django's relation kinds of one model: forward fields, and reverse ones declared on other models. */
interface Relation {
  kind: RelKind;
  /** 'forward' (a field of the model) or 'reverse' (declared on another model). */
  via: 'forward' | 'reverse';
}

const MANAGER_READS = new Set(['all', 'count', 'exists']);

/** The workspace index: each Python file's facts; template paths (to tell when two share a name). */
export class TemplateFacts {
  private readonly python = new Map<string, PythonFacts>();
  private readonly templates = new Set<string>();
  private derived: { models: Map<string, ModelFact[]>; managers: Map<string, boolean[]>; renders: Map<string, RenderFact[]>; mentions: Map<string, number>; templatesByName: Map<string, string[]> } | null = null;
  private readonly relationCache = new Map<string, Map<string, Relation> | null>();

  /** A Python file changed (or was found): its models and renders replace what it gave before. `path` '/'-separated; `analysis` of this text, when the caller has one, is reused. */
  setPython(path: string, text: string, analysis?: DocumentAnalysis): void {
    this.python.set(path, pythonFacts(path, text, analysis));
    this.invalidate();
  }

  /** A file (Python or template) is gone. */
  remove(path: string): void {
    if (this.python.delete(path) || this.templates.delete(path)) this.invalidate();
  }

  /** A template file exists at `path` (two files with one template name make the name ambiguous). */
  addTemplate(path: string): void {
    if (!this.templates.has(path)) {
      this.templates.add(path);
      this.invalidate();
    }
  }

  get pythonFiles(): number {
    return this.python.size;
  }

  private invalidate(): void {
    this.derived = null;
    this.relationCache.clear();
  }

  private index() {
    if (this.derived) return this.derived;
    const models = new Map<string, ModelFact[]>();
    const managers = new Map<string, boolean[]>();
    const renders = new Map<string, RenderFact[]>();
    const mentions = new Map<string, number>();
    for (const facts of this.python.values()) {
      for (const m of facts.models) push(models, m.name, m);
      for (const [name, selects] of facts.managers) push(managers, name, selects);
      for (const r of facts.renders) push(renders, r.template, r);
      for (const [name, n] of facts.mentions) mentions.set(name, (mentions.get(name) ?? 0) + n);
    }
    // The template files by each name they go by (a template per question, not a walk over all of them).
    const templatesByName = new Map<string, string[]>();
    for (const path of this.templates) for (const name of templateNames(path)) push(templatesByName, name, path);
    return (this.derived = { models, managers, renders, mentions, templatesByName });
  }

  /** The DJC012 findings of one template document (`templatePath` '/'-separated). Never throws. */
  findings(templatePath: string, analysis: DocumentAnalysis): InsightFinding[] {
    try {
      if (!analysis || analysis.kind !== 'template' || analysis.degraded || analysis.masked.length > MAX_TEMPLATE_CHARS) return [];
      if (!this.python.size || !analysis.masked.includes('{%')) return [];
      const names = templateNames(templatePath);
      if (!names.length) return [];
      const renders = this.rendersOf(templatePath, names);
      if (!renders) return [];
      // Only a loop over a name a view fills with a readable queryset can be a finding: a template that
      // does not even mention one of those names is not parsed.
      const querysetNames = new Set<string>();
      for (const r of renders) for (const [key, v] of r.context!) if (v !== 'other' && !v.opaque) querysetNames.add(key);
      if (![...querysetNames].some(key => analysis.masked.includes(key))) return [];
      const shape = readTemplate(analysis.masked);
      const out: InsightFinding[] = [];
      for (const loop of shape.loops) {
        if (!loop.reads.length || shape.bound.has(loop.iterable)) continue;
        out.push(...this.loopFindings(analysis, loop, renders));
      }
      return out.sort((a, b) => a.range.line - b.range.line || a.range.start - b.range.start);
    } catch {
      return [];
    }
  }

  /** The renders of the template, or null when any mention of its name cannot be read or another file has its name. */
  private rendersOf(templatePath: string, names: string[]): RenderFact[] | null {
    const { renders, mentions, templatesByName } = this.index();
    for (const name of names) {
      if ((templatesByName.get(name) ?? []).some(other => other !== templatePath)) return null;
    }
    const out: RenderFact[] = [];
    for (const name of names) {
      const list = renders.get(name) ?? [];
      // Every literal mention of the name must be a render read here.
      if ((mentions.get(name) ?? 0) !== list.filter(r => r.literal).length) return null;
      out.push(...list);
      // A ListView without template_name renders `<app_label>/<model>_list.html`.
      const dm = /^([\w-]+)\/(\w+)_list\.html$/.exec(name);
      if (dm) for (const r of renders.get(`*/${dm[2]}_list.html`) ?? []) if (this.appLabelOf(r) === dm[1]) out.push(r);
    }
    if (!out.length || out.some(r => !r.context)) return null;
    return out;
  }

  /** The app folder of a default-template ListView's model (the folder holding its models.py or models/ package), or null. */
  private appLabelOf(r: RenderFact): string | null {
    const value = r.context?.get('object_list');
    if (!value || value === 'other') return null;
    const defs = this.index().models.get(value.model) ?? [];
    if (defs.length !== 1) return null;
    const m = /(?:^|\/)([\w-]+)\/models(?:\.py|\/[\w]+\.py)$/.exec(defs[0].path);
    return m ? m[1] : null;
  }

  private loopFindings(analysis: DocumentAnalysis, loop: TemplateLoop, renders: RenderFact[]): InsightFinding[] {
    const values: { qs: QuerysetFact; render: RenderFact }[] = [];
    for (const r of renders) {
      const v = r.context!.get(loop.iterable);
      if (v === undefined) continue; // this view does not fill the name: the loop is empty there
      if (v === 'other' || v.opaque) return [];
      values.push({ qs: v, render: r });
    }
    if (!values.length) return [];
    const model = values[0].qs.model;
    if (values.some(v => v.qs.model !== model) || values.some(v => !this.plainManager(model, !!v.qs.defaultManager))) return [];
    const relations = this.relations(model);
    if (!relations) return [];
    const out: InsightFinding[] = [];
    const reported = new Set<string>();
    for (const read of loop.reads) {
      if (reported.has(read.rel)) continue;
      const rel = relations.get(read.rel);
      if (!rel) continue;
      const managerRead = rel.kind === 'many' && MANAGER_READS.has(read.attr);
      if (rel.kind === 'many' && !managerRead) continue;
      if (values.some(v => v.qs.fetched.has(read.rel) || v.qs.touched?.has(read.rel) || (rel.kind === 'one' && v.qs.allOne))) continue;
      reported.add(read.rel);
      const method = rel.kind === 'one' ? 'select_related' : 'prefetch_related';
      const first = values[0];
      const what = rel.kind === 'one' ? `\`${loop.variable}.${read.rel}\`` : `\`${loop.variable}.${read.rel}.${read.attr}\``;
      const where = values.length === 1 ? `${first.render.path}:${first.qs.line + 1}` : `${first.render.path}:${first.qs.line + 1} and ${values.length - 1} more view${values.length > 2 ? 's' : ''}`;
      out.push({
        insightId: 'DJC012',
        range: rangeOf(analysis, read.start, managerRead ? read.attrEnd : read.relEnd),
        message: `${what} runs a query for every row of the loop over \`${loop.iterable}\` (line ${lineOfOffset(analysis.lineStarts, loop.tagStart) + 1}): the view fills \`${loop.iterable}\` with \`${clip(first.qs.text)}\` (${where}), which has no ${method}("${read.rel}"): 1 + N queries.`,
        related: [{ range: rangeOf(analysis, loop.tagStart, loop.tagEnd), message: `the loop over \`${loop.iterable}\`` }],
      });
    }
    return out;
  }

  /** Whether `Model.objects` (or its default manager) is Django's plain manager, or a declared one that neither selects nor prefetches. */
  private plainManager(model: string, defaultManager: boolean): boolean {
    const { models, managers } = this.index();
    const defs = models.get(model) ?? [];
    if (!defs.length) return false;
    for (const def of defs) {
      const objects = this.objectsOf(def, 0, defaultManager);
      if (objects === undefined || objects === null || objects === 'plain') continue;
      const known = managers.get(objects);
      if (!known || known.some(Boolean)) return false;
    }
    return true;
  }

  /** `objects` (or the first manager) of the class or its workspace bases: 'plain', a manager class name, null (none declared), undefined (unknown). */
  private objectsOf(def: ModelFact, depth: number, defaultManager = false): string | null | undefined {
    const own = defaultManager ? def.firstManager : def.objects;
    if (own) return own;
    if (depth > 4) return undefined;
    for (const base of def.bases) {
      const defs = this.index().models.get(base) ?? [];
      if (defs.length > 1) return undefined;
      if (defs.length === 1) {
        const o = this.objectsOf(defs[0], depth + 1, defaultManager);
        if (o !== null) return o;
      }
    }
    return null;
  }

  /** The model's relations by accessor name; null when its name is declared twice with different relations. */
  private relations(model: string): Map<string, Relation> | null {
    if (this.relationCache.has(model)) return this.relationCache.get(model)!;
    const { models } = this.index();
    const defs = models.get(model) ?? [];
    let out: Map<string, Relation> | null = null;
    for (const def of defs) {
      const own = new Map<string, Relation>();
      for (const [name, f] of this.fieldsOf(def, 0)) own.set(name, { kind: f.kind, via: 'forward' });
      if (out && !sameRelations(out, own)) {
        out = null;
        break;
      }
      out = own;
    }
    if (out) {
      // Reverse accessors: fields elsewhere whose target is this model.
      for (const [otherName, others] of models) {
        for (const other of others) {
          for (const [, f] of this.fieldsOf(other, 0)) {
            if (f.target !== model || f.relatedName === '+') continue;
            const oneToOne = /OneToOne/.test(f.field);
            const accessor = f.relatedName ?? (oneToOne ? otherName.toLowerCase() : `${otherName.toLowerCase()}_set`);
            if (!out.has(accessor)) out.set(accessor, { kind: oneToOne ? 'one' : 'many', via: 'reverse' });
          }
        }
      }
    }
    this.relationCache.set(model, out);
    return out;
  }

  /** The class's relation fields with those of its workspace bases (a base declared twice is not followed). */
  private fieldsOf(def: ModelFact, depth: number): Map<string, FieldFact> {
    const out = new Map<string, FieldFact>();
    if (depth < 5) {
      for (const base of def.bases) {
        const defs = this.index().models.get(base) ?? [];
        if (defs.length === 1 && defs[0] !== def) for (const [n, f] of this.fieldsOf(defs[0], depth + 1)) out.set(n, f);
      }
    }
    for (const [n, f] of def.fields) out.set(n, { ...f, target: f.target ?? null });
    return out;
  }
}

function sameRelations(a: Map<string, Relation>, b: Map<string, Relation>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k)?.kind !== v.kind) return false;
  return true;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The names Django could load a template file by: the path after each `templates/` folder. */
export function templateNames(path: string): string[] {
  const parts = path.replace(/\\/g, '/').split('/');
  const out: string[] = [];
  for (let i = 0; i < parts.length - 1; i++) if (parts[i] === 'templates') out.push(parts.slice(i + 1).join('/'));
  return out;
}

function rangeOf(analysis: DocumentAnalysis, start: number, end: number): InsightRange {
  const line = lineOfOffset(analysis.lineStarts, start), endLine = lineOfOffset(analysis.lineStarts, end, line);
  return { line, start: start - analysis.lineStarts[line], endLine, end: end - analysis.lineStarts[endLine] };
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
