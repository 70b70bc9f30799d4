// Look-alikes, import context, incremental re-detection and bad input, on small snippets written
// for each case. (The annotated fixture project covers every rule; these name the traps one by one.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyzeDocument, detectAt, detectDocument, LIMITS } from '../../src/core/detect/analysis';
import { SHOP } from '../fixtures/detect/annotations';

/** `rule [text]` for each detection, in order. */
function found(code: string, file = 'module.py'): string[] {
  const lines = code.split(/\r\n|\r|\n/);
  return detectDocument(code, file).map(d => `${d.ruleId} [${lines[d.line].slice(d.start, d.end)}]`);
}

describe('detection: look-alikes are not Django', () => {
  it('a local variable called signal or m2m_changed', () => {
    assert.deepEqual(found('def diff(old, new):\n    m2m_changed = set(new) - set(old)\n    signal = "changed"\n    if m2m_changed:\n        return signal, m2m_changed\n'), []);
  });

  it('Python\'s own signal module', () => {
    assert.deepEqual(found('import signal\n\nsignal.signal(signal.SIGTERM, lambda *a: None)\nsignal.alarm(5)\n'), []);
  });

  it('a local m2m_changed in a module that imports other Django signals', () => {
    assert.deepEqual(found('from django.db.models.signals import post_save\n\nm2m_changed = {"added": []}\nprint(m2m_changed)\n'), []);
  });

  it('atomic and transaction imported from another library', () => {
    assert.deepEqual(found('from mylib.db import atomic, transaction\n\n@atomic\ndef move(a, b):\n    with transaction.atomic():\n        transaction.on_commit(a)\n'), []);
  });

  it('a payment object called transaction, even in a module that imports Django\'s transaction', () => {
    const code = [
      'from django.db import transaction',
      '',
      'def capture(payment, gateway):',
      '    transaction = gateway.begin()',
      '    transaction.atomic()',
      '    payment.transaction.atomic()',
      '',
      'def charge(transaction):',
      '    transaction.atomic()',
      '',
      'def refund(payment):',
      '    with transaction.atomic():',
      '        pass',
    ].join('\n');
    assert.deepEqual(found(code), ['atomic [transaction.atomic]']);
    assert.equal(detectDocument(code, 'm.py')[0].line, 11, 'only the one in refund(), where the name is Django\'s');
  });

  it('.connect() of sockets, databases and non-Django signals', () => {
    const code = [
      'import socket, sqlite3',
      'from blinker import Signal',
      'from django.db.models.signals import post_save',
      'ready = Signal("ready")',
      'def run(db, client):',
      '    socket.socket().connect(("h", 1))',
      '    sqlite3.connect("x.db")',
      '    db.connect()',
      '    client.connect(timeout=3)',
      '    ready.connect(run)',
      '    post_save.connect(run)',
    ].join('\n');
    assert.deepEqual(found(code), ['post-save [post_save]', 'signal-connect [connect]']);
  });

  it('cached_property and lru_cache are not Django caching; neither is a dict called cache', () => {
    const code = [
      'from functools import cached_property, lru_cache',
      'from django.utils.functional import cached_property as django_cached_property',
      'class Report:',
      '    @cached_property',
      '    def rows(self): return []',
      '    @django_cached_property',
      '    def more(self): return []',
      '    @lru_cache(maxsize=64)',
      '    def total(self, year):',
      '        cache = {}',
      '        return cache.get(year), self.cache.get(year)',
    ].join('\n');
    assert.deepEqual(found(code), []);
  });

  it('class Meta outside Django classes: plain classes, marshmallow and graphene schemas', () => {
    const code = [
      'import graphene',
      'from marshmallow import Schema',
      'class Plain:',
      '    class Meta:',
      '        ordering = ["id"]',
      'class UserSchema(Schema):',
      '    class Meta:',
      '        fields = ("id",)',
      'class UserType(graphene.ObjectType):',
      '    class Meta:',
      '        description = "x"',
    ].join('\n');
    assert.deepEqual(found(code), []);
  });

  it('class Meta of a Django model, of a subclass of a local abstract model, and of an app\'s imported base model', () => {
    const code = [
      'from django.db import models',
      'from core.models import TimeStamped',
      'class Base(models.Model):',
      '    class Meta:',
      '        abstract = True',
      'class Order(Base):',
      '    class Meta:',
      '        ordering = ["id"]',
      'class Invoice(TimeStamped):',
      '    class Meta(TimeStamped.Meta):',
      '        pass',
    ].join('\n');
    assert.deepEqual(found(code), ['model-definition [models.Model]', 'model-meta [Meta]', 'model-meta [Meta]', 'model-meta [Meta]']);
  });

  it('a commented-out decorator, and constructs in docstrings, f-strings and string literals', () => {
    const code = [
      'from django.dispatch import receiver',
      'from django.db.models.signals import post_save',
      '# @receiver(post_save)',
      '#@receiver(post_save)',
      'def handler(sender, **kwargs):',
      '    """Connected with @receiver(post_save); calls transaction.on_commit()."""',
      '    log = f"{post_save} {kwargs[\'select_related\']}"',
      '    return "post_save.connect(handler)", r\'\\d select_for_update\', b"cache.get"',
    ].join('\n');
    assert.deepEqual(found(code), []);
  });

  it('unittest.TestCase, a Celery-less .delay(), and Scrapy-style process_request outside Django', () => {
    const code = [
      'from unittest import TestCase',
      'class T(TestCase):',
      '    def test(self): pass',
      'class Downloader:',
      '    def process_request(self, request, spider): pass',
      '    def __call__(self, request): return request',
      'def go(anim):',
      '    anim.delay(3)',
      'async def handler(request):',
      '    return request',
    ].join('\n');
    assert.deepEqual(found(code), []);
  });

  it('generic method names (.only, .values, .iterator, .execute) count only where a queryset or Django is evident', () => {
    assert.deepEqual(found('def f(items, q, cur):\n    items.values()\n    q.only()\n    q.iterator()\n    cur.execute("x")\n'), []);
    assert.deepEqual(found('def f(Book):\n    Book.objects.values("id")\n    Book.objects.only("id")\n'), ['values-list [values]', 'only-defer [only]']);
    assert.deepEqual(found('from django.db import connection\ndef f(qs, data):\n    data.values()\n    qs.values("id")\n    qs.iterator()\n    connection.cursor().execute("x")\n'),
      ['values-list [values]', 'queryset-iterator [iterator]', 'raw-sql [execute]']);
  });

  it('a name defined by the file itself shadows a distinctive Django name', () => {
    assert.deepEqual(found('def on_commit(fn):\n    return fn()\n\non_commit(print)\n'), []);
    assert.deepEqual(found('def handler(post_save):\n    post_save.connect(handler)\n'), []);
  });

  it('.explain(), .update(), .exists() and .count() count only on a queryset: a cron iterator, dicts, paths and lists', () => {
    const code = [
      'from croniter import croniter',
      'from django.utils import timezone',
      'def describe(schedule, options, path, lines):',
      '    it = croniter(schedule, timezone.now())',
      '    options.update({"desc": it.explain()})',
      '    return path.exists(), lines.count("x"), options.get("n").count()',
    ].join('\n');
    assert.deepEqual(found(code), []);
    assert.deepEqual(found('def f(Order, qs):\n    Order.objects.filter(pk=1).update(n=2)\n    Order.objects.filter(n=2).exists()\n    qs.count()\n    qs.explain()\n'),
      ['queryset-update [update]', 'queryset-evaluation [exists]', 'queryset-evaluation [count]', 'query-inspection [explain]']);
  });

  it('save(), delete(), connect() and receive() defined outside models and consumers, or nested in one of their methods', () => {
    const code = [
      'from django.db import models',
      'from channels.generic.websocket import WebsocketConsumer',
      'class Snapshot:',
      '    def save(self, path): pass',
      '    def delete(self): pass',
      'class Printer:',
      '    def connect(self): pass',
      '    def receive(self): pass',
      'class Order(models.Model):',
      '    def archive(self):',
      '        def save(): pass',
      '        return save',
      'class Chat(WebsocketConsumer):',
      '    def ready(self):',
      '        def connect(): pass',
      '    def receive(self, text_data=None, bytes_data=None): pass',
      '    def save(self): pass',
    ].join('\n');
    assert.deepEqual(found(code), ['model-definition [models.Model]', 'channels-consumer [WebsocketConsumer]', 'channels-consumer [receive]']);
  });

  it('.register() on what is not a router, and a router outside Django', () => {
    assert.deepEqual(found('from django.contrib import admin\nfrom . import checks\nchecks.registry.register(f)\nhooks.register("x", f)\nadmin.site.register(M)\n'),
      ['admin-site [admin.site.register]']);
    assert.deepEqual(found('router = make_router()\nrouter.register("tags", TagViewSet)\n'), []);
    assert.deepEqual(found('from django.urls import include\nfrom .routers import ShopRouter\nrouter = ShopRouter()\nrouter.register("tags", TagViewSet)\n'),
      ['drf-viewset [register]']);
  });

  it('keyword arguments and assignments that only share a name', () => {
    const code = 'from rest_framework.decorators import action\nfrom django.db import transaction\n'
      + 'parser.add_argument("--x", action="store_true")\natomic = False\nclass M:\n    atomic = False\n';
    assert.deepEqual(found(code), []);
  });
});

