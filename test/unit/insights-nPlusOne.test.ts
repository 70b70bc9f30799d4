// DJC001 N+1 queries: positives, the look-alikes found on real projects, and the quick fix applied to the text.
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { findInsights, type InsightFinding } from '../../src/core/insights/index';

function findings(code: string, fileName = 'shop/views.py'): InsightFinding[] {
  return findInsights(analyzeDocument(code, fileName), fileName).filter(f => f.insightId === 'DJC001');
}

function lines(code: string, fileName?: string): number[] {
  return findings(code, fileName).map(f => f.range.line + 1);
}

/** The text with a finding's quick fix applied (edits on one line each, applied right to left). */
function applyFix(text: string, f: InsightFinding): string {
  const rows = text.split('\n');
  for (const e of [...f.fix!.edits].sort((a, b) => b.line - a.line || b.start - a.start)) {
    assert.equal(e.line, e.endLine);
    rows[e.line] = rows[e.line].slice(0, e.start) + e.newText + rows[e.line].slice(e.end);
  }
  return rows.join('\n');
}

const MODELS = [
  'from django.db import models',
  '',
  'class Author(models.Model):',
  '    name = models.CharField(max_length=50)',
  '',
  'class Book(',
  '    models.Model,',
  '):',
  '    """A book."""',
  '    title = models.CharField(max_length=50)',
  '    author = models.ForeignKey(Author, on_delete=models.CASCADE)',
  '    tags = models.ManyToManyField("Tag")',
  '',
].join('\n');

describe('insights: DJC001 N+1 query in a loop', () => {
  it('finds a ForeignKey declared in the file read per row, and fixes the loop head with select_related', () => {
    const text = MODELS + [
      'def titles():',
      '    for book in Book.objects.filter(title__startswith="A"):',
      '        print(book.author.name)',
      '',
    ].join('\n');
    const [f, ...rest] = findings(text, 'shop/models.py');
    assert.equal(rest.length, 0);
    assert.equal(f.range.line + 1, 15);
    assert.match(f.message, /`book\.author`.*select_related\("author"\)/);
    assert.equal(applyFix(text, f).split('\n')[13], '    for book in Book.objects.filter(title__startswith="A").select_related("author"):');
  });

  it('finds reverse and many-to-many managers read per row, over a loop head or a name assigned from a queryset', () => {
    const text = MODELS + [
      'def report(request):',
      '    books = Book.objects.filter(title="x")',
      '    books = books.order_by("title")',
      '    for book in books:',
      '        n = book.review_set.count()',
      '        tags = [t.name for t in book.tags.all()]',
      '    for author in Author.objects.all():',
      '        if author.book_set.exists():',
      '            pass',
      '',
    ].join('\n');
    const found = findings(text);
    assert.deepEqual(found.map(f => f.range.line + 1), [17, 18, 20]);
    // A loop over a name has no quick fix (the queryset is built elsewhere); the loop head one has.
    assert.equal(found[0].fix, undefined);
    assert.equal(applyFix(text, found[2]).split('\n')[18], '    for author in Author.objects.all().prefetch_related("book_set"):');
  });

  it('finds a ForeignKey the file shows through select_related elsewhere, and a manager of a row read in the function', () => {
    assert.deepEqual(lines([
      'from shop.models import Order',
      'def a():',
      '    return Order.objects.select_related("customer").all()',
      'def b(pk):',
      '    for order in Order.objects.filter(paid=False):',
      '        send(order.customer.email)',
      'def c(pk):',
      '    basket = Basket.objects.get(pk=pk)',
      '    for line in basket.lines.all():',
      '        total += line.discounts.count()',
    ].join('\n')), [6, 10]);
  });

  it('leaves covered querysets, values(), custom manager methods and filtered managers alone', () => {
    assert.deepEqual(lines(MODELS + [
      'def covered():',
      '    for book in Book.objects.select_related("author__publisher").prefetch_related(Prefetch("tags")):',
      '        print(book.author.name, book.tags.all())',
      '    for book in Book.objects.select_related():',
      '        print(book.author.name)',
      '    for row in Book.objects.values("title", "author__name"):',
      '        print(row.author.name)',
      '    for book in Book.objects.published():',
      '        print(book.author.name)',
      '    for book in Book.objects.all():',
      '        print(book.review_set.filter(stars=5).count(), book.author_id)',
      '        print(book.review_set.all().order_by("-stars"))',
      '',
    ].join('\n'), 'shop/models.py'), []);
  });

  it('leaves related managers of parameters and attributes alone (a caller may have prefetched them)', () => {
    assert.deepEqual(lines([
      'def values_of(variant):',
      '    for assigned in variant.attributes.all():',
      '        for value in assigned.values.all():',
      '            print(value)',
      'def other(obj):',
      '    engagements = obj.engagement_set.all()',
      '    for eng in engagements:',
      '        print(eng.test_set.all())',
    ].join('\n')), []);
  });

  it('leaves a related queryset used as a lookup value (a subquery) and a rebound loop variable alone', () => {
    assert.deepEqual(lines([
      'def roles():',
      '    for us in Story.objects.filter(project=p):',
      '        roles = Role.objects.filter(role_points__in=us.role_points.all())',
      '    for us in Story.objects.filter(project=p):',
      '        us = us.parent',
      '        print(us.tasks.all())',
    ].join('\n')), []);
  });

  it('leaves names that are not only querysets, models of other files, tests and migrations alone', () => {
    assert.deepEqual(lines([
      'from shop.models import Order',
      'def a():',
      '    orders = Order.objects.all()',
      '    orders = list(orders)',
      '    for order in orders:',
      '        print(order.lines.all())',
      'def b():',
      '    for order in Order.objects.all():',
      '        print(order.customer.email)',
    ].join('\n')), []);
    const loop = MODELS + 'def t():\n    for book in Book.objects.all():\n        print(book.tags.all())\n';
    assert.deepEqual(lines(loop, 'shop/models.py'), [15]);
    assert.deepEqual(lines(loop, 'shop/tests/test_models.py'), []);
    assert.deepEqual(lines(loop, 'shop/migrations/0002_data.py'), []);
    assert.deepEqual(lines(loop, 'dojo/db_migrations/0118_remove_images.py'), []);
  });

  it('gives no quick fix for a manager whose name the file does not show is a relation (it may be a property)', () => {
    const found = findings('def f():\n    for order in Order.objects.all():\n        print(order.lines.count())\n');
    assert.deepEqual(found.map(f => f.range.line + 1), [3]);
    assert.equal(found[0].fix, undefined);
  });

  it('gives no quick fix where appending to the chain is not safe', () => {
    const text = MODELS + [
      'def f():',
      '    for book in Book.objects.filter(title="x")[:10]:',
      '        print(book.author.name)',
      '    for book in Book.objects.only("title").all():',
      '        print(book.author.name)',
      '',
    ].join('\n');
    const found = findings(text, 'shop/models.py');
    assert.deepEqual(found.map(f => f.range.line + 1), [15, 17]);
    assert.deepEqual(found.map(f => f.fix), [undefined, undefined]);
  });

  it('never throws on odd loops', () => {
    for (const text of ['for x in Book.objects.all(', 'for x in Book.objects:\n', 'def f():\n    for x in qs:\n        x.a.all()', 'for in in Book.objects.all():\n  in.a.all()']) {
      assert.doesNotThrow(() => findings(text));
    }
  });
});
