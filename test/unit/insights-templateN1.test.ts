// DJC012 N+1 queries in template loops: positives, look-alikes (each link the check cannot prove), bad input.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';
import { StudyPlanBuilder } from '../../src/core/detect/scan';
import { scanDirectory } from '../../src/core/detect/scanFs';
import { ROOT } from './helpers';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { findInsights, INSIGHTS, insightById } from '../../src/core/insights/index';
import { TemplateFacts, templateNames } from '../../src/core/insights/templateFacts';
import { boundByAs, readTemplate } from '../../src/core/insights/templateLoops';
import type { InsightFinding } from '../../src/core/insights/types';

const MODELS = [
  'from django.db import models',
  '',
  'class Customer(models.Model):',
  '    name = models.CharField(max_length=50)',
  '',
  'class Product(models.Model):',
  '    title = models.CharField(max_length=50)',
  '',
  'class Tag(models.Model):',
  '    label = models.CharField(max_length=20)',
  '',
  'class Order(models.Model):',
  '    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)',
  '    tags = models.ManyToManyField(Tag)',
  '',
  'class Line(models.Model):',
  '    order = models.ForeignKey("shop.Order", related_name="lines", on_delete=models.CASCADE)',
  '    product = models.ForeignKey(Product, on_delete=models.CASCADE)',
  '',
  'class Note(models.Model):',
  '    order = models.ForeignKey(Order, on_delete=models.CASCADE)',
  '',
].join('\n');

const TEMPLATE = [
  '<ul>',
  '{% for order in orders %}',
  '  <li>{{ order.customer.name }} — {{ order.lines.count }} lines',
  '  {% for t in order.tags.all %}{{ t.label }}{% endfor %}',
  '  {{ order.note_set.exists }}</li>',
  '{% empty %}<li>none</li>',
  '{% endfor %}',
  '</ul>',
].join('\n');

function view(context: string, extra = ''): string {
  return [
    'from django.shortcuts import render',
    'from .models import Order',
    '',
    'def order_list(request):',
    extra,
    `    return render(request, "shop/orders.html", ${context})`,
    '',
  ].join('\n');
}

function facts(files: Record<string, string>): TemplateFacts {
  const f = new TemplateFacts();
  for (const [path, text] of Object.entries(files)) f.setPython(path, text);
  return f;
}

function run(f: TemplateFacts, template = TEMPLATE, path = 'shop/templates/shop/orders.html'): InsightFinding[] {
  return f.findings(path, analyzeDocument(template, path));
}

/** What each finding underlines, as text of the template. */
function spans(findings: InsightFinding[], template = TEMPLATE): string[] {
  const rows = template.split('\n');
  return findings.map(x => {
    assert.equal(x.range.line, x.range.endLine);
    return rows[x.range.line].slice(x.range.start, x.range.end);
  });
}

