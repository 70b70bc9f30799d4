// Detection in masked Python text. Every trigger-regex match is examined on its own line only, with
// the file's context (imports, bindings, classes) read beforehand — so one line is as cheap to
// examine for a hover as it is within a whole-file pass.
import * as contextModule from './context';
import type { ClassKind, PythonContext } from './context';
import type { DefLevel } from './rules';
import * as triggers from './triggers';

// Module bindings copied once: transpiled to CommonJS (tests, bench) every imported name is a getter
// call, which showed in profiles of this hot path.
const { enclosingClass, enclosingScope, indentWidth, isBound, parameterNames, resolveChain, targetRule } = contextModule;
const { SHORT_FORMS, SIGNAL_MODULES, STRING_KEYS, TARGETS, wordInfo } = triggers;

/** A hit in the coordinates of the text it was found in (absolute offsets). */
export interface Hit {
  start: number;
  end: number;
  ruleId: string;
}

/** What the detector needs besides the text: the file context. */
export interface PythonEnv {
  context: PythonContext;
}

const DOT = 0x2e;

function isIdentChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0c;
}

function nextNonSpace(t: string, i: number, le: number): number {
  while (i < le && isSpace(t.charCodeAt(i))) i++;
  return i;
}

function prevNonSpace(t: string, i: number, ls: number): number {
  i--;
  while (i >= ls && isSpace(t.charCodeAt(i))) i--;
  return i;
}

/** `=` (not `==`) or an augmented assignment (`+=`, `|=`) at `i`, after spaces. */
function assignmentAt(t: string, i: number, le: number): boolean {
  i = nextNonSpace(t, i, le);
  const c = t.charCodeAt(i);
  if (c === 0x3d) return t.charCodeAt(i + 1) !== 0x3d;
  return (c === 0x2b || c === 0x7c || c === 0x2d) && t.charCodeAt(i + 1) === 0x3d;
}

function callAt(t: string, i: number, le: number): boolean {
  return t.charCodeAt(nextNonSpace(t, i, le)) === 0x28;
}

