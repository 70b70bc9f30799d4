// The structural helpers insight checks share (src/core/insights/code.ts, transactionScope.ts):
// enclosing function and its headers, decorators, def signatures, detections, atomic scope, test paths.
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { Code } from '../../src/core/insights/code';
import { enclosingAtomic, isTestFile } from '../../src/core/insights/transactionScope';

const code = (text: string) => new Code(analyzeDocument(text, 'app/x.py'));

const SAMPLE = [
  'from django.db import transaction',        // 0
  'from django.dispatch import receiver',
  'class A:',                                 // 2
  '    @receiver(',                           // 3
  '        post_save,',
  '        sender=B,',
  '    )',
  '    @transaction.atomic',                  // 7
  '    def run(self, a, b=1, *args, c: int = 2, **kw):',
  '        with transaction.atomic():',        // 9
  '            for x in a:',                   // 10
  '                def inner(y):',             // 11
  '                    return y',              // 12
  '                x.save()',                  // 13
  '',
  'def plain():',                             // 15
  '    pass',
].join('\n');

describe('insights: Code helpers for functions and blocks', () => {
  it('finds the innermost def and the headers inside it', () => {
    const c = code(SAMPLE);
    assert.equal(c.enclosingDef(13)?.line, 8);
    assert.equal(c.enclosingDef(12)?.line, 11);
    assert.deepEqual(c.headersInFunction(13).map(h => h.line), [10, 9]);
    assert.deepEqual(c.headersInFunction(12).map(h => h.line), []);
    assert.equal(c.enclosingDef(0), null);
    assert.equal(c.enclosingDef(16)?.line, 15);
  });

  it('finds where a statement spanning lines starts', () => {
    const c = code(SAMPLE);
    assert.equal(c.statementStartLine(5), 3);
    assert.equal(c.statementStartLine(3), 3);
    assert.equal(c.statementStartLine(13), 13);
  });

  it('reads decorators above a def, a multi-line one included, nearest first', () => {
    const c = code(SAMPLE);
    assert.deepEqual(c.decorators(8).map(d => [d.line, d.text]), [[7, 'transaction.atomic'], [3, 'receiver( post_save, sender=B, )']]);
    assert.deepEqual(c.decorators(15), []);
    assert.deepEqual(c.decorators(11), []);
  });

  it('reads a def\'s name and parameters, and nothing from other headers', () => {
    const c = code(SAMPLE);
    assert.deepEqual(c.defSignature(c.headerText(8)), { name: 'run', params: ['self', 'a', 'b', 'args', 'c', 'kw'] });
    assert.deepEqual(c.defSignature('async def f(request):'), { name: 'f', params: ['request'] });
    assert.equal(c.defSignature('with x():'), null);
    assert.equal(c.defSignature('def broken(a, b'), null);
  });

  it('lists the detector\'s constructs of one rule', () => {
    const c = code('from .tasks import notify\nimport django\nnotify.delay(1)\nx = 1\n');
    assert.deepEqual(c.detections('celery-call').map(d => d.line), [2]);
    assert.deepEqual(c.detections('no-such-rule'), []);
  });
});

describe('insights: transaction scope', () => {
  it('sees with-blocks and decorators of the same function only', () => {
    const c = code(SAMPLE);
    assert.equal(enclosingAtomic(c, 13)?.line, 9);
    assert.equal(enclosingAtomic(c, 12), null, 'a nested def runs when called, not in the block');
    assert.equal(enclosingAtomic(c, 16), null);
    const d = code('from django.db import transaction\n@transaction.atomic()\ndef f():\n    x = 1\n');
    assert.equal(enclosingAtomic(d, 3)?.line, 1);
  });

  it('does not take a rebound or unrelated atomic for Django\'s', () => {
    assert.equal(enclosingAtomic(code('from mylib import atomic\ndef f():\n    with atomic():\n        x = 1\n'), 3), null);
    assert.equal(enclosingAtomic(code('from django.db import transaction\ndef f():\n    with transaction.non_atomic_requests():\n        x = 1\n'), 3), null);
  });

  it('tells test files from the rest', () => {
    for (const p of ['app/tests/test_x.py', 'app/tests.py', 'app/test_models.py', 'conftest.py', 'app\\tests\\x.py', 'app/models_test.py']) assert.ok(isTestFile(p), p);
    for (const p of ['app/models.py', 'app/testimonials.py', 'app/contest.py', 'app/latest.py', undefined]) assert.ok(!isTestFile(p), String(p));
  });
});