describe('DJC012 N+1 queries in template loops', () => {
  it('is in the insight table with questions and a Django version, and Python documents never run it', () => {
    const def = insightById('DJC012');
    assert.ok(def);
    assert.equal(def.djangoVersion, '5.2');
    assert.ok(def.questionIds.length >= 2);
    assert.equal(INSIGHTS[INSIGHTS.length - 1].id, 'DJC012');
    const py = 'def v(request):\n    return render(request, "shop/orders.html", {"orders": Order.objects.all()})\n';
    assert.deepEqual(findInsights(analyzeDocument(py, 'shop/views.py'), 'shop/views.py').filter(x => x.insightId === 'DJC012'), []);
    // findInsights on a template stays empty: DJC012 needs the workspace's views.
    assert.deepEqual(findInsights(analyzeDocument(TEMPLATE, 'orders.html')), []);
  });

  it('finds a ForeignKey, a reverse ForeignKey manager (related_name and _set) and a many-to-many loop read', () => {
    const f = facts({ 'shop/models.py': MODELS, 'shop/views.py': view('{"orders": Order.objects.filter(paid=True).order_by("-id")}') });
    const found = run(f);
    assert.deepEqual(spans(found), ['order.customer', 'order.lines.count', 'order.tags.all', 'order.note_set.exists']);
    assert.deepEqual(found.map(x => x.range.line + 1), [3, 3, 4, 5]);
    assert.match(found[0].message, /`order\.customer` runs a query for every row of the loop over `orders` \(line 2\).*Order\.objects\.filter\(paid=True\)\.order_by\("-id"\).*shop\/views\.py:6.*select_related\("customer"\)/);
    assert.match(found[1].message, /prefetch_related\("lines"\)/);
    assert.equal(found[0].related?.[0].range.line, 1);
  });

  it('stays silent for the relations the queryset selects or prefetches, and for select_related() with no argument', () => {
    const f = facts({ 'shop/models.py': MODELS, 'shop/views.py': view('{"orders": Order.objects.select_related("customer").prefetch_related("lines", Prefetch("tags"), "note_set")}') });
    assert.deepEqual(run(f), []);
    const g = facts({ 'shop/models.py': MODELS, 'shop/views.py': view('{"orders": Order.objects.select_related().prefetch_related("lines__product")}') });
    assert.deepEqual(spans(run(g)), ['order.tags.all', 'order.note_set.exists']);
  });

  it('reads a context dict built in the function, a queryset name narrowed in steps, and TemplateResponse', () => {
    const built = view('ctx', [
      '    qs = Order.objects.all()',
      '    if request.GET.get("paid"):',
      '        qs = qs.filter(paid=True)',
      '    ctx = {"title": "Orders"}',
      '    ctx["orders"] = qs',
    ].join('\n'));
    assert.deepEqual(spans(run(facts({ 'shop/models.py': MODELS, 'shop/views.py': built }))).length, 4);
    const narrowedWithPrefetch = view('{"orders": qs}', '    qs = Order.objects.all()\n    qs = qs.select_related("customer")');
    assert.ok(!spans(run(facts({ 'shop/models.py': MODELS, 'shop/views.py': narrowedWithPrefetch }))).includes('order.customer'));
    const tr = 'from django.template.response import TemplateResponse\ndef v(request):\n    return TemplateResponse(request, "shop/orders.html", {"orders": Order.objects.all()})\n';
    assert.equal(run(facts({ 'shop/models.py': MODELS, 'shop/views.py': tr })).length, 4);
  });

  it('leaves out a relation the view itself reads in a loop over the rows (fetched there, cached for the template)', () => {
    const v = view('{"orders": orders}', '    orders = Order.objects.all()\n    for o in orders:\n        total += len(o.customer.name)');
    assert.deepEqual(spans(run(facts({ 'shop/models.py': MODELS, 'shop/views.py': v }))), ['order.lines.count', 'order.tags.all', 'order.note_set.exists']);
  });

  it('reads ListView classes: object_list, <model>_list, context_object_name and the default template name', () => {
    const lv = (body: string) => `from django.views.generic import ListView\nfrom .models import Order\n\nclass OrderList(LoginRequiredMixin, ListView):\n${body}\n`;
    const t = (name: string) => TEMPLATE.replace('in orders', `in ${name}`);
    const named = facts({ 'shop/models.py': MODELS, 'shop/views.py': lv('    model = Order\n    template_name = "shop/orders.html"\n    context_object_name = "orders"\n    paginate_by = 20') });
    assert.equal(run(named).length, 4);
    assert.equal(run(named, t('object_list')).length, 4);
    assert.equal(run(named, t('order_list')).length, 4);
    const qs = facts({ 'shop/models.py': MODELS, 'shop/views.py': lv('    queryset = Order.objects.select_related("customer")\n    template_name = "shop/orders.html"') });
    assert.deepEqual(spans(run(qs, t('object_list'))), ['order.lines.count', 'order.tags.all', 'order.note_set.exists']);
    const byDefault = facts({ 'shop/models.py': MODELS, 'shop/views.py': lv('    model = Order') });
    assert.equal(run(byDefault, t('object_list'), 'shop/templates/shop/order_list.html').length, 4);
    assert.deepEqual(run(byDefault, t('object_list'), 'shop/templates/other/order_list.html'), []);
  });

  it('a ListView uses the default manager, `objects` calls use objects: the first manager matters only to the ListView', () => {
    const models = MODELS.replace('class Order(models.Model):\n', 'class Order(models.Model):\n    objects = models.Manager()\n    paid = PaidManager()\n');
    const lv = 'class OrderList(ListView):\n    model = Order\n    template_name = "shop/orders.html"\n    context_object_name = "orders"\n';
    assert.equal(run(facts({ 'shop/models.py': models, 'shop/views.py': lv })).length, 4);
    const tagged = MODELS.replace('class Order(models.Model):\n', 'class Order(models.Model):\n    labels = TaggableManager()\n');
    assert.equal(run(facts({ 'shop/models.py': tagged, 'shop/views.py': lv })).length, 4);
  });

  it('finds model relations declared in another file and on an abstract base', () => {
    const base = 'from django.db import models\nclass Owned(models.Model):\n    customer = models.ForeignKey("crm.Customer", on_delete=models.CASCADE)\n    class Meta:\n        abstract = True\n';
    const order = 'from django.db import models\nfrom core.models import Owned\nclass Order(Owned):\n    total = models.IntegerField()\n';
    const f = facts({ 'core/models.py': base, 'shop/models.py': order, 'shop/views.py': view('{"orders": Order.objects.all()}') });
    assert.deepEqual(spans(run(f)), ['order.customer']);
  });

  describe('look-alikes: silent', () => {
    const base = { 'shop/models.py': MODELS };
    const cases: [string, Record<string, string>, string?][] = [
      ['no view renders the template', { ...base }],
      ['the view passes a list', { ...base, 'shop/views.py': view('{"orders": list(Order.objects.all())}') }],
      ['a custom manager method', { ...base, 'shop/views.py': view('{"orders": Order.objects.paid()}') }],
      ['values()', { ...base, 'shop/views.py': view('{"orders": Order.objects.values("id", "customer")}') }],
      ['a non-literal prefetch', { ...base, 'shop/views.py': view('{"orders": Order.objects.prefetch_related(*RELS)}') }],
      ['** in the context', { ...base, 'shop/views.py': view('{"orders": Order.objects.all(), **extra}') }],
      ['context from a helper', { ...base, 'shop/views.py': view('build_context(request)') }],
      ['context updated', { ...base, 'shop/views.py': view('ctx', '    ctx = {"orders": Order.objects.all()}\n    ctx.update(more(request))') }],
      ['a second view prefetches', { ...base, 'shop/views.py': view('{"orders": Order.objects.all()}') + view('{"orders": Order.objects.select_related("customer").prefetch_related("lines", "tags", "note_set")}').replace('order_list', 'other') }],
      ['the template is named where a view cannot be read', { ...base, 'shop/views.py': view('{"orders": Order.objects.all()}') + 'urlpatterns = [path("x", TemplateView.as_view(template_name="shop/orders.html"))]\n' }],
      ['the name holds different models', { ...base, 'shop/views.py': view('{"orders": Order.objects.all()}') + view('{"orders": Line.objects.all()}').replace('order_list', 'other') }],
      ['a ListView with get_queryset', { ...base, 'shop/views.py': 'class OrderList(ListView):\n    model = Order\n    template_name = "shop/orders.html"\n    context_object_name = "orders"\n    def get_queryset(self):\n        return super().get_queryset().select_related("customer")\n' }],
      ['a ListView with a base of its own', { ...base, 'shop/views.py': 'class OrderList(ShopMixin, ListView):\n    model = Order\n    template_name = "shop/orders.html"\n    context_object_name = "orders"\n' }],
      ['a custom objects manager the workspace does not declare', { 'shop/models.py': MODELS.replace('class Order(models.Model):\n', 'class Order(models.Model):\n    objects = OrderManager()\n'), 'shop/views.py': view('{"orders": Order.objects.all()}') }],
      ['a declared manager that selects', { 'shop/models.py': MODELS.replace('class Order(models.Model):\n', 'class OrderManager(models.Manager):\n    def get_queryset(self):\n        return super().get_queryset().select_related("customer")\n\nclass Order(models.Model):\n    objects = OrderManager()\n'), 'shop/views.py': view('{"orders": Order.objects.all()}') }],
      ['a ListView over `model =` whose default (first) manager is a custom one', { 'shop/models.py': MODELS.replace('class Order(models.Model):\n', 'class Order(models.Model):\n    paid = PaidManager()\n    objects = models.Manager()\n'), 'shop/views.py': 'class OrderList(ListView):\n    model = Order\n    template_name = "shop/orders.html"\n    context_object_name = "orders"\n' }],
      ['the model declared twice with other relations', { ...base, 'legacy/models.py': 'from django.db import models\nclass Order(models.Model):\n    ref = models.CharField(max_length=9)\n', 'shop/views.py': view('{"orders": Order.objects.all()}') }],
      ['prefetch_related_objects in the view', { ...base, 'shop/views.py': view('{"orders": orders}', '    orders = Order.objects.all()\n    prefetch_related_objects(orders, "customer", "lines", "tags", "note_set")') }],
      ['views in tests', { ...base, 'shop/tests/test_views.py': view('{"orders": Order.objects.all()}') }],
    ];
    for (const [name, files] of cases) {
      it(name, () => assert.deepEqual(run(facts(files)), []));
    }

    const f = () => facts({ ...base, 'shop/views.py': view('{"orders": Order.objects.all()}') });
    const tcases: [string, string][] = [
      ['the template rebinds the name with {% with %}', '{% with orders=customer.orders %}' + TEMPLATE + '{% endwith %}'],
      ['the name bound by `as`', '{% regroup things by kind as orders %}' + TEMPLATE],
      ['the loop variable rebound inside', TEMPLATE.replace('{% for t in order.tags.all %}', '{% for order in order.lines.all %}')],
      ['page_obj (no view fills it)', TEMPLATE.replace('in orders', 'in page_obj')],
      ['a filtered iterable', TEMPLATE.replace('in orders', 'in orders|dictsort:"id"')],
      ['reads in a comment or a string', '{% for order in orders %}{# order.customer.name #}{% comment %}{{ order.lines.count }}{% endcomment %}{% url "order.customer.x" %}{% endfor %}'],
      ['plain HTML text', '{% for order in orders %}order.customer.name{% endfor %}'],
      ['an unterminated loop', '{% for order in orders %}{{ order.customer.name }}'],
      ['the _id column and a non-relation', '{% for order in orders %}{{ order.customer_id }}{{ order.total.real }}{{ order.lines.first }}{% endfor %}'],
      ['tuple unpacking', '{% for order, n in orders %}{{ order.customer.name }}{% endfor %}'],
    ];
    for (const [name, template] of tcases) {
      it(name, () => assert.deepEqual(run(f(), template), []));
    }

    it('two template files share the name', () => {
      const g = f();
      g.addTemplate('shop/templates/shop/orders.html');
      assert.equal(run(g).length, 4);
      g.addTemplate('templates/shop/orders.html');
      assert.deepEqual(run(g), []);
      g.remove('templates/shop/orders.html');
      assert.equal(run(g).length, 4);
    });

    it('a template outside any templates/ folder', () => assert.deepEqual(run(f(), TEMPLATE, 'shop/orders.html'), []));
  });

  it('follows edits: a view fixed, a file removed', () => {
    const g = facts({ 'shop/models.py': MODELS, 'shop/views.py': view('{"orders": Order.objects.all()}') });
    assert.equal(run(g).length, 4);
    g.setPython('shop/views.py', view('{"orders": Order.objects.select_related("customer")}'));
    assert.equal(run(g).length, 3);
    g.remove('shop/models.py');
    assert.deepEqual(run(g), []);
  });

  it('never throws on bad input', () => {
    const g = facts({ 'shop/models.py': MODELS, 'shop/views.py': view('{"orders": Order.objects.all()}'), 'bad.py': '\u0000\u0001def (((', 'worse.py': 'render(request, "shop/orders.html", {"orders": Order.objects.filter(' });
    for (const t of ['{% for order in orders %}{{ order.customer.', '{% for %}{% endfor %}{% endfor %}{% empty %}', '\u0000'.repeat(100), '{%'.repeat(50_000), `{% for order in orders %}${'{{ order.customer.name }}'.repeat(20_000)}{% endfor %}`]) {
      assert.doesNotThrow(() => run(g, t));
    }
    assert.deepEqual(readTemplate('{% for a in b %}{{ a.c.d }'), { loops: [], bound: new Set(['a']) });
  });

  it('reads a template in linear time: unterminated tags and thousands of loops (was 4.7 s for the first)', () => {
    for (const t of [' {% a '.repeat(50_000), ' {{ a '.repeat(50_000), '{% for o in orders %}{{ o.customer.name }}{% endfor %}\n'.repeat(5_000)]) {
      const t0 = Date.now();
      readTemplate(t);
      assert.ok(Date.now() - t0 < 1000, `${Date.now() - t0} ms for ${t.slice(0, 30)}…`);
    }
  });

  it('takes tags as Django\'s lexer does: on one line, with {%- -%} trimming marks', () => {
    const shape = readTemplate('{%- for o in orders -%}{{ o.customer.name }}{% endfor %}\n{% for p in\nitems %}{{ p.a.b }}{% endfor %}');
    assert.deepEqual(shape.loops.map(l => [l.variable, l.iterable, l.reads.map(r => `${r.rel}.${r.attr}`)]), [['o', 'orders', ['customer.name']]]);
  });

  it('names a template after each templates/ folder of its path', () => {
    assert.deepEqual(templateNames('shop/templates/shop/orders.html'), ['shop/orders.html']);
    assert.deepEqual(templateNames('a\\templates\\b\\templates\\c.html'), ['b/templates/c.html', 'c.html']);
    assert.deepEqual(templateNames('shop/orders.html'), []);
  });
});