/** After an annotation's colon: the type, then `=` (not `==`). */
const ANNOTATED_VALUE = /[^=]*=(?!=)/y;
/** Methods that change a setting's list or dictionary in place (`MIDDLEWARE.insert(0, …)`). */
const SETTING_MUTATORS = /\.[ \t]*(?:append|insert|extend|remove|update|setdefault)[ \t]*\(/y;

/**
 * What may follow a setting's name at the start of a module-level statement that sets or changes it:
 * `= …`, `+= …`, `: T = …`, `["key"]… = …`, or an in-place change (`.append(`, `["k"].update(`).
 */
function settingStatement(t: string, e: number, le: number): boolean {
  if (assignmentAt(t, e, le)) return true;
  let i = nextNonSpace(t, e, le);
  if (t.charCodeAt(i) === 0x3a /* : */) {
    ANNOTATED_VALUE.lastIndex = i + 1;
    return ANNOTATED_VALUE.test(t) && ANNOTATED_VALUE.lastIndex <= le;
  }
  // Subscripts (`LOGGING["handlers"]["mail"]`), each matched to its `]` on this line.
  while (t.charCodeAt(i) === 0x5b /* [ */) {
    let depth = 0;
    let k = i;
    for (; k < le; k++) {
      const c = t.charCodeAt(k);
      if (c === 0x5b || c === 0x28 || c === 0x7b) depth++;
      else if ((c === 0x5d || c === 0x29 || c === 0x7d) && --depth === 0) break;
    }
    if (k >= le) return false;
    if (assignmentAt(t, k + 1, le)) return true;
    i = nextNonSpace(t, k + 1, le);
  }
  SETTING_MUTATORS.lastIndex = i;
  return SETTING_MUTATORS.test(t) && SETTING_MUTATORS.lastIndex <= le;
}

/** `async_to_sync(layer.group_send)(…)`: a method handed to asgiref's bridge, then called. */
function bridgedCall(t: string, ls: number, le: number, p: number, e: number): boolean {
  const close = nextNonSpace(t, e, le);
  if (t.charCodeAt(close) !== 0x29 || !callAt(t, close + 1, le)) return false;
  const open = prevNonSpace(t, chainStart(t, p, ls).start, ls);
  if (open < ls || t.charCodeAt(open) !== 0x28) return false;
  const name = prevNonSpace(t, open, ls);
  return wordEndingAt(t, name, ls, 'async_to_sync') || wordEndingAt(t, name, ls, 'sync_to_async');
}

/** Whether the word before `start` (on the same line) is `keyword`; compared in place. */
function keywordBefore(t: string, start: number, ls: number, keyword: string): boolean {
  const k = prevNonSpace(t, start, ls);
  if (k < ls || k === start - 1) return false; // a keyword is followed by whitespace
  return wordEndingAt(t, k, ls, keyword);
}

/** keywordBefore for `def` or `class`, reading the word before `start` once. */
function defOrClassBefore(t: string, start: number, ls: number): boolean {
  const k = prevNonSpace(t, start, ls);
  if (k < ls || k === start - 1) return false;
  const c = t.charCodeAt(k);
  if (c === 0x66 /* f */) return wordEndingAt(t, k, ls, 'def');
  if (c === 0x73 /* s */) return wordEndingAt(t, k, ls, 'class');
  return false;
}

/** Whether `word` ends at `k` on the line starting at `ls`, not preceded by an identifier character. */
function wordEndingAt(t: string, k: number, ls: number, word: string): boolean {
  const from = k - word.length + 1;
  if (from < ls || (from > ls && isIdentChar(t.charCodeAt(from - 1)))) return false;
  for (let i = 0; i < word.length; i++) if (t.charCodeAt(from + i) !== word.charCodeAt(i)) return false;
  return true;
}

function lineHead(t: string, ls: number, le: number): number {
  return nextNonSpace(t, ls, le);
}

interface Chain {
  /** Start of the dotted name ending at the match. */
  start: number;
  /** The name's root is an expression (`foo().bar`, `"x".join`), not a name. */
  opaque: boolean;
}

/** Walks left from a match over `name.name.` to the start of the dotted name. */
function chainStart(t: string, p: number, ls: number): Chain {
  let s = p;
  while (s - 1 >= ls && t.charCodeAt(s - 1) === DOT) {
    let k = s - 2;
    if (k < ls || !isIdentChar(t.charCodeAt(k))) return { start: s, opaque: true };
    while (k - 1 >= ls && isIdentChar(t.charCodeAt(k - 1))) k--;
    const first = t.charCodeAt(k);
    if (first >= 0x30 && first <= 0x39) return { start: s, opaque: true };
    s = k;
  }
  return { start: s, opaque: false };
}

function isDecorator(t: string, start: number, ls: number): boolean {
  const k = prevNonSpace(t, start, ls);
  return k >= ls && t.charCodeAt(k) === 0x40 && prevNonSpace(t, k, ls) < ls;
}

/** A name in a binding position: the target of an assignment at the start of a statement, or a keyword argument's name. */
function isBindingPosition(t: string, start: number, e: number, ls: number, le: number): boolean {
  const after = nextNonSpace(t, e, le);
  if (t.charCodeAt(after) !== 0x3d || t.charCodeAt(after + 1) === 0x3d) return false;
  const before = prevNonSpace(t, start, ls);
  if (before < ls) return true;
  const c = t.charCodeAt(before);
  return c === 0x28 || c === 0x2c;
}

// Only unambiguous evidence: `.values(` or `.only(` earlier on the line prove nothing by themselves.
const QUERYSET_LINE = /\.objects\b|\w_set\.|\.(?:filter|exclude|order_by|annotate|select_related|prefetch_related)\(/;
const QUERYSET_NAME = /^(?:qs|queryset|\w+_qs|\w+_queryset|\w+_set)$/;

function querysetEvidence(t: string, ls: number, le: number, p: number, receiver: readonly string[], env: PythonEnv): boolean {
  if (receiver.length && QUERYSET_NAME.test(receiver[receiver.length - 1])) return true;
  if (receiver.includes('objects')) return true;
  if (QUERYSET_LINE.test(t.slice(ls, p))) return true;
  // A chained call continued on its own line (`    .values("id")`) in a Django module.
  return env.context.django && t.charCodeAt(lineHead(t, ls, le)) === DOT;
}

const ASYNC_DEF = /[ \t]+def[ \t]+[A-Za-z_]\w*/y;
const SETTING_ATTRIBUTE = /[A-Z][A-Z0-9_]*\b/y;

const META_RULES: Record<ClassKind, string | null> = { model: 'model-meta', form: 'form-class', serializer: 'drf-serializer', consumer: null, django: null };

export class PythonDetector {
  private getResponseMemo: boolean | undefined;

  constructor(private readonly env: PythonEnv) {}

  /** The file mentions `get_response` (middleware written without importing Django). */
  private mentionsGetResponse(): boolean {
    return (this.getResponseMemo ??= this.env.context.masked.includes('get_response'));
  }

  /** Examines the trigger word `word` at `p` on the line [ls, le) of `t` (masked text). */
  match(t: string, ls: number, le: number, line: number, p: number, word: string): Hit | null {
    const info = wordInfo(word);
    if (!info) return null;
    const e = p + word.length;
    // `F"…"` is an f-string prefix, not Django's F.
    const next = t.charCodeAt(e);
    if ((next === 0x22 || next === 0x27) && word.length <= 2) return null;
    if (info.special) return this.special(t, ls, le, line, p, e, word);
    if (info.target) {
      const hit = this.qualified(t, ls, le, line, p, e, word);
      if (hit) return hit;
    }
    const dotBefore = t.charCodeAt(p - 1) === DOT;
    if (info.methods && dotBefore && (callAt(t, e, le) || bridgedCall(t, ls, le, p, e))) {
      for (const m of info.methods) if (this.methodApplies(t, ls, le, line, p, m.level)) return { start: p, end: e, ruleId: m.ruleId };
    }
    if (info.setting && p === ls && (this.env.context.settingsLike || this.env.context.django) && settingStatement(t, e, le)) {
      return { start: p, end: e, ruleId: info.setting };
    }
    if (info.attribute && p === lineHead(t, ls, le) && assignmentAt(t, e, le)) return { start: p, end: e, ruleId: info.attribute };
    if (info.kwarg && !dotBefore && isBindingPosition(t, p, e, ls, le)) return { start: p, end: e, ruleId: info.kwarg };
    if (info.def && keywordBefore(t, p, ls, 'def') && this.defApplies(t, ls, le, line, info.def.level)) {
      return { start: p, end: e, ruleId: info.def.ruleId };
    }
    return null;
  }

  /** Words with their own handling. */
  private special(t: string, ls: number, le: number, line: number, p: number, e: number, word: string): Hit | null {
    switch (word) {
      case 'Meta': return this.meta(t, ls, le, line, p, e);
      case 'async': return this.asyncView(t, le, p, e);
      case 'get_response': return this.getResponse(t, ls, le, p, e);
      case 'settings': return this.settingsAccess(t, ls, le, line, p, e);
      case 'session': {
        const chain = chainStart(t, p, ls);
        const text = t.slice(chain.start, e);
        if (text === 'request.session' || text.endsWith('.request.session')) return { start: e - 15, end: e, ruleId: 'sessions' };
        return null;
      }
      case 'cleaned_data':
        return t.charCodeAt(p - 1) === DOT ? { start: p, end: e, ruleId: 'form-validation' } : null;
      case 'urlpatterns':
        return p === ls && assignmentAt(t, e, le) ? { start: p, end: e, ruleId: 'url-routing' } : null;
      case 'django_assert_num_queries':
      case 'django_assert_max_num_queries':
        return callAt(t, e, le) ? { start: p, end: e, ruleId: 'assert-num-queries' } : null;
      case '__call__': {
        if (!keywordBefore(t, p, ls, 'def') || !(this.env.context.django || this.mentionsGetResponse())) return null;
        return this.params(t, e, le).includes('request') ? { start: p, end: e, ruleId: 'middleware-class' } : null;
      }
      default: // clean, clean_<field>, validate, validate_<field>
        return this.validationDef(t, ls, le, line, p, e, word);
    }
  }

  /** A renamed import of a rule's own name (`_` for `gettext_lazy`). */
  matchAlias(t: string, ls: number, le: number, line: number, p: number, word: string): Hit | null {
    const e = p + word.length;
    if (t.charCodeAt(p - 1) === DOT) return null;
    if (defOrClassBefore(t, p, ls) || isBindingPosition(t, p, e, ls, le)) return null;
    const r = resolveChain(this.env.context, [word], line, indentWidth(t, ls, le));
    if (r.kind !== 'qualified') return null;
    const ruleId = TARGETS.get(r.name);
    return ruleId ? { start: p, end: e, ruleId } : null;
  }

  /** `'ATOMIC_REQUESTS': True` — a string key in a settings dictionary. `raw` is the unmasked text, same offsets as `t`. */
  stringKey(raw: string, t: string, le: number, q: number, key: string): Hit | null {
    const ruleId = STRING_KEYS.get(key);
    if (!ruleId) return null;
    const close = q + key.length + 1;
    // Masking kept the quotes and blanked the key: it was one whole literal, not part of a longer string.
    if (t.charCodeAt(q) !== raw.charCodeAt(q) || t.charCodeAt(close) !== raw.charCodeAt(close) || t.charCodeAt(q + 1) !== 0x20) return null;
    const after = nextNonSpace(t, close + 1, le);
    const c = t.charCodeAt(after);
    const isKey = c === 0x3a || (c === 0x5d && assignmentAt(t, after + 1, le));
    return isKey ? { start: q, end: close + 1, ruleId } : null;
  }

  private qualified(t: string, ls: number, le: number, line: number, p: number, e: number, word: string): Hit | null {
    const chain = chainStart(t, p, ls);
    if (chain.opaque) return null;
    const start = chain.start;
    // `atomic = False`, `f(action="store_true")` bind a name; `app.conf.beat_schedule = {…}` uses one.
    if (start === p && isBindingPosition(t, start, e, ls, le)) return null;
    if (defOrClassBefore(t, start, ls)) return null;
    const text = start === p ? word : t.slice(start, e);
    const ruleId = targetRule(this.env.context, text, line, t, ls, le);
    if (ruleId === 'unbound') {
      const short = SHORT_FORMS.get(text);
      if (!short || (short.decoratorOnly && !isDecorator(t, start, ls))) return null;
      return { start, end: e, ruleId: short.ruleId };
    }
    return ruleId ? { start, end: e, ruleId } : null;
  }

  private receiver(t: string, ls: number, p: number): { segments: string[]; opaque: boolean } {
    const chain = chainStart(t, p, ls);
    const text = t.slice(chain.start, p - 1);
    return { segments: text ? text.split('.') : [], opaque: chain.opaque };
  }

  private methodApplies(t: string, ls: number, le: number, line: number, p: number, level: string): boolean {
    const ctx = this.env.context;
    switch (level) {
      case 'any': return true;
      case 'django':
        return ctx.django || querysetEvidence(t, ls, le, p, this.receiver(t, ls, p).segments, this.env);
      case 'queryset':
        return querysetEvidence(t, ls, le, p, this.receiver(t, ls, p).segments, this.env);
      case 'signal': return this.isSignal(t, ls, le, line, p);
      case 'celery': {
        const { segments, opaque } = this.receiver(t, ls, p);
        if (opaque || segments.length === 0 || segments[0] === 'self' || segments[0] === 'cls') return false;
        if (segments.length === 1 && ctx.celeryTasks.has(segments[0])) return true;
        const imported = ctx.imports.get(segments[0]);
        if (imported !== undefined && /(^|\.)tasks(\.|$)/.test(imported)) return true;
        return ctx.celery || ctx.django;
      }
      case 'router': {
        if (!ctx.django) return false;
        const { segments, opaque } = this.receiver(t, ls, p);
        return !opaque && segments.length > 0 && /^(?:\w+_)?router$/.test(segments[segments.length - 1]);
      }
      case 'cursor': {
        if (!ctx.django) return false;
        const { segments, opaque } = this.receiver(t, ls, p);
        if (!opaque) return segments[segments.length - 1] === 'cursor';
        return /\bcursor\(\s*\)$/.test(t.slice(Math.max(ls, p - 24), p - 1));
      }
    }
    return false;
  }

  private isSignal(t: string, ls: number, le: number, line: number, p: number): boolean {
    const { segments, opaque } = this.receiver(t, ls, p);
    if (opaque || segments.length === 0) return false;
    const ctx = this.env.context;
    let name: string | undefined;
    if (ctx.imports.has(segments[0]) || ctx.instances.has(segments[0])) {
      const r = resolveChain(ctx, segments, line, indentWidth(t, ls, le));
      if (r.kind === 'qualified') name = r.name;
    } else {
      // A distinctive signal name pasted without its import (`post_save.connect`), unless the file binds it.
      const short = SHORT_FORMS.get(segments.join('.'));
      if (short && !isBound(ctx, segments[0])) name = short.name;
    }
    if (!name) return false;
    if (name === 'django.dispatch.Signal()') return true;
    const dot = name.lastIndexOf('.');
    if (dot < 0) return false;
    const module = name.slice(0, dot);
    return SIGNAL_MODULES.has(module) || (!module.startsWith('django.') && (module === 'signals' || module.endsWith('.signals')));
  }

  /** Whether a `def` on line [ls, le) counts at `level` (see DefLevel). */
  private defApplies(t: string, ls: number, le: number, line: number, level: DefLevel): boolean {
    switch (level) {
      case 'any': return true;
      case 'django': return this.env.context.django;
      case 'model':
      case 'consumer': {
        // A method of the class itself, not a function nested in one of its methods.
        const indent = indentWidth(t, ls, le);
        const cls = enclosingClass(this.env.context, line, indent);
        return cls !== null && cls.kind === level && enclosingScope(this.env.context, line, indent) === -2 - cls.line;
      }
    }
  }

  private params(t: string, e: number, le: number): string[] {
    const open = nextNonSpace(t, e, le);
    if (t.charCodeAt(open) !== 0x28) return [];
    const close = t.indexOf(')', open);
    return parameterNames(t.slice(open + 1, close < 0 || close > le ? le : close));
  }

  private meta(t: string, ls: number, le: number, line: number, p: number, e: number): Hit | null {
    if (!keywordBefore(t, p, ls, 'class')) return null;
    const after = t.charCodeAt(nextNonSpace(t, e, le));
    if (after !== 0x3a && after !== 0x28) return null;
    const cls = enclosingClass(this.env.context, line, indentWidth(t, ls, le));
    const ruleId = cls?.kind ? META_RULES[cls.kind] : null;
    return ruleId ? { start: p, end: e, ruleId } : null;
  }

  private asyncView(t: string, le: number, p: number, e: number): Hit | null {
    if (!this.env.context.django) return null;
    ASYNC_DEF.lastIndex = e;
    if (!ASYNC_DEF.exec(t) || ASYNC_DEF.lastIndex > le) return null;
    const nameEnd = ASYNC_DEF.lastIndex;
    const params = this.params(t, nameEnd, le).filter(n => n !== 'self' && n !== 'cls');
    return params[0] === 'request' ? { start: p, end: nameEnd, ruleId: 'async-view' } : null;
  }

  private getResponse(t: string, ls: number, le: number, p: number, e: number): Hit | null {
    const head = lineHead(t, ls, le);
    const isDef = /^(?:async[ \t]+)?def[ \t]/.test(t.slice(head, head + 10));
    if (isDef) return t.lastIndexOf('(', p) > head ? { start: p, end: e, ruleId: 'middleware-class' } : null;
    if (!callAt(t, e, le)) return null;
    if (t.charCodeAt(p - 1) === DOT) return t.slice(Math.max(ls, p - 5), p) === 'self.' ? { start: p, end: e, ruleId: 'middleware-class' } : null;
    return { start: p, end: e, ruleId: 'middleware-class' };
  }

  private settingsAccess(t: string, ls: number, le: number, line: number, p: number, e: number): Hit | null {
    if (t.charCodeAt(e) !== DOT) return null;
    const attr = SETTING_ATTRIBUTE;
    attr.lastIndex = e + 1;
    const m = attr.exec(t);
    if (!m || attr.lastIndex > le) return null;
    const chain = chainStart(t, p, ls);
    if (chain.opaque || defOrClassBefore(t, chain.start, ls)) return null;
    const segments = t.slice(chain.start, e).split('.');
    const r = resolveChain(this.env.context, segments, line, indentWidth(t, ls, le));
    const ok = (r.kind === 'qualified' && r.name === 'django.conf.settings') || (r.kind === 'unbound' && segments.length === 1);
    if (!ok) return null;
    return { start: chain.start, end: attr.lastIndex, ruleId: m[0] === 'AUTH_USER_MODEL' ? 'custom-user-model' : 'settings-access' };
  }

  private validationDef(t: string, ls: number, le: number, line: number, p: number, e: number, word: string): Hit | null {
    if (!keywordBefore(t, p, ls, 'def')) return null;
    const cls = enclosingClass(this.env.context, line, indentWidth(t, ls, le));
    if (!cls?.kind) return null;
    if (word.startsWith('validate') ? cls.kind !== 'serializer' : cls.kind === null || cls.kind === 'consumer') return null;
    return { start: p, end: e, ruleId: 'form-validation' };
  }
}
