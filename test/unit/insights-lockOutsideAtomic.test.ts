// DJC003: select_for_update() evaluated in a Celery task or a command's handle() with no atomic block —
// positives, and the look-alikes met on the reference projects (helpers whose callers hold the
// transaction, views, tasks that lock inside atomic, locks that are not evaluated).
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { findInsights } from '../../src/core/insights/index';

function lines(code: string, fileName = 'shop/tasks.py'): number[] {
  return findInsights(analyzeDocument(code, fileName), fileName).filter(f => f.insightId === 'DJC003').map(f => f.range.line + 1);
}

const head = 'from celery import shared_task\nfrom django.db import transaction\nfrom shop.models import Order\n';

describe('insights: DJC003 select_for_update outside a transaction', () => {
  it('finds a lock evaluated in a Celery task or a command\'s handle() with no atomic block', () => {
    assert.deepEqual(lines(head + [
      '@shared_task',
      'def settle(pk):',
      '    order = Order.objects.select_for_update().get(pk=pk)',            // 6
      '    first = Order.objects.select_for_update(skip_locked=True).filter(state="new").first()', // 7
      '    for o in Order.objects.filter(state="new").select_for_update():', // 8
      '        o.save()',
      '    locked = list(Order.objects.select_for_update().filter(pk=pk))',  // 10
      '',
      '@app.task(bind=True)',
      'def retry(self, pk):',
      '    Order.objects.select_for_update(nowait=True).get(pk=pk)',        // 14
    ].join('\n')), [6, 7, 8, 10, 14]);
    assert.deepEqual(lines([
      'from django.core.management.base import BaseCommand',
      'class Command(BaseCommand):',
      '    def handle(self, *args, **options):',
      '        for o in Order.objects.select_for_update(skip_locked=True):', // 4
      '            o.save()',
    ].join('\n'), 'shop/management/commands/queue.py'), [4]);
  });

  it('leaves locks inside atomic (with-block, decorator, nested with) alone', () => {
    assert.deepEqual(lines(head + [
      '@shared_task',
      'def a(pk):',
      '    with transaction.atomic():',
      '        order = Order.objects.select_for_update().get(pk=pk)',
      '        lines = list(Order.objects.filter(pk=pk).select_for_update(of=("self",)))',
      '@shared_task',
      '@transaction.atomic',
      'def b(pk):',
      '    Order.objects.select_for_update().get(pk=pk)',
      '@shared_task',
      'def c(pk):',
      '    try:',
      '        with transaction.atomic():',
      '            if pk:',
      '                Order.objects.select_for_update().get(pk=pk)',
      '    except Order.DoesNotExist:',
      '        pass',
    ].join('\n')), []);
  });

  it('leaves helpers, views, receivers, model methods, querysets only built, update()/delete() and tests alone', () => {
    assert.deepEqual(lines(head + [
      'def lock(pk):',                                             // a helper: its callers hold the transaction
      '    return Order.objects.select_for_update().get(pk=pk)',
      'def order_view(request, pk):',                              // ATOMIC_REQUESTS may wrap it
      '    order = Order.objects.select_for_update().get(pk=pk)',
      'class Order2:',
      '    def refresh(self):',
      '        return type(self).objects.select_for_update().get(pk=self.pk)',
      '@shared_task',
      'def built(pk):',
      '    qs = Order.objects.select_for_update().filter(pk=pk)',   // not evaluated here
      '    return qs',
      '@shared_task',
      'def writes(pk):',
      '    Order.objects.select_for_update().filter(pk=pk).update(state="x")',
      '    Order.objects.select_for_update().filter(pk=pk).delete()',
      '# @shared_task def x(): Order.objects.select_for_update().get()',
    ].join('\n')), []);
    const task = head + '@shared_task\ndef settle(pk):\n    Order.objects.select_for_update().get(pk=pk)\n';
    assert.deepEqual(lines(task, 'shop/tests/test_tasks.py'), []);
    assert.deepEqual(lines(task, 'shop/tasks.py'), [6]);
  });
});