describe('command line: insights with templates (DJC012)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-tpl-n1-'));
  const template = path.join(dir, 'shop', 'templates', 'shop', 'orders.html');
  fs.mkdirSync(path.dirname(template), { recursive: true });
  fs.writeFileSync(path.join(dir, 'shop', 'models.py'), MODELS);
  fs.writeFileSync(path.join(dir, 'shop', 'views.py'), view('{"orders": Order.objects.all()}'));
  fs.writeFileSync(template, TEMPLATE);
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function cli(...args: string[]) {
    const out: string[] = [];
    const code = await main(args, { out: t => out.push(t), err: () => {} });
    return { code, out: out.join('\n') };
  }

  it('a folder: the views and models first, then the template findings with their text', async () => {
    const { code, out } = await cli('insights', dir, '--json');
    assert.equal(code, 0);
    const rows = JSON.parse(out).filter((r: { insightId: string }) => r.insightId === 'DJC012');
    assert.deepEqual(rows.map((r: { file: string; line: number; text: string }) => [r.file, r.line, r.text]), [
      ['shop/templates/shop/orders.html', 3, 'order.customer'],
      ['shop/templates/shop/orders.html', 3, 'order.lines.count'],
      ['shop/templates/shop/orders.html', 4, 'order.tags.all'],
      ['shop/templates/shop/orders.html', 5, 'order.note_set.exists'],
    ]);
    assert.match((await cli('insights', dir)).out, /4 insights in 2 Python files and 1 template$/);
  });

  it('a template alone has no views: nothing', async () => {
    const { code, out } = await cli('insights', template, '--json');
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(out), []);
    assert.match((await cli('insights', template)).out, /no insights \(a template's pitfalls come from the views that render it: run insights on the project's folder\)$/);
  });
});

