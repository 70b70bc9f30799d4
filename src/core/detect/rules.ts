// The rule table (DESIGN §1.2): which Django constructs we recognise, the one topic each points to,
// what interviewers probe about it, and the keywords that rank questions for it.
// Matching data is declarative here; the few constructs that need more than a name (class Meta,
// async views, middleware `get_response`, `settings.X`, template loops…) are handled by the
// detectors, which refer to the rule ids below.
import type { TopicId } from '../taxonomy';

/**
 * How a method call `.name(` must look before it counts:
 * - `any`: the name is Django's own (`select_related`), any receiver;
 * - `django`: generic-sounding (`only`, `iterator`): the file imports Django or the receiver is a queryset;
 * - `queryset`: very generic (`values`): the line must show a queryset (`.objects`, `.filter(`…);
 * - `signal`: the receiver is a Django or custom signal (`post_save.connect`, not `socket.connect`);
 * - `celery`: the receiver is a task (`send_receipt.delay`);
 * - `cursor`: the receiver is a database cursor (`cursor.execute`) in a Django file;
 * - `router`: the receiver is named as a router (`router`, `api_router`) in a Django file: projects
 *   register viewsets on their own subclasses of DRF's routers (netbox's `NetBoxRouter()`).
 */
export type MethodLevel = 'any' | 'django' | 'queryset' | 'signal' | 'celery' | 'cursor' | 'router';

/**
 * Where a `def name(` counts: `any`; `django`: in a Django file; `model`: a method of a model class;
 * `consumer`: a method of a Channels consumer class.
 */
export type DefLevel = 'any' | 'django' | 'model' | 'consumer';

export interface Rule {
  id: string;
  /** The one topic of DESIGN §6 the rule points to. */
  topic: TopicId;
  /** Short label for the construct, e.g. `transaction.on_commit`. */
  title: string;
  /** One line on what interviewers probe about the construct. */
  probe: string;
  /**
   * Terms that rank questions of unreviewed guides for this construct (keywordRank.ts), most specific first:
   * the first is one of the construct's own names, never an English word (`clean()`, not `clean`); a
   * trailing `*` matches as a prefix (`throttl*`).
   */
  keywords: string[];

  /** Fully qualified Python names (`django.db.transaction.atomic`); import context resolves what the code wrote. */
  names?: string[];
  /**
   * Whether a bare, unimported name still counts (pasted snippets without imports):
   * `any` for distinctive names (`post_save`), `decorator` only as `@name`. Dotted forms
   * such as `transaction.atomic` with an unimported root always count.
   */
  bare?: 'any' | 'decorator';
  /** Method calls `.name(`; a `[name, level]` pair overrides `methodLevel` for one name. */
  methods?: (string | [string, MethodLevel])[];
  methodLevel?: MethodLevel;
  /** Module-level assignments in a settings module (`MIDDLEWARE = [`). */
  settings?: string[];
  /** String keys in settings dictionaries (`'ATOMIC_REQUESTS': True`). */
  stringKeys?: string[];
  /** Class attributes (`permission_classes = [...]`). */
  attributes?: string[];
  /** Keyword arguments (`db_index=True`). */
  kwargs?: string[];
  /** Method or function definitions (`def has_object_permission(`); `django` requires a Django file. */
  defs?: string[];
  defLevel?: DefLevel;
  /** Template tags (`{% cache %}`). */
  tags?: string[];
  /** Template filters (`|safe`). */
  filters?: string[];
}

const q = (module: string, ...names: string[]) => names.map(n => `${module}.${n}`);

const MODEL_SIGNALS = 'django.db.models.signals';