describe('detection: import context', () => {
  it('resolves aliases of modules and of names', () => {
    const code = [
      'from django.db import transaction as tx',
      'from django.db.transaction import atomic as db_atomic, on_commit as after_commit',
      'from django.utils.translation import gettext_lazy as _',
      'import django.db.models as m',
      '@db_atomic',
      'def f():',
      '    tx.on_commit(g)',
      '    after_commit(g)',
      '    return _("Hi"), m.F("x"), m.Q(a=1)',
    ].join('\n');
    assert.deepEqual(found(code), ['atomic [db_atomic]', 'on-commit [tx.on_commit]', 'on-commit [after_commit]', 'i18n [_]', 'f-expression [m.F]', 'q-object [m.Q]']);
  });

  it('follows plain imports, dotted access and star imports', () => {
    const code = [
      'import django',
      'from django.db.models import *',
      'from django.db.models import signals',
      'django.db.transaction.atomic()',
      'F("x") + Count("y")',
      'signals.post_save.connect(h)',
    ].join('\n');
    assert.deepEqual(found(code), ['atomic [django.db.transaction.atomic]', 'f-expression [F]', 'annotate-aggregate [Count]',
      'post-save [signals.post_save]', 'signal-connect [connect]']);
  });

  it('reads multi-line parenthesised and backslash-continued imports, and never reports import lines themselves', () => {
    const code = 'from django.db.models import (\n    F,\n    Q as Query,\n)\nfrom django.core.cache \\\n    import cache\nQuery(a=1) | Q(b=2)\ncache.set("k", F("v"))\n';
    assert.deepEqual(found(code), ['q-object [Query]', 'cache-api [cache.set]', 'f-expression [F]']);
  });

  it('custom signals: defined with Signal(), imported from a signals module, connected and sent', () => {
    const code = [
      'from django.dispatch import Signal',
      'from orders.signals import order_paid',
      'from . import signals',
      'shipped = Signal()',
      'shipped.connect(h)',
      'order_paid.send(sender=None)',
      'signals.order_refunded.send_robust(sender=None)',
    ].join('\n');
    assert.deepEqual(found(code), ['custom-signal [Signal]', 'signal-connect [connect]', 'custom-signal [send]', 'custom-signal [send_robust]']);
  });

  it('Celery: shared_task, the project app imported from its celery module, and tasks defined in the file', () => {
    const code = [
      'from proj.celery import app',
      '@app.task(bind=True)',
      'def ping(self):',
      '    pass',
      'def later():',
      '    ping.delay()',
    ].join('\n');
    assert.deepEqual(found(code), ['celery-task [app.task]', 'celery-call [delay]']);
  });

  it('Celery: an app imported from any module of the project when the file declares tasks on it, not the apps of other task queues', () => {
    const code = [
      'from readthedocs.worker import app',
      'from ..celeryconf import app as celery_app',
      'from procrastinate.contrib.django import app as queue',
      'from huey.contrib.djhuey import HUEY as huey',
      '@app.task(queue="web")',
      'def build(pk): pass',
      '@celery_app.task',
      'def index(pk): pass',
      '@queue.task(queue="mail")',
      'def digest(): pass',
      '@huey.task()',
      'def purge(): pass',
      'build.delay(1)',
    ].join('\n');
    assert.deepEqual(found(code), ['celery-task [app.task]', 'celery-task [celery_app.task]', 'celery-call [delay]']);
    assert.deepEqual(found('from proj.worker import app\napp.autodiscover_tasks()\n'), [], 'an imported app that declares no task here is not assumed to be Celery');
  });

  it('logging: getLogger of the standard library and Celery\'s task logger, not structlog or a local getLogger', () => {
    const code = [
      'import logging',
      'import structlog',
      'from celery.utils.log import get_task_logger',
      'log = logging.getLogger(__name__)',
      'task_log = get_task_logger(__name__)',
      'other = structlog.get_logger()',
      'def getLogger(name): return name',
      'mine = getLogger("x")',
    ].join('\n');
    assert.deepEqual(found(code), ['logger [logging.getLogger]', 'logger [get_task_logger]']);
  });

  it('Channels: a method handed to async_to_sync, and consumer methods of a subclass of a local consumer', () => {
    const code = [
      'from asgiref.sync import async_to_sync',
      'from channels.generic.websocket import AsyncJsonWebsocketConsumer',
      'class Base(AsyncJsonWebsocketConsumer):',
      '    pass',
      'class Orders(Base):',
      '    async def receive_json(self, content): pass',
      'def push(layer):',
      '    async_to_sync(layer.group_send)("g", {"type": "x"})',
      '    layer.group_send',
    ].join('\n');
    assert.deepEqual(found(code), ['channels-consumer [AsyncJsonWebsocketConsumer]', 'channels-consumer [receive_json]', 'sync-to-async [async_to_sync]',
      'channels-consumer [group_send]']);
  });

  it('settings changed after their assignment: annotated, by key, in place; not inside a function or in a non-settings module', () => {
    const settings = [
      'import os',
      'DEBUG = False',
      'SECRET_KEY = os.environ["K"]',
      'MIDDLEWARE: list[str] = ["a"]',
      'MIDDLEWARE.insert(0, "b")',
      'LOGGING = {"version": 1}',
      'LOGGING["loggers"]["x"] = {}',
      'LOGGING["loggers"]["x"]["handlers"].append("mail")',
      'MIDDLEWARE.index("a")',
      'def tweak():',
      '    MIDDLEWARE.append("c")',
    ].join('\n');
    assert.deepEqual(found(settings), ['settings-core [DEBUG]', 'settings-core [SECRET_KEY]', 'middleware-setting [MIDDLEWARE]', 'middleware-setting [MIDDLEWARE]',
      'logging-config [LOGGING]', 'logging-config [LOGGING]', 'logging-config [LOGGING]']);
    assert.deepEqual(found('MIDDLEWARE.append("c")\nLOGGING["x"] = 1\n'), [], 'a module that neither imports Django nor looks like settings');
  });
});