describe('study plan: pitfalls in this workspace include DJC012', () => {
  it('checks the templates once every Python file is in, whatever the order the files come in', () => {
    const builder = new StudyPlanBuilder('shop');
    builder.addFile('shop/templates/shop/orders.html', TEMPLATE);
    builder.addFile('shop/models.py', MODELS);
    builder.addFile('shop/views.py', view('{"orders": Order.objects.all()}'));
    const plan = builder.build(null);
    const group = plan.pitfalls.find(p => p.insightId === 'DJC012');
    assert.ok(group);
    assert.deepEqual(group.findings.map(f => [f.path, f.range.line + 1]), [['shop/templates/shop/orders.html', 3], ['shop/templates/shop/orders.html', 3], ['shop/templates/shop/orders.html', 4], ['shop/templates/shop/orders.html', 5]]);
    assert.ok(group.findings[0].snippet.lines.some(l => l.includes('order.customer.name')));
  });

  it('leaves them out when insights are off', () => {
    const builder = new StudyPlanBuilder('shop', { insights: false });
    for (const [p, t] of [['shop/templates/shop/orders.html', TEMPLATE], ['shop/models.py', MODELS], ['shop/views.py', view('{"orders": Order.objects.all()}')]]) builder.addFile(p, t);
    assert.deepEqual(builder.build(null).pitfalls, []);
  });
});

