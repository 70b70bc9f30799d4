// DJC002: a Celery task or an email inside transaction.atomic(), not deferred with on_commit —
// positives, one look-alike per false-positive class met on real projects, and the quick fix's edits.
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { findInsights } from '../../src/core/insights/index';
import type { InsightEdit, InsightFinding } from '../../src/core/insights/types';

function findings(code: string, fileName = 'shop/services.py'): InsightFinding[] {
  return findInsights(analyzeDocument(code, fileName), fileName).filter(f => f.insightId === 'DJC002');
}
const lines = (code: string, fileName?: string) => findings(code, fileName).map(f => f.range.line + 1);

/** The text with the edits applied (0-based line/character ranges, applied last to first). */
function apply(text: string, edits: InsightEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const sorted = [...edits].sort((a, b) => b.line - a.line || b.start - a.start);
  for (const e of sorted) text = text.slice(0, starts[e.line] + e.start) + e.newText + text.slice(starts[e.endLine] + e.end);
  return text;
}

const head = 'from django.db import transaction\nfrom django.core.mail import send_mail, EmailMessage\nfrom .tasks import notify\n';

describe('insights: DJC002 task or email inside atomic', () => {
  it('finds .delay(), .apply_async(), send_mail() and EmailMessage sends after a write in atomic', () => {
    assert.deepEqual(lines(head + [
      '@transaction.atomic',                       // 4
      'def pay(order):',
      '    order.save()',
      '    notify.delay(order.id)',                 // 7
      '',
      'def ship(order):',
      '    with transaction.atomic():',
      '        Order.objects.filter(pk=order.pk).update(state="shipped")',
      '        notify.apply_async(args=[order.id])',   // 12
      '        send_mail("s", "b", "a@b.c", ["x@y.z"])', // 13
      '        EmailMessage("s", "b").send()',          // 14
      '        msg = EmailMessage("s", "b")',
      '        msg.send()',                             // 16
    ].join('\n')), [7, 12, 13, 14, 16]);
  });

  it('follows aliases, atomic() with arguments, method_decorator(atomic) and a project\'s atomic context manager', () => {
    assert.deepEqual(lines([
      'from django.db import transaction as tx',
      'from django.db.transaction import atomic',
      'from django.utils.decorators import method_decorator',
      'from .tracing import traced_atomic_transaction',
      'from .tasks import notify',
      'def a(o):',
      '    with tx.atomic(using="default"):',
      '        o.save()',
      '        notify.delay(o.id)',                     // 9
      'class V:',
      '    @method_decorator(atomic)',
      '    def post(self, o):',
      '        o.delete()',
      '        notify.delay(o.id)',                     // 14
      'def b(o):',
      '    with traced_atomic_transaction():',
      '        o.save()',
      '        notify.delay(o.id)',                     // 18
    ].join('\n')), [9, 14, 18]);
  });

  it('leaves on_commit, code after the block, nested functions, blocks without a write and look-alike names alone', () => {
    assert.deepEqual(lines(head + [
      'def a(order):',
      '    with transaction.atomic():',
      '        order.save()',
      '        transaction.on_commit(lambda: notify.delay(order.id))',
      '        transaction.on_commit(',
      '            lambda: send_mail("s", "b", "a@b.c", ["x"])',
      '        )',
      '    notify.delay(order.id)',
      'def b(order):',
      '    with transaction.atomic():',
      '        order.save()',
      '        def later():',
      '            notify.delay(order.id)',
      '        transaction.on_commit(later)',
      'def c(order):',
      '    with transaction.atomic():',
      '        if Order.objects.filter(pk=order.pk).exists():',
      '            notify.delay(order.id)',                    // no write before it
      'def d(order):',
      '    with transaction.non_atomic_requests():',
      '        order.save()',
      '        notify.delay(order.id)',
      'def e(order):',
      '    with open("f") as fh:',
      '        order.save()',
      '        notify.delay(order.id)',
      'def f(order):',
      '    with transaction.atomic():',
      '        order.save()',
      '        callbacks.append(lambda: notify.delay(order.id))',
      '        later = lambda: send_mail("s", "b", "a@b.c", ["x"])',
      '# with transaction.atomic(): order.save(); notify.delay(1)',
    ].join('\n')), []);
  });

  it('leaves test files and a send_mail the file defines itself alone', () => {
    const code = head + 'def t(o):\n    with transaction.atomic():\n        o.save()\n        notify.delay(o.id)\n';
    assert.deepEqual(lines(code, 'shop/tests/test_orders.py'), []);
    assert.deepEqual(lines(code, 'shop/test_orders.py'), []);
    assert.deepEqual(lines('from django.db import transaction\ndef send_mail(*a): pass\ndef f(o):\n    with transaction.atomic():\n        o.save()\n        send_mail("x")\n'), []);
  });

  it('points at the call and relates the atomic header and the write', () => {
    const [f] = findings(head + 'def f(o):\n    with transaction.atomic():\n        o.save()\n        notify.delay(o.id)\n');
    assert.deepEqual(f.range, { line: 6, start: 8, endLine: 6, end: 20 });
    assert.deepEqual(f.related?.map(r => r.range.line), [4, 5]);
    assert.match(f.message, /`notify\.delay\(\)`.*line 5.*`o\.save\(\)` \(line 6\)/);
  });
});

