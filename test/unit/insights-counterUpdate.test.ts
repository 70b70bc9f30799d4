// DJC007 counter read-modify-write without F(): positives and the look-alikes found on real projects.
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { findInsights } from '../../src/core/insights/index';

function lines(code: string, fileName = 'shop/views.py'): number[] {
  return findInsights(analyzeDocument(code, fileName), fileName).filter(f => f.insightId === 'DJC007').map(f => f.range.line + 1);
}

describe('insights: DJC007 counter updated without F()', () => {
  it('finds increments of rows read with get(), get_object_or_404, get_or_create and a loop over a queryset', () => {
    assert.deepEqual(lines([
      'from django.shortcuts import get_object_or_404',
      'def vote(request, pk):',
      '    item = get_object_or_404(Item, pk=pk)',
      '    if request.method == "POST":',
      '        item.votes += 1',
      '        item.votes -= 1',
      '        item.save()',
      'def register(code):',
      '    if code:',
      '        invite = Invite.objects.get(code=code)',
      '    else:',
      '        invite = None',
      '    if invite:',
      '        invite.times_used = invite.times_used + 1',
      '        invite.save(update_fields=["times_used"])',
      'def authorize(value, capacity):',
      '    obj, created = Bucket.objects.get_or_create(value=value)',
      '    obj.tokens -= 1.0 / capacity',
      '    obj.save()',
      'def bump():',
      '    for entry in Entry.objects.filter(live=True):',
      '        entry.views += entry.pending["views"]',
      '        entry.save()',
    ].join('\n')), [5, 14, 18, 22]);
  });

  it('finds the rows of a related manager of a row read in the function, and leaves locked or custom-manager rows alone', () => {
    assert.deepEqual(lines([
      'def shift(list_id, start):',
      '    book_list = List.objects.get(id=list_id)',
      '    items = book_list.listitem_set.filter(order__gte=start)',
      '    items = items.order_by("-order")',
      '    for item in items:',
      '        item.order += 1',
      '        item.save()',
      'def locked(list_id):',
      '    for item in Item.objects.select_for_update().filter(list_id=list_id):',
      '        item.order += 1',
      '        item.save()',
      'def custom(list_id):',
      '    for item in Item.objects.in_list(list_id):',
      '        item.order += 1',
      '        item.save()',
      'def param(book_list):',
      '    for item in book_list.listitem_set.all():',
      '        item.order += 1',
      '        item.save()',
    ].join('\n')), [6]);
  });

  it('finds self in a model method, with a multi-line def header', () => {
    assert.deepEqual(lines([
      'from django.db import models',
      'class Voucher(models.Model):',
      '    num_orders = models.PositiveIntegerField(default=0)',
      '    def record_usage(',
      '        self, order',
      '    ) -> None:',
      '        self.num_orders += 1',
      '        self.save()',
    ].join('\n'), 'shop/models.py'), [7]);
  });

  it('leaves parameters, new instances, plain objects and forms alone', () => {
    assert.deepEqual(lines([
      'def charge(gift_card, value):',
      '    gift_card.balance -= value',
      '    gift_card.save()',
      'def new():',
      '    o = Order(total=0)',
      '    o.total += 5',
      '    o.save()',
      'class Cursor:',
      '    def move(self, n):',
      '        self.pos += n',
      '        self.save()',
      'def form_view(request):',
      '    form = Form(request.POST)',
      '    form.count += 1',
      '    form.save()',
    ].join('\n')), []);
  });

  it('leaves locked rows, F() updates, text, lists and dates alone', () => {
    assert.deepEqual(lines([
      'from django.db.models import F',
      'def locked(pk):',
      '    job = Job.objects.select_for_update().get(pk=pk)',
      '    job.done += 1',
      '    job.save()',
      'def with_f(pk):',
      '    post = Post.objects.get(pk=pk)',
      '    post.views += 1',
      '    Post.objects.filter(pk=pk).update(views=F("views") + 1)',
      '    post.save()',
      'def text(pk):',
      '    f = Finding.objects.get(pk=pk)',
      '    f.description += "more"',
      '    f.description += f"\\n{extra}"',
      '    f.tags += ["a"]',
      '    f.due += timedelta(days=1)',
      '    f.save()',
      'def no_save(pk):',
      '    p = Post.objects.get(pk=pk)',
      '    p.views += 1',
      '    return p.views',
    ].join('\n')), []);
  });

  it('leaves tests and migrations alone', () => {
    const text = 'def t(pk):\n    p = Post.objects.get(pk=pk)\n    p.views += 1\n    p.save()\n';
    assert.deepEqual(lines(text), [3]);
    assert.deepEqual(lines(text, 'blog/tests/test_views.py'), []);
    assert.deepEqual(lines(text, 'blog/test_views.py'), []);
    assert.deepEqual(lines(text, 'blog/migrations/0003_counts.py'), []);
  });
});