export const RULES: readonly Rule[] = [
  // ── Signals ──────────────────────────────────────────────────────────────
  {
    id: 'post-save', topic: 'signals', title: 'post_save signal',
    probe: 'The `created` flag, that it fires on `save()` but not on `QuerySet.update()` or `bulk_create()`, and why side effects belong in `transaction.on_commit`.',
    keywords: ['post_save', 'post save', 'created', 'signal', 'save()'],
    names: q(MODEL_SIGNALS, 'post_save'), bare: 'any',
  },
  {
    id: 'pre-save', topic: 'signals', title: 'pre_save signal',
    probe: 'Changing the instance before it is written, why `update()` skips it, and when overriding `save()` is clearer than a signal.',
    keywords: ['pre_save', 'pre save', 'save()', 'signal'],
    names: q(MODEL_SIGNALS, 'pre_save'), bare: 'any',
  },
  {
    id: 'delete-signals', topic: 'signals', title: 'pre_delete / post_delete signals',
    probe: 'Cascades sending one signal per object, cleaning up files and caches, and instance `delete()` vs queryset `delete()`.',
    keywords: ['post_delete', 'pre_delete', 'delete', 'cascade', 'signal'],
    names: q(MODEL_SIGNALS, 'pre_delete', 'post_delete'), bare: 'any',
  },
  {
    id: 'm2m-changed', topic: 'signals', title: 'm2m_changed signal',
    probe: 'The `action` values (`pre_add`, `post_add`, `post_clear`…), `sender` being the through model, and why `post_save` never sees M2M changes.',
    keywords: ['m2m_changed', 'many-to-many', 'manytomany', 'through', 'signal'],
    names: q(MODEL_SIGNALS, 'm2m_changed'), bare: 'any',
  },
  {
    id: 'other-signals', topic: 'signals', title: 'Django built-in signal',
    probe: 'Which built-in signals exist (request, migration, auth, init), when each fires, and what you would use them for.',
    keywords: ['signal', 'request_finished', 'post_migrate', 'user_logged_in'],
    names: [
      ...q(MODEL_SIGNALS, 'pre_init', 'post_init', 'class_prepared', 'pre_migrate', 'post_migrate'),
      ...q('django.core.signals', 'request_started', 'request_finished', 'got_request_exception', 'setting_changed'),
      ...q('django.contrib.auth.signals', 'user_logged_in', 'user_logged_out', 'user_login_failed'),
      ...q('django.test.signals', 'setting_changed'),
      ...q('django.db.backends.signals', 'connection_created'),
    ],
    bare: 'any',
  },
  {
    id: 'receiver', topic: 'signals', title: '@receiver',
    probe: 'Where receivers get registered (`AppConfig.ready()`), filtering with `sender=`, `dispatch_uid` against double connections, and whether signals hide coupling.',
    keywords: ['receiver', 'signal', 'ready()', 'dispatch_uid', 'decoupl*'],
    names: q('django.dispatch', 'receiver').concat(q('django.dispatch.dispatcher', 'receiver')), bare: 'decorator',
  },
  {
    id: 'signal-connect', topic: 'signals', title: 'Signal.connect()',
    probe: 'Explicit `connect()` vs `@receiver`, weak references (`weak=False`), `dispatch_uid`, and disconnecting receivers in tests.',
    keywords: ['connect(', '.connect', 'receiver', 'signal', 'dispatch_uid'],
    methods: ['connect', 'disconnect'], methodLevel: 'signal',
  },
  {
    id: 'custom-signal', topic: 'signals', title: 'custom Signal',
    probe: 'When a custom signal beats a direct call, `send()` vs `send_robust()`, and that receivers run synchronously in the sender\'s thread and transaction.',
    keywords: ['custom signal', 'signal()', 'send_robust', 'send(', 'signal'],
    names: q('django.dispatch', 'Signal').concat(q('django.dispatch.dispatcher', 'Signal')),
    methods: ['send', 'send_robust'], methodLevel: 'signal',
  },
  {
    id: 'app-config', topic: 'project-structure', title: 'AppConfig',
    probe: '`AppConfig.ready()` as the place to import signal handlers, how the app registry loads, and `default_auto_field`.',
    keywords: ['appconfig', 'ready()', 'apps.py', 'installed_apps', 'app'],
    names: q('django.apps', 'AppConfig'),
  },

  // ── Query optimisation ───────────────────────────────────────────────────
  {
    id: 'select-related', topic: 'query-optimization', title: 'select_related()',
    probe: 'A SQL JOIN for ForeignKey/OneToOne, how it differs from `prefetch_related`, and spotting the N+1 it removes.',
    keywords: ['select_related', 'join', 'n+1', 'foreignkey', 'prefetch_related'],
    methods: ['select_related'], methodLevel: 'any',
  },
  {
    id: 'prefetch-related', topic: 'query-optimization', title: 'prefetch_related()',
    probe: 'One extra query joined in Python for M2M and reverse relations, prefetches lost by a later `.filter()`, and `Prefetch` objects.',
    keywords: ['prefetch_related', 'many-to-many', 'n+1', 'select_related', 'prefetch'],
    names: q('django.db.models', 'prefetch_related_objects').concat(q('django.db.models.query', 'prefetch_related_objects')),
    methods: ['prefetch_related'], methodLevel: 'any',
  },
  {
    id: 'prefetch-object', topic: 'query-optimization', title: 'Prefetch()',
    probe: 'Custom querysets and `to_attr` inside `Prefetch`, and keeping prefetched data from being re-queried.',
    keywords: ['prefetch(', 'prefetch object', 'to_attr', 'prefetch_related', 'n+1'],
    names: q('django.db.models', 'Prefetch').concat(q('django.db.models.query', 'Prefetch')),
  },
  {
    id: 'only-defer', topic: 'query-optimization', title: 'only() / defer()',
    probe: 'Loading a subset of columns, the extra query when a deferred field is touched, and `values()` as the alternative.',
    keywords: ['only(', 'defer(', 'deferred', 'columns', 'values('],
    methods: ['only', 'defer'], methodLevel: 'django',
  },
  {
    id: 'values-list', topic: 'query-optimization', title: 'values() / values_list()',
    probe: 'Dicts or tuples instead of model instances: cheaper, but no model methods; `flat=True`, `named=True`.',
    keywords: ['values(', 'values_list', 'flat=true', 'dictionaries'],
    methods: ['values_list', 'values'], methodLevel: 'queryset',
  },
  {
    id: 'queryset-iterator', topic: 'query-optimization', title: 'QuerySet.iterator()',
    probe: 'Streaming big querysets without filling the result cache, `chunk_size`, and server-side cursors.',
    keywords: ['iterator(', 'chunk_size', 'result cache', 'large querysets', 'memory', 'batch'],
    methods: ['iterator'], methodLevel: 'django',
  },
  {
    id: 'bulk-operations', topic: 'query-optimization', title: 'bulk_create() / bulk_update()',
    probe: 'One query for many rows, but no `save()` and no signals; `batch_size`, primary keys, and `ignore_conflicts`/`update_conflicts`.',
    keywords: ['bulk_create', 'bulk_update', 'bulk', 'batch_size', 'signals'],
    methods: ['bulk_create', 'bulk_update', 'in_bulk', 'abulk_create', 'abulk_update'], methodLevel: 'any',
  },
  {
    id: 'db-indexes', topic: 'query-optimization', title: 'database indexes',
    probe: 'Which columns deserve an index (filters, ordering, joins), composite index order, and the write cost of every index.',
    keywords: ['index', 'db_index', 'indexes', 'composite', 'constraint'],
    names: q('django.db.models', 'Index', 'UniqueConstraint', 'CheckConstraint'),
    kwargs: ['db_index'],
  },
  {
    id: 'query-inspection', topic: 'query-optimization', title: 'inspecting queries',
    probe: 'Finding slow and N+1 queries: `connection.queries`, `explain()`, Debug Toolbar, and SQL logging.',
    keywords: ['explain', 'connection.queries', 'debug toolbar', 'slow queries', 'n+1'],
    names: q('django.db', 'connection.queries', 'reset_queries'),
    // `queryset`: `.explain()` is a common name (a cron iterator's, healthchecks' `it.explain()`).
    methods: ['explain'], methodLevel: 'queryset',
  },

  // ── ORM & QuerySet API ───────────────────────────────────────────────────
  {
    id: 'f-expression', topic: 'orm-queries', title: 'F() expression',
    probe: 'Arithmetic done in the database, race-free counters (`F("stock") - 1`), and `refresh_from_db()` after an F update.',
    keywords: ['f(', 'f expression', 'f()', 'race condition', 'atomic update'],
    names: q('django.db.models', 'F').concat(q('django.db.models.expressions', 'F')),
  },
  {
    id: 'q-object', topic: 'orm-queries', title: 'Q() object',
    probe: 'Combining lookups with `|`, `&` and `~`, and building complex or dynamic filters from Q objects.',
    keywords: ['q(', 'q()', 'q object', 'complex lookups', 'f()'],
    names: q('django.db.models', 'Q').concat(q('django.db.models.query_utils', 'Q')),
  },
  {
    id: 'annotate-aggregate', topic: 'orm-queries', title: 'annotate() / aggregate()',
    probe: 'Per-row `annotate()` vs whole-queryset `aggregate()`, GROUP BY through `values()`, and inflated counts across joins (`distinct=True`).',
    keywords: ['annotate', 'aggregate', 'count(', 'group by', 'sum('],
    names: q('django.db.models', 'Count', 'Sum', 'Avg', 'Max', 'Min'),
    methods: ['annotate', 'aggregate', 'aaggregate'], methodLevel: 'django',
  },
  {
    id: 'subquery-expressions', topic: 'orm-queries', title: 'Subquery / OuterRef / Exists',
    probe: 'Correlated subqueries with `OuterRef`, `Exists` for cheap membership tests, conditional `Case`/`When`, and window functions.',
    keywords: ['subquery', 'outerref', 'exists', 'case', 'window'],
    names: q('django.db.models', 'Subquery', 'OuterRef', 'Exists', 'Case', 'When', 'Window', 'ExpressionWrapper')
      .concat(q('django.db.models.expressions', 'Subquery', 'OuterRef', 'Exists')),
  },
  {
    id: 'get-or-create', topic: 'orm-queries', title: 'get_or_create() / update_or_create()',
    probe: 'The race between the get and the create, the unique constraint that makes it safe, and what `defaults` does.',
    keywords: ['get_or_create', 'update_or_create', 'race condition', 'unique', 'integrityerror'],
    methods: ['get_or_create', 'update_or_create', 'aget_or_create', 'aupdate_or_create'], methodLevel: 'any',
  },
  {
    id: 'queryset-update', topic: 'orm-queries', title: 'QuerySet.update()',
    probe: 'One SQL UPDATE for every matching row: no `save()`, no `pre_save`/`post_save` signals, the count of matched rows it returns, and race-free changes with `F()`.',
    keywords: ['update(', 'queryset.update', 'atomic update', 'race condition', 'concurren*'],
    // `queryset`: `dict.update(` is everywhere.
    methods: ['update'], methodLevel: 'queryset',
  },
  {
    id: 'queryset-evaluation', topic: 'orm-queries', title: 'count() / exists()',
    probe: 'When a lazy QuerySet runs its query (iteration, `len()`, `bool()`, slicing), its result cache, and `count()`/`exists()` instead of loading every row.',
    keywords: ['exists()', 'count()', 'lazy', 'evaluat*', 'result cache'],
    // `queryset`: `list.count(x)`, `Path.exists()`.
    methods: ['exists', 'count'], methodLevel: 'queryset',
  },
  {
    id: 'custom-manager', topic: 'models', title: 'custom Manager / QuerySet',
    probe: 'Manager vs QuerySet methods, `as_manager()`, chainable custom filters, and which manager related lookups use.',
    keywords: ['manager', 'queryset', 'as_manager', 'custom manager', 'objects'],
    names: q('django.db.models', 'Manager', 'QuerySet').concat(q('django.db.models.manager', 'Manager'), q('django.db.models.query', 'QuerySet')),
    methods: ['as_manager', 'from_queryset'], methodLevel: 'any',
  },
  {
    id: 'multi-db', topic: 'performance-scaling', title: 'multiple databases / read replicas',
    probe: 'Read replicas and routers (`db_for_read`/`db_for_write`), `using()`, and reading your own writes despite replication lag.',
    keywords: ['replica', 'database router', 'using(', 'db_for_read', 'multiple databases'],
    methods: ['using'], methodLevel: 'django',
    settings: ['DATABASE_ROUTERS'],
    defs: ['db_for_read', 'db_for_write', 'allow_migrate', 'allow_relation'], defLevel: 'any',
  },
  {
    id: 'persistent-connections', topic: 'performance-scaling', title: 'CONN_MAX_AGE',
    probe: 'Persistent database connections, `CONN_MAX_AGE` with threads and workers, and when a pooler such as PgBouncer is needed.',
    keywords: ['conn_max_age', 'persistent connections', 'connection pool', 'pgbouncer'],
    stringKeys: ['CONN_MAX_AGE', 'CONN_HEALTH_CHECKS'],
  },

  // ── Transactions ─────────────────────────────────────────────────────────
  {
    id: 'atomic', topic: 'transactions', title: 'transaction.atomic',
    probe: 'Nesting and savepoints, why you must not catch exceptions inside `atomic`, and exactly what rolls back.',
    keywords: ['atomic', 'transaction', 'rollback', 'savepoint'],
    names: q('django.db.transaction', 'atomic'),
  },
  {
    id: 'on-commit', topic: 'transactions', title: 'transaction.on_commit',
    probe: 'Running side effects (Celery tasks, emails) only after the commit, what happens on rollback, and testing with `captureOnCommitCallbacks`.',
    keywords: ['on_commit', 'on commit', 'after commit', 'commits', 'transaction'],
    names: q('django.db.transaction', 'on_commit'), bare: 'any',
  },
  {
    id: 'select-for-update', topic: 'transactions', title: 'select_for_update()',
    probe: 'Row locks inside `atomic`, `nowait`/`skip_locked`, deadlocks, and pessimistic vs optimistic locking.',
    keywords: ['select_for_update', 'lock', 'race condition', 'concurrent', 'transaction'],
    methods: ['select_for_update'], methodLevel: 'any',
  },
  {
    id: 'atomic-requests', topic: 'transactions', title: 'ATOMIC_REQUESTS',
    probe: 'Wrapping every view in a transaction: the cost on slow requests, and `non_atomic_requests` to opt out.',
    keywords: ['atomic_requests', 'non_atomic_requests', 'transaction per request', 'atomic'],
    names: q('django.db.transaction', 'non_atomic_requests'), bare: 'any',
    stringKeys: ['ATOMIC_REQUESTS'], kwargs: ['ATOMIC_REQUESTS'],
  },
  {
    id: 'savepoints', topic: 'transactions', title: 'savepoints',
    probe: 'Manual savepoints inside `atomic`, partial rollback, and `set_rollback()` after catching an error.',
    keywords: ['savepoint', 'set_rollback', 'rollback', 'nested', 'atomic'],
    names: q('django.db.transaction', 'savepoint', 'savepoint_commit', 'savepoint_rollback', 'set_rollback', 'mark_for_rollback_on_error'),
  },

  // ── Caching ──────────────────────────────────────────────────────────────
  {
    id: 'cache-api', topic: 'caching', title: 'low-level cache API',
    probe: 'Cache-aside reads, invalidation on write, TTLs and stampedes (`get_or_set`, locks), and key versioning.',
    keywords: ['cache.get', 'cache.set', 'invalidat*', 'redis', 'get_or_set'],
    names: [
      ...q('django.core.cache.cache', 'get', 'set', 'add', 'delete', 'get_or_set', 'get_many', 'set_many', 'delete_many',
        'incr', 'decr', 'touch', 'clear', 'has_key', 'aget', 'aset', 'adelete', 'aget_or_set'),
      'django.core.cache.caches',
    ],
  },
  {
    id: 'cache-page', topic: 'caching', title: '@cache_page',
    probe: 'Per-view caching: what the key includes (URL, headers), pages that differ per user, and invalidation you cannot do.',
    keywords: ['cache_page', 'per-view', 'view cache', 'cache_control', 'caching'],
    names: q('django.views.decorators.cache', 'cache_page', 'never_cache', 'cache_control'), bare: 'any',
  },
  {
    id: 'cache-vary', topic: 'caching', title: 'Vary headers',
    probe: 'The `Vary` header: caching one variant per header or cookie, and why it matters for logged-in pages.',
    keywords: ['vary', 'vary_on_headers', 'vary_on_cookie', 'headers', 'cache'],
    names: q('django.views.decorators.vary', 'vary_on_headers', 'vary_on_cookie').concat(q('django.utils.cache', 'patch_vary_headers')), bare: 'any',
  },
  {
    id: 'template-cache', topic: 'caching', title: '{% cache %} fragment caching',
    probe: 'Template fragment caching, keys that vary on arguments (such as the user), and invalidating fragments.',
    keywords: ['fragment', '{% cache', 'template cache', 'cache'],
    tags: ['cache'],
  },
  {
    id: 'cache-settings', topic: 'caching', title: 'CACHES setting',
    probe: 'Choosing a backend (Redis, Memcached, per-process locmem), `KEY_PREFIX`, timeouts, and caches shared across servers.',
    keywords: ['caches', 'redis', 'memcached', 'backend', 'cache'],
    settings: ['CACHES'],
  },

  // ── Middleware ───────────────────────────────────────────────────────────
  {
    id: 'middleware-class', topic: 'middleware', title: 'custom middleware',
    probe: 'The onion model: order in `MIDDLEWARE`, `get_response`, short-circuiting with a response, and the `process_view`/`process_exception` hooks.',
    keywords: ['middleware', 'get_response', 'process_view', '__call__', 'order'],
    names: q('django.utils.deprecation', 'MiddlewareMixin'),
    defs: ['process_view', 'process_exception', 'process_template_response', 'process_request', 'process_response'], defLevel: 'django',
  },
  {
    id: 'middleware-setting', topic: 'middleware', title: 'MIDDLEWARE setting',
    probe: 'Why order matters (Security, Session, CSRF, Auth…), which middleware depends on which, and the request/response order.',
    keywords: ['middleware', 'order', 'settings', 'request', 'response'],
    settings: ['MIDDLEWARE', 'MIDDLEWARE_CLASSES'],
  },

  // ── Migrations ───────────────────────────────────────────────────────────
  {
    id: 'migration', topic: 'migrations', title: 'migrations.Migration',
    probe: 'Dependencies, squashing, conflicting migrations from two branches, and non-atomic migrations.',
    keywords: ['migration', 'migrate', 'makemigrations', 'squash', 'dependencies'],
    names: q('django.db.migrations', 'Migration'),
  },
  {
    id: 'run-python', topic: 'migrations', title: 'RunPython data migration',
    probe: 'Data migrations with `apps.get_model` (historical models), reversibility (`reverse_code`), and batching large updates.',
    keywords: ['runpython', 'data migration', 'apps.get_model', 'reverse', 'migration'],
    names: q('django.db.migrations', 'RunPython'),
  },
  {
    id: 'run-sql', topic: 'migrations', title: 'RunSQL',
    probe: 'Raw SQL in migrations, `reverse_sql`, `state_operations`, and database-specific DDL.',
    keywords: ['runsql', 'raw sql', 'reverse_sql', 'migration'],
    names: q('django.db.migrations', 'RunSQL'),
  },
  {
    id: 'zero-downtime-migration', topic: 'migrations', title: 'zero-downtime schema change',
    probe: 'Expand/contract migrations, adding columns and indexes without locking big tables, and the order of deploy and migrate.',
    keywords: ['zero-downtime', 'zero downtime', 'lock', 'concurrently', 'large table'],
    names: q('django.db.migrations', 'SeparateDatabaseAndState').concat(q('django.contrib.postgres.operations', 'AddIndexConcurrently', 'RemoveIndexConcurrently')),
  },

  // ── Async ────────────────────────────────────────────────────────────────
  {
    id: 'async-view', topic: 'async', title: 'async view',
    probe: 'What runs async end to end (ASGI), sync middleware and ORM calls forcing thread hops, and when async views actually help.',
    keywords: ['async view', 'async def', 'asgi', 'async', 'await'],
  },
  {
    id: 'sync-to-async', topic: 'async', title: 'sync_to_async / async_to_sync',
    probe: 'Thread-sensitive mode, calling the ORM from async code, and the deadlock and performance traps of bridging.',
    keywords: ['sync_to_async', 'async_to_sync', 'thread', 'orm', 'async'],
    names: q('asgiref.sync', 'sync_to_async', 'async_to_sync').concat(q('channels.db', 'database_sync_to_async')), bare: 'any',
  },
  {
    id: 'async-orm', topic: 'async', title: 'async ORM',
    probe: 'Django\'s async query API (`aget`, `async for`), what is still synchronous underneath, and transactions in async code.',
    keywords: ['async orm', 'aget', 'async for', 'async', 'orm'],
    methods: ['aget', 'acreate', 'acount', 'aexists', 'afirst', 'alast', 'adelete', 'aupdate', 'ain_bulk', 'aiterator',
      'asave', 'aearliest', 'alatest', 'acontains', 'aexplain', 'arefresh_from_db'],
    methodLevel: 'django',
  },
  {
    id: 'channels-consumer', topic: 'async', title: 'Channels consumer',
    probe: 'WebSocket consumers, channel layers (Redis) and groups, scaling across workers, and authentication through `scope`.',
    keywords: ['channels', 'websocket', 'consumer', 'channel layer', 'group_send'],
    names: q('channels.generic.websocket', 'WebsocketConsumer', 'AsyncWebsocketConsumer', 'JsonWebsocketConsumer', 'AsyncJsonWebsocketConsumer')
      .concat(q('channels.generic.http', 'AsyncHttpConsumer'), q('channels.consumer', 'SyncConsumer', 'AsyncConsumer'), q('channels.layers', 'get_channel_layer')),
    methods: ['group_send', 'group_add', 'group_discard'], methodLevel: 'any',
    defs: ['connect', 'disconnect', 'receive', 'receive_json', 'websocket_connect', 'websocket_receive', 'websocket_disconnect'], defLevel: 'consumer',
  },
  {
    id: 'asgi-app', topic: 'async', title: 'ASGI application',
    probe: 'ASGI vs WSGI servers (Uvicorn, Daphne), routing HTTP and WebSocket traffic, and long-lived connections.',
    keywords: ['asgi', 'uvicorn', 'daphne', 'wsgi', 'protocoltyperouter'],
    names: q('django.core.asgi', 'get_asgi_application').concat(q('channels.routing', 'ProtocolTypeRouter', 'URLRouter')), bare: 'any',
    settings: ['ASGI_APPLICATION', 'CHANNEL_LAYERS'],
  },

  // ── Celery ───────────────────────────────────────────────────────────────
  {
    id: 'celery-task', topic: 'celery-tasks', title: 'Celery task',
    probe: 'Idempotency, retries with backoff, `acks_late`, passing ids rather than objects, and where results go.',
    keywords: ['celery', 'task', 'idempoten*', 'retry', 'shared_task'],
    names: ['celery.shared_task', 'celery.Celery().task'], bare: 'any',
  },
  {
    id: 'celery-call', topic: 'celery-tasks', title: '.delay() / .apply_async()',
    probe: '`delay` vs `apply_async` (countdown, eta, queues), enqueueing after commit (`on_commit`), and what happens when the broker is down.',
    keywords: ['delay(', 'apply_async', 'on_commit', 'celery', 'queue'],
    methods: ['delay', 'apply_async'], methodLevel: 'celery',
  },
  {
    id: 'celery-beat', topic: 'celery-tasks', title: 'Celery beat schedule',
    probe: 'Periodic tasks with beat, running exactly one beat process, and runs that overlap.',
    keywords: ['beat', 'periodic', 'crontab', 'schedule', 'celery'],
    names: ['celery.schedules.crontab', 'celery.Celery().conf.beat_schedule'],
    settings: ['CELERY_BEAT_SCHEDULE'],
  },
  {
    id: 'celery-config', topic: 'celery-tasks', title: 'Celery app configuration',
    probe: 'Broker vs result backend, `autodiscover_tasks`, the settings namespace, and eager mode in tests.',
    keywords: ['broker', 'celery', 'result backend', 'redis', 'rabbitmq'],
    names: ['celery.Celery', 'celery.Celery().autodiscover_tasks', 'celery.Celery().config_from_object'],
    settings: ['CELERY_BROKER_URL', 'CELERY_RESULT_BACKEND', 'CELERY_TASK_ALWAYS_EAGER', 'CELERY_TASK_ACKS_LATE'],
  },

  // ── Django REST framework ────────────────────────────────────────────────
  {
    id: 'drf-serializer', topic: 'drf-apis', title: 'DRF serializer',
    probe: 'Validation (`validate_<field>`, `validate`), nested writes, `SerializerMethodField` N+1s, and separate read and write serializers.',
    keywords: ['serializer', 'modelserializer', 'validation', 'serializermethodfield', 'nested'],
    names: q('rest_framework.serializers', 'Serializer', 'ModelSerializer', 'HyperlinkedModelSerializer', 'ListSerializer',
      'SerializerMethodField', 'PrimaryKeyRelatedField', 'SlugRelatedField', 'StringRelatedField', 'HyperlinkedRelatedField'),
  },
  {
    id: 'drf-viewset', topic: 'drf-apis', title: 'DRF ViewSet and router',
    probe: 'ViewSets and routers vs explicit views, `get_queryset` per action, custom `@action`s, and optimising list querysets.',
    keywords: ['viewset', 'modelviewset', 'router', 'action', 'get_queryset'],
    names: q('rest_framework.viewsets', 'ModelViewSet', 'ViewSet', 'GenericViewSet', 'ReadOnlyModelViewSet')
      .concat(q('rest_framework.routers', 'DefaultRouter', 'SimpleRouter', 'DefaultRouter().register', 'SimpleRouter().register'),
        q('rest_framework.decorators', 'action'),
        q('rest_framework.mixins', 'ListModelMixin', 'CreateModelMixin', 'RetrieveModelMixin', 'UpdateModelMixin', 'DestroyModelMixin')),
    methods: [['register', 'router']],
  },
  {
    id: 'drf-apiview', topic: 'drf-apis', title: 'DRF APIView / generic views',
    probe: 'APIView vs generic views vs viewsets, request parsing and content negotiation, and where the business logic lives.',
    keywords: ['apiview', 'generic views', 'api_view', 'rest framework', 'api'],
    names: q('rest_framework.views', 'APIView').concat(
      q('rest_framework.generics', 'GenericAPIView', 'ListAPIView', 'CreateAPIView', 'RetrieveAPIView', 'UpdateAPIView', 'DestroyAPIView',
        'ListCreateAPIView', 'RetrieveUpdateAPIView', 'RetrieveDestroyAPIView', 'RetrieveUpdateDestroyAPIView'),
      q('rest_framework.decorators', 'api_view')),
    bare: 'decorator',
  },
  {
    id: 'drf-permissions', topic: 'authorization', title: 'DRF permissions',
    probe: '`has_permission` vs `has_object_permission`, why object permissions never run for list views, and the default permission policy.',
    keywords: ['permission_classes', 'has_object_permission', 'permission', 'isauthenticated', 'object-level'],
    names: q('rest_framework.permissions', 'BasePermission', 'IsAuthenticated', 'IsAdminUser', 'AllowAny', 'IsAuthenticatedOrReadOnly',
      'DjangoModelPermissions', 'DjangoObjectPermissions').concat(q('rest_framework.decorators', 'permission_classes')),
    attributes: ['permission_classes'], stringKeys: ['DEFAULT_PERMISSION_CLASSES'],
    defs: ['has_permission', 'has_object_permission'], defLevel: 'django',
  },
  {
    id: 'drf-throttling', topic: 'drf-apis', title: 'DRF throttling',
    probe: 'Rate limits per user, IP or scope, the cache behind throttles, and why throttling is not a security boundary.',
    keywords: ['throttl*', 'rate limit', 'userratethrottle', 'throttle_classes', 'scope'],
    names: q('rest_framework.throttling', 'BaseThrottle', 'SimpleRateThrottle', 'UserRateThrottle', 'AnonRateThrottle', 'ScopedRateThrottle')
      .concat(q('rest_framework.decorators', 'throttle_classes')),
    attributes: ['throttle_classes', 'throttle_scope'], stringKeys: ['DEFAULT_THROTTLE_CLASSES', 'DEFAULT_THROTTLE_RATES'],
  },
  {
    id: 'drf-authentication', topic: 'authentication', title: 'DRF authentication',
    probe: 'Session vs token vs JWT for APIs, revoking and refreshing tokens, and CSRF with `SessionAuthentication`.',
    keywords: ['jwt', 'token', 'authentication_classes', 'sessionauthentication', 'authentication'],
    names: q('rest_framework.authentication', 'BaseAuthentication', 'TokenAuthentication', 'SessionAuthentication', 'BasicAuthentication')
      .concat(q('rest_framework_simplejwt.authentication', 'JWTAuthentication'), q('rest_framework_simplejwt.tokens', 'RefreshToken', 'AccessToken')),
    attributes: ['authentication_classes'], stringKeys: ['DEFAULT_AUTHENTICATION_CLASSES'],
  },
  {
    id: 'drf-pagination', topic: 'drf-apis', title: 'DRF pagination',
    probe: 'Offset vs cursor pagination on large tables, stable ordering, and the cost of `COUNT(*)`.',
    keywords: ['pagination', 'cursor', 'page', 'limit', 'offset'],
    names: q('rest_framework.pagination', 'PageNumberPagination', 'LimitOffsetPagination', 'CursorPagination'),
    attributes: ['pagination_class'], stringKeys: ['DEFAULT_PAGINATION_CLASS'],
  },

  // ── Security ─────────────────────────────────────────────────────────────
  {
    id: 'csrf-exempt', topic: 'security', title: '@csrf_exempt',
    probe: 'What CSRF protects against, when exempting a view is acceptable (signed webhooks), and token-authenticated APIs.',
    keywords: ['csrf_exempt', 'csrf', 'cross-site request forgery', 'token', 'webhook'],
    names: q('django.views.decorators.csrf', 'csrf_exempt', 'csrf_protect', 'ensure_csrf_cookie', 'requires_csrf_token'), bare: 'any',
  },
  {
    id: 'mark-safe', topic: 'security', title: 'mark_safe / format_html',
    probe: 'Autoescaping and XSS: why `mark_safe` on user input is dangerous and how `format_html` escapes its arguments.',
    keywords: ['mark_safe', 'xss', 'escap*', 'format_html', 'cross-site scripting'],
    names: q('django.utils.safestring', 'mark_safe').concat(q('django.utils.html', 'format_html')), bare: 'any',
  },
  {
    id: 'raw-sql', topic: 'security', title: 'raw SQL',
    probe: 'SQL injection: parameterised queries (`params`) vs string formatting, and when leaving the ORM is justified.',
    keywords: ['sql injection', 'raw(', 'raw sql', 'parameter', 'cursor'],
    names: q('django.db.models', 'RawSQL').concat(q('django.db.models.expressions', 'RawSQL')),
    methods: ['raw', 'extra', ['execute', 'cursor'], ['executemany', 'cursor']], methodLevel: 'django',
  },
  {
    id: 'template-safe', topic: 'security', title: '|safe / autoescape off',
    probe: 'Turning autoescaping off, XSS through user content, and safer alternatives (`format_html`, `json_script`).',
    keywords: ['safe', 'autoescape', 'xss', 'escap*', 'mark_safe'],
    filters: ['safe', 'safeseq'],
  },
  {
    id: 'template-csrf', topic: 'security', title: '{% csrf_token %}',
    probe: 'How the CSRF token is checked (cookie plus form field or header), AJAX requests, and caching pages that contain tokens.',
    keywords: ['csrf_token', 'csrf', 'cross-site request forgery', 'token', 'form'],
    tags: ['csrf_token'],
  },
  {
    id: 'security-settings', topic: 'security', title: 'security settings',
    probe: 'HTTPS hardening (HSTS, secure cookies, SSL redirect), clickjacking, CORS, and `manage.py check --deploy`.',
    keywords: ['https', 'hsts', 'secure', 'cookie', 'check --deploy'],
    settings: ['CSRF_COOKIE_SECURE', 'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_HTTPONLY', 'X_FRAME_OPTIONS',
      'CSRF_TRUSTED_ORIGINS', 'CORS_ALLOWED_ORIGINS', 'CORS_ALLOW_ALL_ORIGINS', 'SECURE_*'],
  },

  // ── Authentication & authorization ───────────────────────────────────────
  {
    id: 'login-required', topic: 'authentication', title: '@login_required',
    probe: 'Decorator vs mixin vs middleware, `LOGIN_URL` and `next`, and protecting class-based views.',
    keywords: ['login_required', 'loginrequiredmixin', 'authenticated', 'login', 'protect'],
    names: q('django.contrib.auth.decorators', 'login_required').concat(q('django.contrib.auth.mixins', 'LoginRequiredMixin')), bare: 'any',
  },
  {
    id: 'authenticate-login', topic: 'authentication', title: 'authenticate() / login()',
    probe: 'Authentication backends, how `login()` rotates the session key, password hashing, and brute-force protection.',
    keywords: ['authenticate', 'backend', 'login(', 'password', 'hash'],
    names: q('django.contrib.auth', 'authenticate', 'login', 'logout', 'update_session_auth_hash')
      .concat(q('django.contrib.auth.hashers', 'make_password', 'check_password')),
  },
  {
    id: 'custom-user-model', topic: 'authentication', title: 'custom user model',
    probe: 'Starting a project with a custom user model, `AbstractUser` vs `AbstractBaseUser`, and referring to it through `AUTH_USER_MODEL`/`get_user_model()`.',
    keywords: ['custom user', 'abstractuser', 'abstractbaseuser', 'auth_user_model', 'get_user_model'],
    names: q('django.contrib.auth.models', 'AbstractUser', 'AbstractBaseUser', 'BaseUserManager', 'PermissionsMixin')
      .concat(q('django.contrib.auth.base_user', 'AbstractBaseUser', 'BaseUserManager'), q('django.contrib.auth', 'get_user_model')),
    bare: 'any',
    settings: ['AUTH_USER_MODEL'],
  },
  {
    id: 'password-settings', topic: 'authentication', title: 'PASSWORD_HASHERS / AUTH_PASSWORD_VALIDATORS',
    probe: 'Salted, iterated hashes (PBKDF2 by default): the first of `PASSWORD_HASHERS` stores new passwords, the others still verify old ones and are upgraded at login; `AUTH_PASSWORD_VALIDATORS` for strength rules.',
    keywords: ['password_hashers', 'auth_password_validators', 'pbkdf2', 'hash*', 'password'],
    settings: ['PASSWORD_HASHERS', 'AUTH_PASSWORD_VALIDATORS'],
  },
  {
    id: 'permission-checks', topic: 'authorization', title: 'permission checks',
    probe: 'Model permissions, groups and object-level permissions, and where checks belong (view, queryset, template).',
    keywords: ['permission', 'has_perm', 'permission_required', 'groups', 'object-level'],
    names: q('django.contrib.auth.decorators', 'permission_required', 'user_passes_test')
      .concat(q('django.contrib.auth.mixins', 'PermissionRequiredMixin', 'UserPassesTestMixin')),
    bare: 'any',
    methods: ['has_perm', 'has_perms'], methodLevel: 'any',
  },
  {
    id: 'sessions', topic: 'authentication', title: 'request.session',
    probe: 'Where sessions live (database, cache, signed cookies), session fixation, and expiry.',
    keywords: ['session', 'cookie', 'session_engine', 'expiry'],
    settings: ['SESSION_ENGINE', 'SESSION_COOKIE_AGE'],
  },

  // ── Settings ─────────────────────────────────────────────────────────────
  {
    id: 'settings-access', topic: 'settings-config', title: 'django.conf.settings',
    probe: 'Why code reads `django.conf.settings` (lazy, overridable in tests) rather than importing the settings module.',
    keywords: ['settings', 'django.conf', 'configuration', 'environment'],
  },
  {
    id: 'settings-core', topic: 'settings-config', title: 'core settings',
    probe: 'Settings per environment, secrets from the environment, and what `DEBUG = True` leaks in production.',
    keywords: ['debug', 'secret_key', 'allowed_hosts', 'environment', 'settings'],
    settings: ['DEBUG', 'SECRET_KEY', 'ALLOWED_HOSTS', 'DATABASES', 'INSTALLED_APPS', 'ROOT_URLCONF', 'DEFAULT_AUTO_FIELD', 'TEMPLATES'],
  },

  // ── Testing ──────────────────────────────────────────────────────────────
  {
    id: 'assert-num-queries', topic: 'testing', title: 'assertNumQueries',
    probe: 'Pinning query counts to catch N+1 regressions, and what makes those counts brittle.',
    keywords: ['assertnumqueries', 'number of queries', 'n+1', 'query count', 'test'],
    names: q('django.test.utils', 'CaptureQueriesContext'),
    methods: ['assertNumQueries'], methodLevel: 'any',
  },
  {
    id: 'django-test-case', topic: 'testing', title: 'Django TestCase',
    probe: '`TestCase` (a transaction per test) vs `TransactionTestCase`, `setUpTestData`, fixtures vs factories, and testing `on_commit` callbacks.',
    keywords: ['testcase', 'transactiontestcase', 'test', 'pytest', 'fixtures'],
    names: q('django.test', 'TestCase', 'TransactionTestCase', 'SimpleTestCase', 'LiveServerTestCase', 'Client', 'RequestFactory')
      .concat(q('rest_framework.test', 'APITestCase', 'APITransactionTestCase', 'APIClient', 'APIRequestFactory'), ['pytest.mark.django_db']),
    methods: ['captureOnCommitCallbacks'], methodLevel: 'any',
    defs: ['setUpTestData'], defLevel: 'any',
  },
  {
    id: 'override-settings', topic: 'testing', title: 'override_settings',
    probe: 'Overriding settings per test, values cached at import time that never notice, and designing settings-dependent code.',
    keywords: ['override_settings', 'settings', 'test', 'modify_settings'],
    names: q('django.test', 'override_settings', 'modify_settings').concat(q('django.test.utils', 'override_settings', 'modify_settings')), bare: 'any',
  },

  // ── Forms & validation ───────────────────────────────────────────────────
  {
    id: 'form-class', topic: 'forms-validation', title: 'Form / ModelForm',
    probe: '`Form` vs `ModelForm`, `fields`/`exclude` and mass assignment, and formsets.',
    keywords: ['modelform', 'form', 'formset', 'fields', 'validation'],
    names: q('django.forms', 'Form', 'ModelForm', 'BaseForm', 'BaseModelForm', 'formset_factory', 'modelformset_factory', 'inlineformset_factory')
      .concat(q('django.forms.models', 'ModelForm')),
  },
  {
    id: 'form-validation', topic: 'forms-validation', title: 'validation (clean / ValidationError)',
    probe: 'The validation order (field `to_python`, `clean_<field>`, `clean()`), raising `ValidationError`, and model vs form validation.',
    keywords: ['clean()', 'validationerror', 'validation', 'cleaned_data', 'is_valid'],
    names: q('django.core.exceptions', 'ValidationError').concat(q('django.forms', 'ValidationError'),
      q('rest_framework.exceptions', 'ValidationError'), q('rest_framework.serializers', 'ValidationError')),
    methods: ['is_valid'], methodLevel: 'django',
  },

  // ── Models ───────────────────────────────────────────────────────────────
  {
    id: 'model-definition', topic: 'models', title: 'models.Model',
    probe: 'Field choices, `Meta` options, fat models vs service layers, and overriding `save()`.',
    keywords: ['models.model', 'model', 'fields', 'save()', 'abstract'],
    names: q('django.db.models', 'Model'),
  },
  {
    id: 'model-save', topic: 'models', title: 'overriding save() / delete()',
    probe: 'Calling `super().save(**kwargs)` with the arguments passed through, adding changed fields to `update_fields`, the bulk operations that never call it (`QuerySet.update()`, `bulk_create()`, queryset `delete()`), and an override against a signal receiver.',
    keywords: ['super().save', 'save()', 'overrid*', 'delete()', 'signal'],
    defs: ['save', 'delete'], defLevel: 'model',
  },
  {
    id: 'model-meta', topic: 'models', title: 'model Meta',
    probe: 'The cost of default `ordering`, `indexes` and `constraints`, `abstract` vs multi-table inheritance, and `db_table`.',
    keywords: ['class meta', 'meta', 'abstract', 'ordering', 'constraints'],
  },
  {
    id: 'relation-fields', topic: 'models', title: 'ForeignKey / ManyToManyField',
    probe: '`on_delete` choices, `related_name`, through models for M2M, and the queries every relation costs.',
    keywords: ['foreignkey', 'on_delete', 'related_name', 'manytomany', 'onetoone'],
    names: q('django.db.models', 'ForeignKey', 'OneToOneField', 'ManyToManyField'),
  },
  {
    id: 'generic-relations', topic: 'models', title: 'generic relations',
    probe: 'Content types and generic foreign keys: flexibility against lost database integrity and harder queries.',
    keywords: ['genericforeignkey', 'contenttype', 'generic relation', 'polymorphic'],
    names: q('django.contrib.contenttypes.fields', 'GenericForeignKey', 'GenericRelation').concat(q('django.contrib.contenttypes.models', 'ContentType')),
  },

  // ── Views, URLs, templates ───────────────────────────────────────────────
  {
    id: 'url-routing', topic: 'views-urls', title: 'URL routing',
    probe: 'Path converters, `include()` and namespaces, pattern order, and resolving URLs by name.',
    keywords: ['urlpatterns', 'path(', 'url', 'routing', 'include'],
    names: q('django.urls', 'path', 're_path', 'include'),
  },
  {
    id: 'url-reverse', topic: 'views-urls', title: 'reverse() / {% url %}',
    probe: 'Named URLs, namespaces, `reverse_lazy` at import time, and never hard-coding paths.',
    keywords: ['reverse', 'url name', 'namespace', '{% url', 'reverse_lazy'],
    names: q('django.urls', 'reverse', 'reverse_lazy'), tags: ['url'],
  },
  {
    id: 'class-based-view', topic: 'views-urls', title: 'class-based view',
    probe: 'Function vs class-based views, the `dispatch()` flow, mixin order, and overriding `get_queryset`/`get_context_data`.',
    keywords: ['class-based', 'cbv', 'as_view', 'generic view', 'dispatch'],
    names: q('django.views', 'View').concat(
      q('django.views.generic', 'View', 'TemplateView', 'ListView', 'DetailView', 'CreateView', 'UpdateView', 'DeleteView', 'FormView', 'RedirectView')),
    methods: ['as_view'], methodLevel: 'any',
  },
  {
    id: 'view-shortcuts', topic: 'views-urls', title: 'view shortcuts & HTTP decorators',
    probe: 'What `render`/`get_object_or_404` do, restricting HTTP methods, and JSON or streaming responses.',
    keywords: ['get_object_or_404', 'render', 'require_http_methods', 'jsonresponse', 'view'],
    names: q('django.shortcuts', 'get_object_or_404', 'get_list_or_404', 'render', 'redirect')
      .concat(q('django.http', 'JsonResponse', 'StreamingHttpResponse'),
        q('django.views.decorators.http', 'require_http_methods', 'require_POST', 'require_GET', 'require_safe')),
    bare: 'decorator',
  },
  {
    id: 'template-inheritance', topic: 'templates', title: '{% extends %} / {% block %}',
    probe: 'Template inheritance, `{{ block.super }}`, includes with `only`, and keeping logic out of templates.',
    keywords: ['extends', 'block', 'inheritance', 'include', 'template'],
    tags: ['extends', 'block', 'include'],
  },
  {
    id: 'template-tags-library', topic: 'templates', title: 'custom template tags and filters',
    probe: 'Custom filters vs simple and inclusion tags, `is_safe` and autoescaping in filters, and where the logic should really live.',
    keywords: ['template tag', 'filter', 'simple_tag', 'inclusion_tag', 'templatetags'],
    names: ['django.template.Library', 'django.template.Library().filter', 'django.template.Library().simple_tag',
      'django.template.Library().inclusion_tag', 'django.template.Library().tag'],
  },
  {
    id: 'context-processors', topic: 'templates', title: 'context processors',
    probe: 'Functions of the request returning a dict that every `RequestContext` render merges in, listed in `TEMPLATES` `OPTIONS`; global template data, and the query one may run on every page.',
    keywords: ['context_processors', 'context processor', 'requestcontext', 'template', 'context'],
    stringKeys: ['context_processors'],
  },
  {
    id: 'template-n-plus-one', topic: 'query-optimization', title: 'related lookups in template loops',
    probe: 'A related lookup inside `{% for %}` runs one query per row; prefetch it in the view.',
    keywords: ['n+1', 'template', 'prefetch_related', 'loop', 'select_related'],
  },
  {
    id: 'static-media', topic: 'deployment', title: 'static and media files',
    probe: '`collectstatic`, serving static files in production (WhiteNoise, CDN), hashed file names, and user-uploaded media.',
    keywords: ['static', 'collectstatic', 'whitenoise', 'media', 'cdn'],
    names: q('django.conf.urls.static', 'static'),
    settings: ['STATIC_ROOT', 'STATIC_URL', 'STATICFILES_DIRS', 'STATICFILES_STORAGE', 'STORAGES', 'MEDIA_ROOT', 'MEDIA_URL'],
    tags: ['static'],
  },
  {
    id: 'file-field', topic: 'deployment', title: 'FileField / ImageField',
    probe: 'Files kept by a storage backend (`MEDIA_ROOT`, or S3 through django-storages) with only their path in a `varchar` column, `upload_to`, checking type and size, and files left behind when the row is deleted.',
    keywords: ['filefield', 'imagefield', 'upload_to', 'file upload*', 'storage'],
    names: q('django.db.models', 'FileField', 'ImageField').concat(q('django.forms', 'FileField', 'ImageField')),
    kwargs: ['upload_to'],
  },
  {
    id: 'i18n', topic: 'i18n', title: 'translation',
    probe: '`gettext` vs `gettext_lazy` (strings evaluated at import time), `makemessages`/`compilemessages`, and the locale middleware.',
    keywords: ['gettext', 'translation', 'i18n', 'locale', 'gettext_lazy'],
    names: q('django.utils.translation', 'gettext', 'gettext_lazy', 'ngettext', 'pgettext', 'ugettext', 'ugettext_lazy'),
    bare: 'any',
    settings: ['LANGUAGE_CODE', 'USE_I18N', 'LANGUAGES', 'LOCALE_PATHS'],
    tags: ['trans', 'translate', 'blocktrans', 'blocktranslate'],
  },

  // ── Admin, commands, deployment, monitoring, integrations ────────────────
  {
    id: 'admin-site', topic: 'admin-commands', title: 'Django admin',
    probe: 'Customising `ModelAdmin` (`list_display`, `list_select_related`, `raw_id_fields`), N+1 queries in the admin, and admin permissions.',
    keywords: ['admin', 'modeladmin', 'list_display', 'list_select_related', 'register'],
    names: q('django.contrib.admin', 'register', 'site.register', 'ModelAdmin', 'TabularInline', 'StackedInline'),
  },
  {
    id: 'management-command', topic: 'admin-commands', title: 'management command',
    probe: 'Writing commands (`add_arguments`, `handle`), idempotency, scheduling them, and testing with `call_command`.',
    keywords: ['management command', 'basecommand', 'manage.py', 'call_command', 'handle'],
    names: q('django.core.management.base', 'BaseCommand').concat(q('django.core.management', 'BaseCommand', 'call_command')),
  },
  {
    id: 'wsgi-app', topic: 'deployment', title: 'WSGI application',
    probe: 'WSGI servers (Gunicorn workers and threads), process models, and how a request reaches Django.',
    keywords: ['wsgi', 'gunicorn', 'workers', 'deploy'],
    names: q('django.core.wsgi', 'get_wsgi_application'), bare: 'any',
  },
  {
    id: 'logging-config', topic: 'debugging-monitoring', title: 'LOGGING setting',
    probe: 'The logger hierarchy, handlers and formatters, `django.request` errors, and structured logs.',
    keywords: ['logging', 'logger', 'handler', 'sentry', 'monitoring'],
    settings: ['LOGGING'],
  },
  {
    id: 'logger', topic: 'debugging-monitoring', title: 'logging.getLogger',
    probe: 'Loggers named after their module (`getLogger(__name__)`) that `LOGGING` configures through the dotted hierarchy and propagation, choosing levels, and `logger.exception` to keep the traceback.',
    keywords: ['getlogger', 'logger', 'logging', 'log level*', 'traceback'],
    names: q('logging', 'getLogger').concat(q('celery.utils.log', 'get_task_logger')),
  },
  {
    id: 'send-mail', topic: 'ecosystem-integrations', title: 'sending email',
    probe: 'Sending mail inside the request vs in a task, email backends in tests (`locmem`), and retries.',
    keywords: ['email', 'send_mail', 'smtp', 'celery', 'backend'],
    names: q('django.core.mail', 'send_mail', 'send_mass_mail', 'EmailMessage', 'EmailMultiAlternatives'), bare: 'any',
  },
];

const BY_ID = new Map(RULES.map(r => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
