// Assigns 1–3 taxonomy topics to a question from weighted cues in its question, section and answer.
import type { TopicId } from '../taxonomy';

type Cue = [RegExp, number];

/** Cues per topic: a pattern and its weight. Question text counts most, then section, then answer. */
const CUES: Record<TopicId, Cue[]> = {
  architecture: [[/\b(mvt|mvc|request[- /]response|request lifecycle|lifecycle|wsgi|url to response|components of the django|what is django)\b/i, 3], [/\barchitecture\b/i, 1]],
  'project-structure': [[/\b(structure|organi[sz]e|maintainab\w*|separate (django )?app|service layer|services?\.py|clean|codebase|modular|shared across apps|logic in views|legacy|refactor\w*|moderni[sz]\w*)\b/i, 2]],
  'settings-config': [[/\b(settings?|environment variables?|secrets?|multiple environments|configuration|dev, staging|staging)\b/i, 2]],
  models: [[/\b(models?\b(?! deployment)|fields?|foreignkey|onetoone\w*|manytomany\w*|null=true|blank=true|soft delete\w*|constraints?|managers?|custom user model|user model)\b/i, 2]],
  'orm-queries': [[/\b(orm|querysets?|lazy evaluation|f\(\)|q\(\)|annotat\w*|aggregat\w*|lookups?)\b/i, 2], [/\bqueries\b/i, 1]],
  'query-optimization': [[/\b(n\+1|select_related|prefetch_related|number of (database )?queries|optimi[sz]\w* (database )?quer\w*|slow quer\w*|query optimization|indexing|time complexity)\b/i, 3]],
  transactions: [[/\b(transactions?|atomic|on_commit|select_for_update|rollback|isolation levels?|overselling|concurren\w*|race condition|locking)\b/i, 3]],
  migrations: [[/\b(migrations?|migrate|schema changes?|runpython|zero-downtime)\b/i, 3], [/\bnewer version|version upgrade\b/i, 1]],
  signals: [[/\b(signals?|post_save|pre_save|receiver|infinite recursion)\b/i, 3]],
  middleware: [[/\bmiddlewares?\b/i, 3]],
  'views-urls': [[/\b(views?|cbvs?|fbvs?|class-based|function-based|url routing|urls\.py|redirects?|reverse url|viewsets?|routers?|json responses?|method resolution order)\b/i, 2]],
  templates: [[/\b(templates?|template tags?|filters? in django|context processors?|template inheritance|template filter)\b/i, 2]],
  'forms-validation': [[/\b(forms?|modelform|validat\w*|input sanitization|clean_)\b/i, 2]],
  'drf-apis': [[/\b(drf|rest framework|serializers?|api|apis|viewsets?|throttl\w*|pagination|rest api|graphql|versioning|version a django rest)\b/i, 2]],
  authentication: [[/\b(authenticat\w*|login|logout|passwords?|sessions?|cookies?|jwt|tokens?|user registration|email verification|is_authenticated|is_active|users?\b|oauth|sso|multi-factor)\b/i, 2]],
  authorization: [[/\b(authori[sz]\w*|permissions?|role-based|rbac|access control|groups?|object-level|restrict access)\b/i, 3]],
  security: [[/\b(secur\w*|csrf|xss|sql injection|clickjacking|https|vulnerab\w*|content security policy|csp|breach|data leaks?|sanitiz\w*|audit\w*|password storage|protect\w*)\b/i, 3]],
  caching: [[/\b(cach\w*|redis|memcached|lru)\b/i, 3]],
  async: [[/\b(async\w*|asgi|channels?|websockets?|real-time|sync_to_async|event loop)\b/i, 3]],
  'celery-tasks': [[/\b(celery|background (jobs?|tasks?)|long-running tasks?|task queues?|scheduled tasks?|idempotent|retries|workers?|task processing|task scheduling|duplicate task)\b/i, 3]],
  testing: [[/\b(tests?|testing|pytest\w*|test client|apiclient|tdd|coverage|continuous integration|ci\b|selenium|e2e|end-to-end)\b/i, 3]],
  deployment: [[/\b(deploy\w*|static( and media)? files?|media files|docker|gunicorn|production settings|wsgi servers?|cloud platforms?|containeri[sz]\w*|hotfix)\b/i, 2]],
  'performance-scaling': [[/\b(performance|scal\w*|high traffic|bottlenecks?|optimi[sz]\w*|load balancing|connection pooling|memory|horizontal\w*|heavy computations?|file uploads?|highly available|millions)\b/i, 2]],
  'debugging-monitoring': [[/\b(debug\w*|logging|logs?|monitor\w*|metrics|incidents?|root cause|profil\w*|500 errors|production issues?|investigate|slow in production|bugs?|stakeholders|memory leaks?)\b/i, 2]],
  'admin-commands': [[/\b(admin|management commands?|manage\.py)\b/i, 3]],
  i18n: [[/\b(i18n|l10n|internationali[sz]ation|locali[sz]ation|translat\w*|culturally|regions)\b/i, 3]],
  'system-design': [[/\b(design (a|an)\b|system design|url shortener|notification system|feed system|multi-tenant|saas|search system|analytics|rate limiting (and throttling )?system|file upload and processing system|distributed)\b/i, 3]],
  algorithms: [[/\b(algorithm\w*|data structures?|lru cache|trie|binary search|priority queue|heapq|sliding window|hash tables?|dictionar\w*|pairs in a list|time complexity)\b/i, 3]],
  'career-behavioral': [[/\b(tell me about a time|describe a (situation|time)|share (an|your) experience|your experience|mentor\w*|disagreed|technical debt|interview loop|prep plan|rehearse|interviews test|extra bar|project management|communication|collaboration|challenging django project|interest in new technologies|prepare to discuss)\b/i, 3]],
  'ecosystem-integrations': [[/\b(third-party|libraries|packages|ecosystem|graphql|graphene|pandas|numpy|matplotlib|seaborn|machine learning|scikit|react|vue|frontend|spa|elasticsearch|payment gateway|external service|monkey patching|integrat\w*)\b/i, 2]],
};

const TOPIC_IDS = Object.keys(CUES) as TopicId[];

/** Each cue's pattern made global once (`match` with a global pattern counts every hit). */
const GLOBAL = new Map<RegExp, RegExp>();

function score(text: string, cues: Cue[]): number {
  let total = 0;
  for (const [pattern, weight] of cues) {
    let global = GLOBAL.get(pattern);
    if (!global) GLOBAL.set(pattern, (global = new RegExp(pattern.source, 'gi')));
    const hits = text.match(global)?.length ?? 0;
    total += Math.min(hits, 4) * weight;
  }
  return total;
}

/**
 * The question's own words decide first (×3), the section refines (×1) and the answer breaks ties
 * (×0.15, capped). The main topic is the best scorer; up to two more follow if close enough.
 */
export function classifyTopics(question: string, section: string, answer: string): TopicId[] {
  const scored = TOPIC_IDS.map(topic => {
    const q = score(question, CUES[topic]);
    const s = score(section, CUES[topic]);
    const a = Math.min(score(answer.slice(0, 4000), CUES[topic]), 12);
    return { topic, q, value: q * 3 + s + a * 0.15 };
  }).filter(t => t.value > 0);
  scored.sort((x, y) => y.value - x.value || y.q - x.q);
  if (scored.length === 0) return ['architecture'];
  const best = scored[0].value;
  const picked = scored.filter((t, i) => i === 0 || (t.value >= best * 0.5 && t.q > 0)).slice(0, 3);
  return picked.map(t => t.topic);
}