describe('detection: names the file binds itself', () => {
  const tuple = [
    'from django.db import transaction',
    '',
    'def settle(pairs):',
    '    key, transaction = pairs[0]',
    '    transaction.atomic()',
    '',
    'def book():',
    '    transaction.atomic()',
  ].join('\n');

  it('a tuple target rebinds the name in its own function only', () => {
    assert.deepEqual(detectDocument(tuple, 'm.py').map(d => [d.line, d.ruleId]), [[7, 'atomic']]);
  });

  it('a hover that asks about a name first answers as the whole file does', () => {
    const analysis = analyzeDocument(tuple, 'm.py');
    assert.equal(detectAt(analysis, 4, 17), null);
    assert.equal(detectAt(analysis, 7, 17)?.ruleId, 'atomic');
    assert.deepEqual(analysis.detections().map(d => d.line), [7]);
  });

  it('a module-level rebinding counts from its line on', () => {
    const code = [
      'from django.db import transaction',
      'transaction.atomic()',
      'transaction = Payment()',
      'transaction.on_commit(f)',
    ].join('\n');
    assert.deepEqual(found(code), ['atomic [transaction.atomic]']);
  });

  it('annotated and augmented assignments, for and with targets rebind; attribute and item assignments and comparisons do not', () => {
    const rebinding = ['transaction: Payment = make()', 'transaction += 1', 'for transaction in payments:\n    pass', 'with begin() as transaction:\n    pass'];
    for (const line of rebinding) {
      assert.deepEqual(found(`from django.db import transaction\n${line}\ntransaction.atomic()\n`), [], line);
    }
    const code = 'from django.db import transaction\ntransaction.label = "x"\ntransaction[0] = 1\ntransaction == other\ntransaction.atomic()\n';
    assert.deepEqual(found(code), ['atomic [transaction.atomic]']);
  });

  it('an unimported Django name the module assigns further down is the module\'s own', () => {
    assert.deepEqual(found('def wire(h):\n    post_save.connect(h)\n'), ['post-save [post_save]', 'signal-connect [connect]']);
    assert.deepEqual(found('def wire(h):\n    post_save.connect(h)\n\npost_save = Hook()\n'), []);
  });
});

