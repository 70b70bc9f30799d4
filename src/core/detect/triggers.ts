// The rule table compiled once into lookups and a single trigger regex. Detection runs the regex over
// masked text; every match is a word some rule might care about, and the lookups say which.
import { RULES, type DefLevel, type MethodLevel, type Rule } from './rules';

export interface ShortForm {
  /** The qualified name the short form stands for. */
  name: string;
  ruleId: string;
  /** Only as a decorator (`@receiver`), not as a bare name elsewhere. */
  decoratorOnly: boolean;
}

export interface MethodRule {
  ruleId: string;
  level: MethodLevel;
}

/** Qualified name → rule id. */
export const TARGETS = new Map<string, string>();
/**
 * TARGETS split at every dot: `base` → (`rest` → rule id), e.g. `django.db` → `.transaction.atomic`.
 * Detection looks names up as an import's base plus the dotted rest it read, without concatenating.
 */
export const TARGETS_BY_BASE = new Map<string, Map<string, string>>();
/** First segments of qualified names (`django`, `rest_framework`, `celery`…): an import from elsewhere is never a rule's. */
export const TARGET_ROOTS = new Set<string>();
/** Dotted suffixes of qualified names (`transaction.atomic`, `post_save`) usable when the root is not imported. */
export const SHORT_FORMS = new Map<string, ShortForm>();
/** Last segments of qualified names: a match on one of them may complete a qualified name. */
export const TARGET_WORDS = new Set<string>();
export const METHODS = new Map<string, MethodRule[]>();
export const SETTINGS = new Map<string, string>();
/** Setting name prefixes such as `SECURE_`. */
export const SETTING_PREFIXES: [string, string][] = [];
export const STRING_KEYS = new Map<string, string>();
export const ATTRIBUTES = new Map<string, string>();
export const KWARGS = new Map<string, string>();
export const DEFS = new Map<string, { ruleId: string; level: DefLevel }>();
export const TAGS = new Map<string, string>();
export const FILTERS = new Map<string, string>();

/** Words with their own handling in the Python detector. */
export const SPECIAL_WORDS = ['Meta', 'async', 'get_response', 'settings', 'session', 'cleaned_data', 'urlpatterns',
  'django_assert_num_queries', 'django_assert_max_num_queries', '__call__', 'clean', 'validate'];
/** Word patterns with their own handling (method definitions such as `def clean_email`). */
const SPECIAL_PATTERNS = ['clean_\\w+', 'validate_\\w+'];

/** Django's signal modules: a name from one of them is a signal. */
export const SIGNAL_MODULES = new Set(['django.db.models.signals', 'django.core.signals', 'django.contrib.auth.signals',
  'django.test.signals', 'django.db.backends.signals']);

/** Classes whose instances rules follow through a variable (`register = template.Library()` → `@register.filter`). */
export const INSTANCE_CLASSES = new Map<string, string>([
  ['django.dispatch.Signal', 'django.dispatch.Signal'],
  ['django.dispatch.dispatcher.Signal', 'django.dispatch.Signal'],
  ['django.template.Library', 'django.template.Library'],
  ['django.template.base.Library', 'django.template.Library'],
  ['django.template.library.Library', 'django.template.Library'],
  ['celery.Celery', 'celery.Celery'],
  ['rest_framework.routers.DefaultRouter', 'rest_framework.routers.DefaultRouter'],
  ['rest_framework.routers.SimpleRouter', 'rest_framework.routers.SimpleRouter'],
]);

/** Module paths Django re-exports under another name. */
const MODULE_ALIASES: [string, string][] = [ // all under `django.` (normalizeQualified relies on it)
  ['django.contrib.gis.db.models', 'django.db.models'],
  ['django.db.models.fields.related', 'django.db.models'],
  ['django.db.models.base', 'django.db.models'],
  ['django.views.generic.base', 'django.views.generic'],
  ['django.views.generic.list', 'django.views.generic'],
  ['django.views.generic.detail', 'django.views.generic'],
  ['django.views.generic.edit', 'django.views.generic'],
];

export function normalizeQualified(name: string): string {
  if (!name.startsWith('django.')) return name; // where all the aliases are
  for (const [from, to] of MODULE_ALIASES) {
    if (name.startsWith(from) && (name.length === from.length || name.charCodeAt(from.length) === 0x2e)) return to + name.slice(from.length);
  }
  return name;
}

function add<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compile(rule: Rule): void {
  for (const name of rule.names ?? []) {
    TARGETS.set(name, rule.id);
    for (let i = name.indexOf('.'); ; i = name.indexOf('.', i + 1)) {
      const [base, rest] = i < 0 ? [name, ''] : [name.slice(0, i), name.slice(i)];
      let byRest = TARGETS_BY_BASE.get(base);
      if (!byRest) TARGETS_BY_BASE.set(base, (byRest = new Map()));
      byRest.set(rest, rule.id);
      if (i < 0) break;
    }
    const segments = name.split('.');
    TARGET_ROOTS.add(segments[0]);
    TARGET_WORDS.add(segments[segments.length - 1]);
    if (name.includes('()')) continue; // instance methods are reached only through a resolved variable
    for (let k = 1; k < segments.length; k++) {
      const short = segments.slice(segments.length - k).join('.');
      if (k === 1 && !rule.bare) continue;
      if (SHORT_FORMS.has(short)) continue;
      SHORT_FORMS.set(short, { name, ruleId: rule.id, decoratorOnly: k === 1 && rule.bare === 'decorator' });
    }
  }
  for (const m of rule.methods ?? []) {
    const [name, level] = typeof m === 'string' ? [m, rule.methodLevel ?? 'any'] : m;
    add(METHODS, name, { ruleId: rule.id, level });
  }
  for (const s of rule.settings ?? []) {
    if (s.endsWith('*')) SETTING_PREFIXES.push([s.slice(0, -1), rule.id]);
    else SETTINGS.set(s, rule.id);
  }
  for (const k of rule.stringKeys ?? []) STRING_KEYS.set(k, rule.id);
  for (const a of rule.attributes ?? []) ATTRIBUTES.set(a, rule.id);
  for (const k of rule.kwargs ?? []) KWARGS.set(k, rule.id);
  for (const d of rule.defs ?? []) DEFS.set(d, { ruleId: rule.id, level: rule.defLevel ?? 'any' });
  for (const t of rule.tags ?? []) TAGS.set(t, rule.id);
  for (const f of rule.filters ?? []) FILTERS.set(f, rule.id);
}

