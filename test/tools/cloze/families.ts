// The API families cloze options are drawn from. A family is a set of names a half-prepared candidate
// mixes up: each member is a real Django / DRF / Celery / Channels API (Django 5.2), and the reason says
// why they belong together, so that a wrong option is plausible but checkable. The generator blanks any
// member it finds in a guide answer and proposes the others as options; a reviewer then keeps three
// that make the sentence false (cloze-review.json records every decision).

export interface ApiFamily {
  /** kebab-case, shown in ClozeItem.family. */
  id: string;
  /** Why these names are confusable: what they share and what tells them apart. */
  reason: string;
  /**
   * Option texts as a user would write them (`select_related()`, `cache.set()`, `post_save`). A qualifier
   * in brackets is optional when matching (`[transaction.]atomic()` also finds a bare `atomic()`); one
   * without brackets is required (`cache.set()` never matches Python's `set()`). The option text drops
   * the brackets.
   */
  members: string[];
}

export const FAMILIES: readonly ApiFamily[] = [
  {
    id: 'queryset-loading',
    reason: 'QuerySet methods that decide what a query loads (joined rows, extra queries, which columns, dicts or tuples): the N+1 and over-fetching toolbox.',
    members: ['select_related()', 'prefetch_related()', 'only()', 'defer()', 'values()', 'values_list()', 'iterator()'],
  },
  {
    id: 'transactions-and-locking',
    reason: 'Transaction control and row locking: each groups, defers, locks, nests or ends work differently around a commit (several carry "commit" in their name, so the word alone gives nothing away).',
    members: ['[transaction.]atomic()', '[transaction.]on_commit()', 'select_for_update()', '[transaction.]savepoint()', '[transaction.]savepoint_commit()', 'transaction.commit()', '[transaction.]set_rollback()', '[transaction.]non_atomic_requests()'],
  },
  {
    id: 'model-signals',
    reason: 'The model signals of django.db.models.signals: they differ in when they fire (before/after, save/delete, m2m) and what they receive.',
    members: ['pre_save', 'post_save', 'pre_delete', 'post_delete', 'm2m_changed', 'pre_init', 'post_init', 'post_migrate'],
  },
  {
    id: 'request-signals',
    reason: 'The request and auth signals: each fires at a different point of a request or a login.',
    members: ['request_started', 'request_finished', 'got_request_exception', 'user_logged_in', 'user_logged_out', 'user_login_failed'],
  },
  {
    id: 'query-expressions',
    reason: 'ORM expressions built in Python and evaluated in SQL: field references, boolean conditions, subqueries and conditionals.',
    members: ['F()', 'Q()', 'Subquery()', 'OuterRef()', 'Exists()', 'Value()', 'Case()', 'When()', 'Func()'],
  },
  {
    id: 'queryset-aggregation',
    reason: 'Per-row annotations versus whole-set aggregates, and the aggregate functions they take.',
    members: ['annotate()', 'aggregate()', 'Count()', 'Sum()', 'Avg()', 'Max()', 'Min()'],
  },
  {
    id: 'orm-writes',
    reason: 'Ways to write through the ORM: one instance or a whole queryset, with or without save() and signals, in one query or many.',
    members: ['save()', 'update()', 'bulk_create()', 'bulk_update()', 'delete()', 'get_or_create()', 'update_or_create()', 'refresh_from_db()'],
  },
  {
    id: 'queryset-answers',
    reason: 'QuerySet calls that answer a question without loading every row, or load exactly one: what each returns and what SQL it runs.',
    members: ['exists()', 'count()', 'first()', 'last()', 'in_bulk()', 'contains()', 'earliest()', 'latest()'],
  },
  {
    id: 'low-level-cache-api',
    reason: 'The django.core.cache API: read, write, write-if-absent, read-through, invalidate, atomic counters.',
    members: ['cache.get()', 'cache.set()', 'cache.add()', 'cache.get_or_set()', 'cache.delete()', 'cache.incr()', 'cache.get_many()', 'cache.set_many()', 'cache.touch()', 'cache.clear()'],
  },
  {
    id: 'cache-decorators',
    reason: 'Per-view caching and caching-header decorators: they cache the response, forbid caching, or only set headers.',
    members: ['cache_page', 'never_cache', 'cache_control', 'vary_on_headers', 'vary_on_cookie', 'condition', 'etag', 'last_modified'],
  },
  {
    id: 'cache-backends',
    reason: 'Built-in cache backends: where the data lives decides whether processes share it and whether it survives restarts.',
    members: ['RedisCache', 'PyMemcacheCache', 'LocMemCache', 'DatabaseCache', 'FileBasedCache', 'DummyCache'],
  },
  {
    id: 'drf-permissions',
    reason: 'DRF permission classes and hooks: who may call a view or act on an object.',
    members: ['IsAuthenticated', 'IsAdminUser', 'AllowAny', 'IsAuthenticatedOrReadOnly', 'DjangoModelPermissions', 'DjangoObjectPermissions', 'BasePermission', 'has_permission()', 'has_object_permission()'],
  },
  {
    id: 'drf-authentication',
    reason: 'DRF authentication classes: how a request proves who sent it.',
    members: ['SessionAuthentication', 'TokenAuthentication', 'BasicAuthentication', 'RemoteUserAuthentication', 'JWTAuthentication'],
  },
  {
    id: 'drf-throttles',
    reason: 'DRF throttle classes: what the rate is keyed on, and the bases custom throttles extend.',
    members: ['UserRateThrottle', 'AnonRateThrottle', 'ScopedRateThrottle', 'SimpleRateThrottle', 'BaseThrottle'],
  },
  {
    id: 'drf-views',
    reason: 'DRF view layers: from plain APIView to routed viewsets, and what each adds.',
    members: ['APIView', 'GenericAPIView', 'ViewSet', 'GenericViewSet', 'ModelViewSet', 'ReadOnlyModelViewSet', 'DefaultRouter', 'SimpleRouter'],
  },
  {
    id: 'drf-serializers',
    reason: 'DRF serializer classes and fields: model-backed or not, how relations and computed values are represented.',
    members: ['Serializer', 'ModelSerializer', 'HyperlinkedModelSerializer', 'ListSerializer', 'SerializerMethodField', 'PrimaryKeyRelatedField', 'StringRelatedField', 'SlugRelatedField'],
  },
  {
    id: 'validation-hooks',
    reason: 'Where form, model and serializer validation runs: per field, across fields, and the entry points that trigger it.',
    members: ['clean()', 'full_clean()', 'is_valid()', 'validate()', 'clean_fields()', 'cleaned_data', 'validated_data', 'save(commit=False)'],
  },
  {
    id: 'middleware-hooks',
    // __init__ and __call__ are left out: every Python class has them, so they would match any class of any answer.
    reason: 'The parts of a middleware: the next handler it calls, and the optional hooks that run at different points around the view.',
    members: ['get_response', 'process_request', 'process_view', 'process_response', 'process_exception', 'process_template_response'],
  },
  {
    id: 'builtin-middleware',
    reason: "Django's built-in middleware: each owns one concern (security headers, CSRF, sessions, the user, clickjacking, compression, locale).",
    members: ['SecurityMiddleware', 'CsrfViewMiddleware', 'SessionMiddleware', 'AuthenticationMiddleware', 'CommonMiddleware', 'XFrameOptionsMiddleware', 'GZipMiddleware', 'LocaleMiddleware', 'MessageMiddleware', 'ConditionalGetMiddleware'],
  },
  {
    id: 'security-settings',
    reason: 'Security settings with one job each: HTTPS redirects, secure cookies, HSTS, host checking, proxy trust, framing, CSRF origins.',
    members: ['SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER', 'ALLOWED_HOSTS', 'X_FRAME_OPTIONS', 'CSRF_TRUSTED_ORIGINS', 'SESSION_COOKIE_HTTPONLY', 'SECRET_KEY', 'DEBUG'],
  },
  {
    id: 'database-settings',
    reason: 'Per-database and database-wide settings: connection reuse, health checks, request transactions, routing.',
    members: ['CONN_MAX_AGE', 'CONN_HEALTH_CHECKS', 'ATOMIC_REQUESTS', 'AUTOCOMMIT', 'DATABASE_ROUTERS', 'TEST'],
  },
  {
    id: 'test-case-classes',
    reason: "Django's test case classes: what each isolates (transactions, flushing, a live server) and what it allows (database or not).",
    members: ['SimpleTestCase', 'TestCase', 'TransactionTestCase', 'LiveServerTestCase', 'StaticLiveServerTestCase'],
  },
  {
    id: 'testing-tools',
    reason: 'Test helpers: clients at different layers, query counting, settings overrides, shared data, on_commit capture.',
    members: ['Client', 'APIClient', 'RequestFactory', 'APIRequestFactory', 'assertNumQueries()', 'override_settings', 'setUpTestData()', 'captureOnCommitCallbacks()', 'force_login()', 'force_authenticate()'],
  },
  {
    id: 'generic-views',
    reason: "Django's generic class-based views: each pairs a model or form with one kind of page.",
    members: ['ListView', 'DetailView', 'CreateView', 'UpdateView', 'DeleteView', 'FormView', 'TemplateView', 'RedirectView'],
  },
  {
    id: 'access-mixins-and-decorators',
    reason: 'View access control in django.contrib.auth: login, permission or an arbitrary test, as a mixin or a decorator.',
    members: ['LoginRequiredMixin', 'PermissionRequiredMixin', 'UserPassesTestMixin', 'login_required', 'permission_required', 'user_passes_test', 'login_not_required'],
  },
  {
    id: 'user-model-bases',
    reason: 'Ways to customise the user: full user behaviour, a bare password-and-login base, the permissions layer, and how code refers to the model.',
    members: ['AbstractUser', 'AbstractBaseUser', 'PermissionsMixin', 'BaseUserManager', 'get_user_model()'],
  },
  {
    id: 'auth-settings',
    reason: 'Authentication settings: which user model, which backends check credentials, how passwords are hashed and checked, where logins redirect.',
    members: ['AUTH_USER_MODEL', 'AUTHENTICATION_BACKENDS', 'PASSWORD_HASHERS', 'AUTH_PASSWORD_VALIDATORS', 'LOGIN_URL', 'LOGIN_REDIRECT_URL'],
  },
  {
    id: 'auth-functions',
    reason: 'django.contrib.auth functions and checks: verifying credentials, attaching a user to the session, permission checks.',
    members: ['authenticate()', 'login()', 'logout()', 'has_perm()', 'check_password()', 'make_password()', 'update_session_auth_hash()'],
  },
  {
    id: 'async-bridges',
    reason: 'asgiref.sync helpers between sync and async code: which direction each adapter crosses, and the two that only inspect or mark a function.',
    members: ['sync_to_async', 'async_to_sync', 'iscoroutinefunction', 'markcoroutinefunction'],
  },
  {
    id: 'celery-task-api',
    reason: 'Celery task definition and calling API: defining, queueing with or without options, running locally, building a signature, retrying, and the options that shape retries and acknowledgement.',
    members: ['shared_task', 'delay()', 'apply_async()', 'apply()', 'signature()', 'retry()', 'acks_late', 'autoretry_for', 'countdown', 'max_retries'],
  },
  {
    id: 'relation-fields',
    reason: 'Model relation fields: how many objects sit on each side.',
    members: ['ForeignKey', 'OneToOneField', 'ManyToManyField', 'GenericForeignKey'],
  },
  {
    id: 'on-delete-behaviours',
    reason: 'on_delete handlers: what happens to referencing rows when the referenced row is deleted.',
    members: ['CASCADE', 'PROTECT', 'RESTRICT', 'SET_NULL', 'SET_DEFAULT', 'DO_NOTHING'],
  },
  {
    id: 'field-options',
    reason: 'Model field options: database constraints versus validation versus automatic values.',
    // max_length is left out: it is required on every CharField, so its blank only ever tests that.
    members: ['null', 'blank', 'db_index', 'unique', 'default', 'auto_now', 'auto_now_add', 'editable', 'choices'],
  },
  {
    id: 'model-meta-and-constraints',
    reason: 'Model Meta options and constraint classes: indexes, uniqueness, checks, ordering, table and inheritance behaviour.',
    members: ['indexes', 'constraints', 'unique_together', 'ordering', 'db_table', 'abstract', 'proxy', 'managed', 'Index', 'UniqueConstraint', 'CheckConstraint'],
  },
  {
    id: 'migration-operations',
    reason: 'Migration operations and commands: schema versus data changes, generating, applying, inspecting, squashing.',
    members: ['RunPython', 'RunSQL', 'SeparateDatabaseAndState', 'AddField', 'AlterField', 'makemigrations', 'migrate', 'sqlmigrate', 'squashmigrations', 'showmigrations'],
  },
  {
    id: 'management-commands',
    reason: 'Pieces of a management command and how it is run from code.',
    members: ['BaseCommand', 'handle()', 'add_arguments()', 'call_command()', 'CommandError'],
  },
  {
    id: 'response-classes',
    reason: 'HttpResponse subclasses: buffered, JSON, streamed, file, redirects.',
    members: ['HttpResponse', 'JsonResponse', 'StreamingHttpResponse', 'FileResponse', 'HttpResponseRedirect', 'HttpResponseNotFound', 'TemplateResponse'],
  },
  {
    id: 'url-functions',
    reason: 'URLconf building blocks and reversal: routes, regex routes, inclusion, lazy and eager reversal.',
    members: ['path()', 're_path()', 'include()', 'reverse()', 'reverse_lazy()', 'app_name'],
  },
  {
    id: 'template-escaping',
    reason: 'Escaping and safe-string tools: which escape, which mark as safe, which strip or serialise.',
    members: ['mark_safe', 'escape', 'format_html', 'strip_tags', 'json_script', 'escapejs', 'safe', 'autoescape'],
  },
  {
    id: 'static-and-media-settings',
    reason: 'Static and media file settings, storages and tools: where files are collected, served from and stored, and which storage renames them with a content hash.',
    members: ['STATIC_ROOT', 'STATIC_URL', 'STATICFILES_DIRS', 'MEDIA_ROOT', 'MEDIA_URL', 'STORAGES', 'collectstatic', 'ManifestStaticFilesStorage', 'StaticFilesStorage', 'FileSystemStorage'],
  },
  {
    id: 'postgres-search',
    reason: 'django.contrib.postgres full-text search and trigram tools: building vectors and queries, ranking, indexing.',
    members: ['SearchVector', 'SearchQuery', 'SearchRank', 'SearchVectorField', 'TrigramSimilarity', 'GinIndex'],
  },
  {
    id: 'channels-consumers',
    reason: 'Django Channels consumer classes and channel-layer calls: sync or async, raw or JSON, joining groups or broadcasting.',
    members: ['WebsocketConsumer', 'AsyncWebsocketConsumer', 'AsyncJsonWebsocketConsumer', 'group_add', 'group_send', 'group_discard', 'channel_layer'],
  },
];