describe('detection: text shapes', () => {
  it('reports columns per line with CRLF and lone CR line breaks', () => {
    const code = 'from django.db import transaction\r\n\r\nwith transaction.atomic():\r\n    transaction.on_commit(f)\rx = 1\n';
    const d = detectDocument(code, 'm.py').map(x => [x.line, x.start, x.end, x.ruleId]);
    assert.deepEqual(d, [[2, 5, 23, 'atomic'], [3, 4, 25, 'on-commit']]);
  });

  it('counts a tab as one character, as VS Code does', () => {
    const d = detectDocument('from django.db import transaction\nif x:\n\twith transaction.atomic():\n\t\tpass\n', 'm.py');
    assert.deepEqual(d.map(x => [x.line, x.start, x.end]), [[2, 6, 24]]);
  });

  it('detects in Django templates and ignores other languages', () => {
    assert.deepEqual(found('{% load cache %}{% cache 60 k %}{{ x|safe }}', 'page.html'), ['template-cache [{% load cache %}]', 'template-cache [{% cache 60 k %}]', 'template-safe [|safe]']);
    assert.deepEqual(found('{% csrf_token %}', 'django-html'), ['template-csrf [{% csrf_token %}]']);
    assert.deepEqual(found('post_save.connect(h)', 'notes.md'), []);
    assert.deepEqual(found('{% csrf_token %}', 'module.py'), []);
  });
});