for (const rule of RULES) compile(rule);

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|]/;

/**
 * Builds an alternation of `words` factored as a trie, so the regex engine rejects most positions on
 * the first character. Walks the sorted words (the words under one trie node are a run of them) rather
 * than building nodes: this runs when the module loads, before the first hover, and the node version
 * took about ten times as long there (code not yet optimised).
 */
export function trieRegexSource(input: Iterable<string>): string {
  const words = [...new Set(input)].sort();
  // The words in [from, to) share their first `depth` characters; a word that ends there sorts first.
  const emit = (from: number, to: number, depth: number): string => {
    const end = words[from].length === depth;
    if (end) from++;
    const branches: string[] = [];
    for (let i = from; i < to;) {
      const ch = words[i][depth];
      let j = i + 1;
      while (j < to && words[j][depth] === ch) j++;
      branches.push((REGEX_SPECIAL.test(ch) ? `\\${ch}` : ch) + emit(i, j, depth + 1));
      i = j;
    }
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
    if (!end) return body;
    return branches.length === 1 && branches[0].length === 1 ? `${body}?` : `(?:${branches.join('|')})?`;
  };
  return words.length ? emit(0, words.length, 0) : '';
}

const SETTING_PATTERNS = SETTING_PREFIXES.map(([prefix]) => `${prefix}[A-Z0-9_]+`);

/** Every word the Python detector reacts to. */
export const PYTHON_TRIGGER_WORDS: ReadonlySet<string> = new Set([
  ...TARGET_WORDS, ...METHODS.keys(), ...SETTINGS.keys(), ...ATTRIBUTES.keys(), ...KWARGS.keys(), ...DEFS.keys(), ...SPECIAL_WORDS,
]);

/** The single trigger regex over masked Python text (global; callers reset `lastIndex`). */
export const PYTHON_TRIGGER_SOURCE = `\\b(?:${trieRegexSource(PYTHON_TRIGGER_WORDS)}|${[...SPECIAL_PATTERNS, ...SETTING_PATTERNS].join('|')})\\b`;

export function pythonTriggerRegex(): RegExp {
  return new RegExp(PYTHON_TRIGGER_SOURCE, 'g');
}

export const STRING_KEY_SOURCE = `(['"])(${[...STRING_KEYS.keys()].join('|')})\\1`;

/** Everything the Python detector may do with a trigger word, found with one lookup. */
export interface WordInfo {
  /** Handled by the detector's own code (`Meta`, `async`, `settings`, `clean_<field>`…). */
  special: boolean;
  /** The last segment of some qualified name. */
  target: boolean;
  methods?: MethodRule[];
  setting?: string;
  attribute?: string;
  kwarg?: string;
  def?: { ruleId: string; level: DefLevel };
}

// Looked up once per trigger-regex match, with a word just cut from the text: a small hash table
// on first letter, last letter and length (then the words compared) costs less than a Map, which
// hashes every character of the new string first.
const WORD_BUCKETS = 1024;
const WORD_INFO: ((string | WordInfo)[] | undefined)[] = new Array(WORD_BUCKETS).fill(undefined);

function wordBucket(word: string): number {
  const n = word.length;
  return (word.charCodeAt(0) * 31 + word.charCodeAt(n - 1) * 7 + n * 131) & (WORD_BUCKETS - 1);
}

for (const word of PYTHON_TRIGGER_WORDS) {
  const info: WordInfo = {
    special: SPECIAL_WORDS.includes(word), target: TARGET_WORDS.has(word), methods: METHODS.get(word), setting: SETTINGS.get(word),
    attribute: ATTRIBUTES.get(word), kwarg: KWARGS.get(word), def: DEFS.get(word),
  };
  (WORD_INFO[wordBucket(word)] ??= []).push(word, info);
}
const SPECIAL_INFO: WordInfo = { special: true, target: false };

/** What a trigger word may be, or undefined for words no rule cares about. */
export function wordInfo(word: string): WordInfo | undefined {
  const bucket = word.length ? WORD_INFO[wordBucket(word)] : undefined;
  if (bucket) for (let i = 0; i < bucket.length; i += 2) if (bucket[i] === word) return bucket[i + 1] as WordInfo;
  if (word.startsWith('clean_') || word.startsWith('validate_')) return SPECIAL_INFO;
  const setting = settingRule(word);
  return setting ? { special: false, target: false, setting } : undefined;
}

export function settingRule(word: string): string | undefined {
  const direct = SETTINGS.get(word);
  if (direct) return direct;
  for (const [prefix, ruleId] of SETTING_PREFIXES) if (word.startsWith(prefix) && word.length > prefix.length) return ruleId;
  return undefined;
}