describe('insights: DJC002 quick fix', () => {
  it('wraps a one-line call statement in transaction.on_commit(lambda: …)', () => {
    const text = head + 'def f(order):\n    with transaction.atomic():\n        order.save()\n        notify.delay(order.id, kind="paid")  # enqueue\n    return None\n';
    const [f] = findings(text);
    assert.equal(f.fix?.title, 'Defer with transaction.on_commit(lambda: …)');
    assert.equal(apply(text, f.fix!.edits), head + 'def f(order):\n    with transaction.atomic():\n        order.save()\n        transaction.on_commit(lambda: notify.delay(order.id, kind="paid"))  # enqueue\n    return None\n');
  });

  it('uses the name the file gives the transaction module and works for mail', () => {
    const text = 'from django.db import transaction as tx\nfrom django.core.mail import send_mail\n@tx.atomic\ndef f(u):\n    u.save()\n    send_mail("s", "b", "a@b.c", [EMAIL])\n';
    const [f] = findings(text);
    assert.equal(apply(text, f.fix!.edits), 'from django.db import transaction as tx\nfrom django.core.mail import send_mail\n@tx.atomic\ndef f(u):\n    u.save()\n    tx.on_commit(lambda: send_mail("s", "b", "a@b.c", [EMAIL]))\n');
  });

  it('offers no fix where the lambda could see other values or the statement is more than the call', () => {
    const cases = [
      // in a loop: the lambda would read the last `o`
      'def f(orders):\n    with transaction.atomic():\n        for o in orders:\n            o.save()\n            notify.delay(o.id)\n',
      // an argument's name is used again after the call
      'def f(o):\n    with transaction.atomic():\n        o.save()\n        notify.delay(o.id)\n        o.state = "x"\n',
      // in a try block: the except clause would no longer see the call's errors
      'def f(o):\n    with transaction.atomic():\n        o.save()\n        try:\n            notify.delay(1)\n        except Exception:\n            pass\n',
      // the result is used
      'def f(o):\n    with transaction.atomic():\n        o.save()\n        r = notify.delay(o.id)\n',
      // the call spans lines
      'def f(o):\n    with transaction.atomic():\n        o.save()\n        notify.delay(\n            o.id)\n',
    ];
    for (const c of cases) {
      const all = findings(head + c);
      assert.equal(all.length, 1, c);
      assert.equal(all[0].fix, undefined, c);
    }
    // no django.db.transaction import to call on_commit through
    const [f] = findings('from django.db.transaction import atomic\nfrom .tasks import notify\n@atomic\ndef f(o):\n    o.save()\n    notify.delay(o.id)\n');
    assert.equal(f.fix, undefined);
  });
});