describe('detection: incremental re-detection', () => {
  const base = [
    'from django.db import transaction',
    'from django.db.models import F',
    '',
    'def a():',
    '    with transaction.atomic():',
    '        Order.objects.select_related("c")',
    '',
    'def b():',
    '    Order.objects.update(n=F("n") + 1)',
  ].join('\n');

  const edits: [string, (s: string) => string][] = [
    ['a line inserted in the middle', s => s.replace('\ndef b():', '\nx = 1\ndef b():')],
    ['a construct added', s => s.replace('    Order.objects.update', '    transaction.on_commit(f)\n    Order.objects.update')],
    ['a construct removed', s => s.replace('        Order.objects.select_related("c")', '        pass')],
    ['a docstring opened above everything', s => s.replace('def a():', '"""\ndef a():')],
    ['an import changed', s => s.replace('import F', 'import F, Q')],
    ['a line deleted at the top', s => s.slice(s.indexOf('\n') + 1)],
  ];

  it('after an edit elsewhere that binds a name an unchanged line depends on, equals a full re-detection', () => {
    const text = 'def f():\n    cache.set("k", 1)\n\ndef g():\n    pass\n';
    const before = analyzeDocument(text, 'm.py');
    assert.deepEqual(before.detections().map(d => d.ruleId), ['cache-api']);
    const after = analyzeDocument(text.replace('    pass', '    cache = {}'), 'm.py', before);
    assert.deepEqual(after.detections(), []);
  });

  it('still knows what kept lines depend on after an unrelated edit (two edits in a row)', () => {
    const text = 'def f():\n    cache.set("k", 1)\n\ndef g():\n    pass\n\ndef h():\n    return 1\n';
    const first = analyzeDocument(text, 'm.py');
    assert.deepEqual(first.detections().map(d => d.ruleId), ['cache-api']);
    // An edit that touches no name the kept lines depend on: f's detection is kept, not re-detected.
    const second = analyzeDocument(text.replace('return 1', 'return 2'), 'm.py', first);
    assert.deepEqual(second.detections().map(d => d.ruleId), ['cache-api']);
    // Then g binds `cache`: f's kept line depended on that name, so it must be looked at again.
    const third = analyzeDocument(second.text.replace('    pass', '    cache = {}'), 'm.py', second);
    assert.deepEqual(third.detections(), analyzeDocument(third.text, 'm.py').detections());
    assert.deepEqual(third.detections(), []);
  });

  it('after random edits of a real module (LF and CRLF), equals a full re-detection every time', () => {
    const source = fs.readFileSync(path.join(SHOP, 'orders/views.py'), 'utf8');
    let seed = 7;
    const random = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * n);
    const snippets = ['', 'x', '\n', '"', '"""', '#', 'transaction', '.select_related(', 'cache = {}\n', 'def f(request):\n', '    ', 'F('];
    for (const eol of ['\n', '\r\n']) {
      let text = source.replace(/\n/g, eol);
      let analysis = analyzeDocument(text, 'views.py');
      analysis.detections();
      for (let i = 0; i < 60; i++) {
        const at = random(text.length + 1);
        const cut = random(3) === 0 ? random(40) : 0;
        text = text.slice(0, at) + snippets[random(snippets.length)] + text.slice(at + cut);
        const next = analyzeDocument(text, 'views.py', analysis);
        assert.deepEqual(next.detections(), analyzeDocument(text, 'views.py').detections(), `edit ${i} at ${at}`);
        analysis = next;
      }
    }
  });

  for (const [name, edit] of edits) {
    it(`after ${name}, equals a full re-detection`, () => {
      const before = analyzeDocument(base, 'm.py');
      before.detections();
      const text = edit(base);
      assert.notEqual(text, base);
      const incremental = analyzeDocument(text, 'm.py', before).detections();
      assert.deepEqual(incremental, analyzeDocument(text, 'm.py').detections());
    });
  }
});

