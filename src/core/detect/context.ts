// File-level context of a Python module, read once per document version from its masked text:
// what each imported name stands for, which names the file binds itself, its classes and what
// they derive from, variables holding Signal/Library/Celery instances, Celery tasks it defines.
// Detection of a single line consults this instead of re-reading the file.
import { INSTANCE_CLASSES, normalizeQualified, SETTINGS, SHORT_FORMS, TARGETS } from './triggers';

/** What kind of Django class a class is, from its bases. */
export type ClassKind = 'model' | 'form' | 'serializer' | 'django';

export interface ClassInfo {
  line: number;
  indent: number;
  name: string;
  bases: string[];
  kind: ClassKind | null;
}

interface Shadow {
  /** Line of the assignment (or of the `def` for a parameter). */
  line: number;
  /** The scope it happens in (see enclosingScope); -1 at module level. */
  scope: number;
}

export interface PythonContext {
  /** Local name → qualified name (`tx` → `django.db.transaction`, `post_save` → `django.db.models.signals.post_save`). */
  imports: Map<string, string>;
  /** Modules imported with `*`. */
  stars: string[];
  /** Names the file binds itself (assignments, definitions, parameters, loop variables). */
  bound: Set<string>;
  /** Variables holding instances of classes rules follow (`order_paid` → `django.dispatch.Signal`). */
  instances: Map<string, string>;
  classes: ClassInfo[];
  /** `def`/`class` lines with their indentation, in order, for scope lookups. */
  scopes: { line: number; indent: number; isDef: boolean }[];
  /** Imported names the file also rebinds: where (for `transaction = gateway.begin()` inside a function). */
  shadows: Map<string, Shadow[]>;
  /** Functions decorated as Celery tasks in this file. */
  celeryTasks: Set<string>;
  /** 1 where the line belongs to an import statement. */
  importLines: Uint8Array;
  /** Imported names whose local name is not the Django name (`gettext_lazy as _`): local name → qualified. */
  aliases: Map<string, string>;
  django: boolean;
  celery: boolean;
  /** Looks like a settings module: several known settings assigned at module level. */
  settingsLike: boolean;
  /** A cheap fingerprint of everything above except line numbers (for incremental re-detection). */
  signature: string;
}

const MAX_STATEMENT = 4000;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0c;
}

/** Indentation width of a line, tabs to the next multiple of 8 as Python counts them. */
export function indentWidth(text: string, start: number, end: number): number {
  let w = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) w++;
    else if (c === 0x09) w = (w + 8) & ~7;
    else if (c === 0x0c) w = 0;
    else break;
  }
  return w;
}

/** Index of the `)` matching the `(` at `open`, or -1 (gives up after MAX_STATEMENT characters). */
function matchParen(text: string, open: number): number {
  let depth = 0;
  const limit = Math.min(text.length, open + MAX_STATEMENT);
  for (let i = open; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x29 || c === 0x5d || c === 0x7d) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Splits at top-level commas. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x29 || c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c && depth === 0) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out;
}

const IDENT = /^[A-Za-z_]\w*/;
const DOTTED = /^[A-Za-z_][\w.]*/;

/** Parameter names of a parameter list (`self, request, *args, cache=None, **kw`). */
export function parameterNames(params: string): string[] {
  const names: string[] = [];
  for (const raw of splitTopLevel(params)) {
    const m = IDENT.exec(raw.trim().replace(/^\*{1,2}\s*/, ''));
    if (m) names.push(m[0]);
  }
  return names;
}

/** Statement text from `start` to the end of its logical line (following brackets and backslashes). */
function logicalLineEnd(text: string, start: number): number {
  let depth = 0;
  const n = Math.min(text.length, start + MAX_STATEMENT);
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x29 || c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
    else if (c === 0x5c && (text.charCodeAt(i + 1) === 0x0a || text.charCodeAt(i + 1) === 0x0d)) i++;
    else if ((c === 0x0a || c === 0x0d) && depth === 0) return i;
  }
  return n;
}