describe('the sample project', () => {
  it('shows DJC012 in orders/templates/orders/order_history.html (order.items.count per order), and none in catalog\'s product list, which one of its two views prefetches', () => {
    const root = path.join(ROOT, 'sample-project');
    const plan = scanDirectory(root, null);
    const found = plan.pitfalls.find(g => g.insightId === 'DJC012')?.findings.map(f => `${f.path}:${f.range.line + 1}`);
    assert.deepEqual(found, ['orders/templates/orders/order_history.html:10']);
  });
});

describe('insights: DJC012 template scan helpers', () => {
  it('boundByAs agrees with the regex it replaces', () => {
    const AS = /\sas\s+([A-Za-z_]\w*)\s*$/;
    const cases = [' x as y', 'url "a" as link ', 'as y', ' as 1y', ' as y z', 'has y', ' as\ty\t', ' x  as  _y2', ' as ', 'x as', ' pas y', ' as y.z'];
    const alphabet = [' ', '\t', 'a', 's', 'as', 'y', '1', '_', '.', 'x', 'has', ' as '];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 3000; n++) cases.push(Array.from({ length: 1 + Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
    let bound = 0;
    for (const c of cases) {
      const expected = AS.exec(c)?.[1] ?? null;
      assert.equal(boundByAs(c), expected, JSON.stringify(c));
      // Read in place inside a longer text, as the scan of a template asks it.
      assert.equal(boundByAs(`x as ${c} as y`, 5, 5 + c.length), expected, JSON.stringify(c));
      if (expected) bound++;
    }
    assert.ok(bound > 20 && bound < cases.length - 20, `${bound} cases bind a name`);
  });
});