describe('detection: bad input degrades, never throws', () => {
  it('unterminated strings end at their line (single quotes) or run to the end (triple quotes)', () => {
    assert.deepEqual(found('from django.db import transaction\nx = "never closed transaction.atomic()\ntransaction.atomic()\n'), ['atomic [transaction.atomic]']);
    assert.deepEqual(found('from django.db import transaction\nx = """never closed\ntransaction.atomic()\n'), []);
  });

  it('skips over-long lines (minified code) but still detects on the others', () => {
    const long = `x = [${'1, '.repeat(LIMITS.maxLineChars)}] ; Book.objects.select_related("a")`;
    assert.deepEqual(found(`${long}\nBook.objects.select_related("a")\n`), ['select-related [select_related]']);
  });

  it('gives nothing for binary-looking text and text over the size limit', () => {
    assert.deepEqual(found('post_save.connect(h)\u0000\u0001\u0002'), []);
    assert.equal(analyzeDocument('post_save\u0000', 'm.py').degraded, 'binary');
    const huge = analyzeDocument('x'.repeat(LIMITS.maxDocumentChars + 1), 'm.py');
    assert.equal(huge.degraded, 'too-large');
    assert.deepEqual(huge.detections(), []);
    assert.equal(detectAt(huge, 0, 0), null);
  });

  it('reads non-UTF-8 text decoded with replacement characters', () => {
    assert.deepEqual(found('from django.db import transaction\n# caf\uFFFD\uFFFD\nname = "\uFFFD"; transaction.atomic()\n'), ['atomic [transaction.atomic]']);
  });

  it('survives random and mangled input', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = ['"', "'", '"""', "'''", '#', '\\', '\n', '\r', '\t', ' ', '{', '}', '(', ')', '.', '@', 'f', 'r', 'b',
      'post_save', 'transaction', 'atomic', 'class', 'Meta', 'def', 'import', 'from', 'django.db', '{%', '%}', '{{', '}}', '|safe', '=', ':', '\u0301', '\uD83D'];
    for (let i = 0; i < 300; i++) {
      let text = '';
      const n = Math.floor(random() * 200);
      for (let k = 0; k < n; k++) text += alphabet[Math.floor(random() * alphabet.length)];
      for (const kind of ['m.py', 'm.html']) {
        const analysis = analyzeDocument(text, kind);
        const all = analysis.detections();
        for (let line = 0; line < analysis.lineCount; line++) detectAt(analysis, line, Math.floor(random() * 20));
        for (const d of all) assert.ok(d.start >= 0 && d.end > d.start, JSON.stringify({ text, d }));
      }
    }
  });
});