export function lineOfOffset(lineStarts: ArrayLike<number>, offset: number, hint = 0): number {
  let lo = hint, hi = lineStarts.length - 1;
  if (lo > hi || lineStarts[lo] > offset) lo = 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const FROM_IMPORT = /from(?:[ \t]|\\\r?\n)+(\.*[\w.]*)(?:[ \t]|\\\r?\n)+import\b/y;
const IMPORT = /import[ \t]+/y;
const CLASS = /class[ \t]+([A-Za-z_]\w*)[ \t]*(\()?/y;
const DEF = /(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)[ \t]*\(/y;
const DECORATOR = /@[ \t]*([A-Za-z_][\w.]*)/y;
const ASSIGN = /([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)[ \t]*,?[ \t]*(?::[^=\r\n]*)?(?:[-+*/%|&^@]|\/\/|\*\*|<<|>>)?=(?!=)/y;
const INSTANCE = /([A-Za-z_]\w*)[ \t]*=[ \t]*([A-Za-z_][\w.]*)[ \t]*\(/y;
const FOR = /(?:async[ \t]+)?for[ \t]+([\w, \t()]+?)[ \t]+in\b/y;
const AS = /\bas[ \t]+([A-Za-z_]\w*)/g;

const DJANGO_ROOTS = /^(django\w*|rest_framework\w*|channels|asgiref|graphene_django|corsheaders|debug_toolbar)(\.|$)/;

export function readPythonContext(masked: string, lineStarts: ArrayLike<number>, lineEnds: ArrayLike<number>): PythonContext {
  const lineCount = lineStarts.length;
  const imports = new Map<string, string>();
  const stars: string[] = [];
  const bound = new Set<string>();
  const classes: ClassInfo[] = [];
  const scopes: PythonContext['scopes'] = [];
  const importLines = new Uint8Array(lineCount);
  /** Assignments (scope computed later) and parameters (scope: their own `def` line). */
  const assignments: { name: string; line: number; indent: number; scope?: number }[] = [];
  const instanceCandidates: { name: string; chain: string }[] = [];
  const decorated: { decorator: string; fn: string }[] = [];
  let pendingDecorators: string[] = [];
  let settingsAssignments = 0;
  let django = false;
  let celery = false;

  const bindImport = (local: string, qualified: string) => {
    imports.set(local, qualified);
    if (DJANGO_ROOTS.test(qualified)) django = true;
    if (/^celery(\.|$)/.test(qualified)) celery = true;
  };
  const markLines = (line: number, to: number) => {
    let l = line;
    while (l < lineCount && lineStarts[l] <= to) importLines[l++] = 1;
  };

  for (let line = 0; line < lineCount; line++) {
    if (importLines[line]) continue; // continuation of an import statement read already
    const ls = lineStarts[line];
    const le = lineEnds[line];
    let j = ls;
    while (j < le && isSpace(masked.charCodeAt(j))) j++;
    if (j >= le) continue;
    const c = masked.charCodeAt(j);
    const indent = indentWidth(masked, ls, le);

    if (c === 0x40 /* @ */) {
      DECORATOR.lastIndex = j;
      const m = DECORATOR.exec(masked);
      if (m) pendingDecorators.push(m[1]);
      continue;
    }

    if (c === 0x66 /* f */) {
      FROM_IMPORT.lastIndex = j;
      const m = FROM_IMPORT.exec(masked);
      if (m) {
        const module = m[1];
        let start = FROM_IMPORT.lastIndex;
        while (start < masked.length && isSpace(masked.charCodeAt(start))) start++;
        let end: number;
        let names: string;
        if (masked.charCodeAt(start) === 0x28) {
          const close = matchParen(masked, start);
          end = close < 0 ? logicalLineEnd(masked, start) : close + 1;
          names = masked.slice(start + 1, close < 0 ? end : close);
        } else {
          end = logicalLineEnd(masked, start);
          names = masked.slice(start, end);
        }
        markLines(line, end);
        if (module !== '__future__') {
          for (const part of names.replace(/\\\r?\n/g, ' ').split(',')) {
            const item = part.trim();
            if (!item) continue;
            if (item === '*') {
              stars.push(module);
              if (DJANGO_ROOTS.test(module)) django = true;
              continue;
            }
            const am = /^([A-Za-z_]\w*)(?:\s+as\s+([A-Za-z_]\w*))?$/.exec(item);
            if (!am) continue;
            const qualified = module.endsWith('.') ? module + am[1] : `${module}.${am[1]}`;
            bindImport(am[2] ?? am[1], qualified);
          }
        }
        pendingDecorators = [];
        continue;
      }
    }

    if (c === 0x69 /* i */) {
      IMPORT.lastIndex = j;
      if (IMPORT.exec(masked)) {
        const end = logicalLineEnd(masked, IMPORT.lastIndex);
        markLines(line, end);
        for (const part of masked.slice(IMPORT.lastIndex, end).replace(/\\\r?\n/g, ' ').split(',')) {
          const am = /^([A-Za-z_][\w.]*)(?:\s+as\s+([A-Za-z_]\w*))?$/.exec(part.trim());
          if (!am) continue;
          if (am[2]) bindImport(am[2], am[1]);
          else {
            const root = am[1].split('.')[0];
            bindImport(root, root);
          }
        }
        pendingDecorators = [];
        continue;
      }
    }

    if (c === 0x63 /* c */) {
      CLASS.lastIndex = j;
      const m = CLASS.exec(masked);
      if (m) {
        let bases: string[] = [];
        if (m[2]) {
          const open = CLASS.lastIndex - 1;
          const close = matchParen(masked, open);
          const inner = masked.slice(open + 1, close < 0 ? le : close);
          bases = splitTopLevel(inner).map(b => b.trim()).filter(b => b && !b.includes('=')).map(b => DOTTED.exec(b)?.[0] ?? '').filter(Boolean);
        }
        classes.push({ line, indent, name: m[1], bases, kind: null });
        scopes.push({ line, indent, isDef: false });
        bound.add(m[1]);
        pendingDecorators = [];
        continue;
      }
    }

    if (c === 0x64 /* d */ || c === 0x61 /* a */) {
      DEF.lastIndex = j;
      const m = DEF.exec(masked);
      if (m) {
        bound.add(m[1]);
        scopes.push({ line, indent, isDef: true });
        const open = DEF.lastIndex - 1;
        const close = matchParen(masked, open);
        for (const p of parameterNames(masked.slice(open + 1, close < 0 ? le : close))) {
          bound.add(p);
          assignments.push({ name: p, line, indent: indent + 1, scope: line });
        }
        for (const d of pendingDecorators) decorated.push({ decorator: d, fn: m[1] });
        pendingDecorators = [];
        continue;
      }
    }
    pendingDecorators = [];

    if (c === 0x66 /* f */ || c === 0x61 /* a */) {
      FOR.lastIndex = j;
      const m = FOR.exec(masked);
      if (m) {
        for (const name of m[1].split(/[\s,()]+/)) if (name) bound.add(name);
        continue;
      }
    }
    if (c === 0x77 /* w */ || c === 0x65 /* e */ || c === 0x61 /* a */) {
      if (/^(?:async[ \t]+)?with\b|^except\b/.test(masked.slice(j, Math.min(le, j + 12)))) {
        AS.lastIndex = j;
        const end = logicalLineEnd(masked, j);
        for (let m = AS.exec(masked); m && m.index < end; m = AS.exec(masked)) bound.add(m[1]);
        continue;
      }
    }

    ASSIGN.lastIndex = j;
    const a = ASSIGN.exec(masked);
    if (a) {
      for (const name of a[1].split(',')) {
        const n = name.trim();
        if (!n) continue;
        bound.add(n);
        assignments.push({ name: n, line, indent });
        if (j === ls && SETTINGS.has(n)) settingsAssignments++;
      }
      INSTANCE.lastIndex = j;
      const inst = INSTANCE.exec(masked);
      if (inst) instanceCandidates.push({ name: inst[1], chain: inst[2] });
    }
  }

  const context: PythonContext = {
    imports, stars, bound, instances: new Map(), classes, scopes, shadows: new Map(), celeryTasks: new Set(), importLines,
    aliases: new Map(), django, celery, settingsLike: settingsAssignments >= 2, signature: '',
  };

  // Instances: `order_paid = Signal()`, `register = template.Library()`, `app = Celery('proj')`.
  for (const { name, chain } of instanceCandidates) {
    const resolved = resolveChain(context, chain.split('.'), -1);
    const cls = resolved.kind === 'qualified' ? INSTANCE_CLASSES.get(resolved.name) : resolved.kind === 'unbound' ? INSTANCE_CLASSES.get(SHORT_FORMS.get(chain)?.name ?? '') : undefined;
    if (cls) context.instances.set(name, cls);
  }
  // Imported names rebound by the file itself.
  for (const { name, line, indent, scope } of assignments) {
    if (!imports.has(name)) continue;
    const list = context.shadows.get(name) ?? [];
    list.push({ line, scope: scope ?? (indent === 0 ? -1 : enclosingScope(context, line, indent)) });
    context.shadows.set(name, list);
  }
  // Celery tasks defined here.
  for (const { decorator, fn } of decorated) {
    const r = resolveChain(context, decorator.split('.'), -1);
    const name = r.kind === 'qualified' ? r.name : r.kind === 'unbound' ? SHORT_FORMS.get(decorator)?.name : undefined;
    if (name === 'celery.shared_task' || name === 'celery.Celery().task') context.celeryTasks.add(fn);
  }
  // Class kinds, in file order so subclasses of local models are models too.
  const localKinds = new Map<string, ClassKind | null>();
  for (const cls of classes) {
    cls.kind = null;
    for (const base of cls.bases) {
      const kind = baseKind(context, base, localKinds);
      if (kind) {
        cls.kind = kind;
        break;
      }
    }
    localKinds.set(cls.name, cls.kind);
  }
  // Imports that rename a rule's own name (`gettext_lazy as _`) need their own trigger.
  for (const [local, qualified] of imports) {
    const name = normalizeQualified(qualified);
    if (TARGETS.has(name) && local !== name.slice(name.lastIndexOf('.') + 1)) context.aliases.set(local, name);
  }
  context.signature = [
    [...imports].sort().join(','), stars.join(','), [...bound].sort().join(','), [...context.instances].sort().join(','),
    classes.map(c => `${c.indent}:${c.name}:${c.kind}`).join(','), [...context.celeryTasks].sort().join(','),
    django, celery, context.settingsLike,
  ].join('|');
  return context;
}

function baseKind(context: PythonContext, base: string, localKinds: Map<string, ClassKind | null>): ClassKind | null {
  const segments = base.split('.');
  if (segments.length === 1 && localKinds.has(base) && !context.imports.has(base)) return localKinds.get(base) ?? null;
  const r = resolveChain(context, segments, -1);
  let name: string | undefined;
  if (r.kind === 'qualified') name = r.name;
  else if (r.kind === 'unbound') name = SHORT_FORMS.get(base)?.name;
  if (!name) return null;
  if (/^django\.db\.models\.Model$|^django\.contrib\.auth\.(models|base_user)\.(AbstractUser|AbstractBaseUser|PermissionsMixin|User)$/.test(name)) return 'model';
  if (/^(django\.forms|django\.contrib\.auth\.forms)\./.test(name)) return 'form';
  if (/^rest_framework\.serializers\./.test(name)) return 'serializer';
  if (/^(django|rest_framework|django_filters)\./.test(name)) return 'django';
  // Project code: a base imported from an app's models/forms/serializers module.
  const module = name.slice(0, name.lastIndexOf('.'));
  const last = module.slice(module.lastIndexOf('.') + 1);
  if (last === 'models') return 'model';
  if (last === 'forms') return 'form';
  if (last === 'serializers') return 'serializer';
  return null;
}

/**
 * The scope enclosing `line` (at `indent`): the `def` line of a function, `-2 - line` of a class
 * body, or -1 at module level.
 */
export function enclosingScope(context: PythonContext, line: number, indent: number): number {
  const scopes = context.scopes;
  let lo = 0, hi = scopes.length - 1, idx = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (scopes[mid].line < line) {
      idx = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = idx; i >= 0; i--) {
    const s = scopes[i];
    if (s.indent < indent) return s.isDef ? s.line : -2 - s.line;
  }
  return -1;
}

/** The class enclosing `line` (at `indent`): the nearest earlier class line indented less. */
export function enclosingClass(context: PythonContext, line: number, indent: number): ClassInfo | null {
  const classes = context.classes;
  let lo = 0, hi = classes.length - 1, idx = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (classes[mid].line < line) {
      idx = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = idx; i >= 0; i--) if (classes[i].indent < indent) return classes[i];
  return null;
}

export type Resolution =
  | { kind: 'qualified'; name: string }
  | { kind: 'local' }
  | { kind: 'unbound' };

/**
 * What a dotted chain (`tx.atomic`, `post_save`, `register.filter`) stands for in this file.
 * `line` (or -1) lets an imported name that the function rebinds count as local there.
 */
export function resolveChain(context: PythonContext, segments: readonly string[], line: number, indent = 0): Resolution {
  const root = segments[0];
  const rest = segments.length > 1 ? '.' + segments.slice(1).join('.') : '';
  let base = context.imports.get(root);
  if (base !== undefined) {
    if (line >= 0 && isShadowed(context, root, line, indent)) return { kind: 'local' };
    // `from proj.celery import app`, `from celery import current_app`: the project's Celery app.
    if (/(^|\.)celery\.\w+$/.test(base) && !/^celery\.(shared_task|Celery|schedules)$/.test(base)) base = 'celery.Celery()';
    return { kind: 'qualified', name: normalizeQualified(base + rest) };
  }
  const instance = context.instances.get(root);
  if (instance !== undefined) return { kind: 'qualified', name: `${instance}()${rest}` };
  if (context.bound.has(root)) return { kind: 'local' };
  for (const module of context.stars) {
    const name = normalizeQualified(`${module}.${segments.join('.')}`);
    if (TARGETS.has(name)) return { kind: 'qualified', name };
  }
  return { kind: 'unbound' };
}

function isShadowed(context: PythonContext, name: string, line: number, indent: number): boolean {
  const list = context.shadows.get(name);
  if (!list) return false;
  let scope: number | undefined;
  for (const s of list) {
    if (s.line > line) continue;
    if (s.scope === -1) {
      if (s.line < line) return true;
      continue;
    }
    scope ??= enclosingScope(context, line, indent);
    if (s.scope === scope) return true;
  }
  return false;
}
