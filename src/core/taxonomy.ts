// The one topic taxonomy (DESIGN §6) shared by hovers, the tree, quizzes and progress.

export const TOPICS = [
  { id: 'architecture', label: 'Architecture & request/response lifecycle' },
  { id: 'project-structure', label: 'Project structure & maintainability' },
  { id: 'settings-config', label: 'Settings & configuration' },
  { id: 'models', label: 'Models & fields' },
  { id: 'orm-queries', label: 'ORM & QuerySet API' },
  { id: 'query-optimization', label: 'Query optimization & N+1' },
  { id: 'transactions', label: 'Transactions & concurrency' },
  { id: 'migrations', label: 'Migrations' },
  { id: 'signals', label: 'Signals' },
  { id: 'middleware', label: 'Middleware' },
  { id: 'views-urls', label: 'Views & URL routing' },
  { id: 'templates', label: 'Templates' },
  { id: 'forms-validation', label: 'Forms & validation' },
  { id: 'drf-apis', label: 'Django REST Framework & API design' },
  { id: 'authentication', label: 'Authentication, users & sessions' },
  { id: 'authorization', label: 'Authorization & permissions' },
  { id: 'security', label: 'Security' },
  { id: 'caching', label: 'Caching' },
  { id: 'async', label: 'Async Django, ASGI & Channels' },
  { id: 'celery-tasks', label: 'Celery & background tasks' },
  { id: 'testing', label: 'Testing & CI' },
  { id: 'deployment', label: 'Deployment, static & media files' },
  { id: 'performance-scaling', label: 'Performance & scaling' },
  { id: 'debugging-monitoring', label: 'Debugging, logging & monitoring' },
  { id: 'admin-commands', label: 'Admin & management commands' },
  { id: 'i18n', label: 'Internationalization & localization' },
  { id: 'system-design', label: 'System design with Django' },
  { id: 'algorithms', label: 'Algorithms & data structures' },
  { id: 'career-behavioral', label: 'Behavioral, career & interview prep' },
  { id: 'ecosystem-integrations', label: 'Ecosystem & integrations' },
] as const;

export type TopicId = (typeof TOPICS)[number]['id'];

const LABELS = new Map<string, string>(TOPICS.map(t => [t.id, t.label]));

export function isTopicId(value: unknown): value is TopicId {
  return typeof value === 'string' && LABELS.has(value);
}

export function topicLabel(id: TopicId): string {
  return LABELS.get(id) ?? id;
}
