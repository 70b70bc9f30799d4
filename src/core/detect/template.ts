// Detection in masked Django templates: `{% tag … %}` and `{{ value|filter }}` on one line each
// (Django tags cannot span lines).
import type { Hit } from './python';
import { FILTERS, TAGS } from './triggers';

/** Global; callers reset `lastIndex`. Group 1 is the tag name of a `{% … %}`; a bare match is `{{`. */
export function templateTriggerRegex(): RegExp {
  return /\{%-?[ \t]*([A-Za-z_]\w*)|\{\{/g;
}

const LIBRARY_RULES: [string, string][] = [['cache', 'template-cache'], ['i18n', 'i18n'], ['static', 'static-media']];
const FILTER_IN_VALUE = /\|[ \t]*([A-Za-z_]\w*)/g;

/**
 * Examines the tag or variable starting at `p` on the line [ls, le). Returns the hit (if any) and
 * where scanning should resume.
 */
export function matchTemplate(t: string, le: number, p: number, tag: string | undefined): { hit: Hit | null; next: number } {
  if (tag === undefined) {
    const close = t.indexOf('}}', p + 2);
    if (close < 0 || close > le) return { hit: null, next: p + 2 };
    const end = close + 2;
    const inner = t.slice(p + 2, close);
    if (inner.trim() === 'csrf_token') return { hit: { start: p, end, ruleId: 'template-csrf' }, next: end };
    FILTER_IN_VALUE.lastIndex = 0;
    for (let m = FILTER_IN_VALUE.exec(inner); m; m = FILTER_IN_VALUE.exec(inner)) {
      const ruleId = FILTERS.get(m[1]);
      if (ruleId) return { hit: { start: p + 2 + m.index, end: p + 2 + m.index + m[0].length, ruleId }, next: end };
    }
    return { hit: null, next: end };
  }
  const close = t.indexOf('%}', p + 2);
  if (close < 0 || close > le) return { hit: null, next: p + 2 };
  const end = close + 2;
  const args = t.slice(t.indexOf(tag, p) + tag.length, close).replace(/-$/, '').trim();
  let ruleId: string | undefined;
  switch (tag) {
    case 'load': {
      const words = args.split(/\s+/);
      const from = words.indexOf('from');
      const libraries = from >= 0 ? words.slice(from + 1) : words;
      ruleId = LIBRARY_RULES.find(([lib]) => libraries.includes(lib))?.[1] ?? (libraries.some(Boolean) ? 'template-tags-library' : undefined);
      break;
    }
    case 'autoescape':
      ruleId = args === 'off' ? 'template-safe' : undefined;
      break;
    case 'filter':
      ruleId = args.split('|').map(s => s.trim()).some(f => FILTERS.has(f)) ? 'template-safe' : undefined;
      break;
    case 'for':
      ruleId = /\bin\s+[A-Za-z_][\w.]*\.all(?:\s+reversed)?$/.test(args) ? 'template-n-plus-one' : undefined;
      break;
    default:
      ruleId = TAGS.get(tag);
  }
  return { hit: ruleId ? { start: p, end, ruleId } : null, next: end };
}
