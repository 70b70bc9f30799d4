// Question ranking, answer previews and the hover model: on a small library written here (so the
// expected order follows from the scoring rules), then on the bundled guides.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { hoverAt } from '../../src/core/detect/hover';
import { answerPreview, containsTerm, normalizeForMatch, rankQuestions } from '../../src/core/detect/rank';
import { RULES, ruleById } from '../../src/core/detect/rules';
import { Library } from '../../src/core/library';
import type { TopicId } from '../../src/core/taxonomy';
import type { Entry } from '../../src/core/types';
import { contentIndex } from './helpers';

function entry(id: string, topics: TopicId[], question: string, answer = '', extra: Partial<Entry> = {}): Entry {
  return { id, question, answer, topics, keywords: [], hasAnswer: answer !== '', section: 'Test', source: { file: 't.md', line: 1 }, ...extra };
}

const LIBRARY = new Library([
  entry('generic', ['transactions'], 'How do database transactions work in Django?', 'Django wraps writes in transactions. See atomic().'),
  entry('on-commit', ['transactions'], 'When would you use transaction.on_commit()?',
    '**On commit hooks**\n\nIt runs a callback only after the outer transaction commits, so a Celery task never sees uncommitted rows. Otherwise nothing runs.'),
  entry('on-commit-variant', ['transactions'], 'What is on_commit used for?', 'Same thing.', { canonicalId: 'on-commit' }),
  entry('celery-after-commit', ['celery-tasks'], 'How do you enqueue a Celery task only after the on_commit callback fires?', 'Call delay() inside on_commit.'),
  entry('locking', ['transactions'], 'What does select_for_update do?', 'It locks rows until the end of the transaction.'),
  entry('isolation', ['transactions', 'performance-scaling'], 'Which isolation level does Django use?'),
  entry('off-topic', ['caching'], 'How do you invalidate a cache after a commit?', 'Delete keys in a transaction hook.'),
]);

const ON_COMMIT = ruleById('on-commit')!;

describe('question ranking', () => {
  it('prefers questions naming the construct over generic ones of the same topic', () => {
    const ids = rankQuestions(LIBRARY, ON_COMMIT).map(q => q.id);
    assert.equal(ids[0], 'on-commit');
    assert.ok(ids.indexOf('on-commit') < ids.indexOf('generic') || !ids.includes('generic'));
    assert.equal(ids.length, 3);
  });

  it('takes an on-topic question over an off-topic one that only shares a generic word', () => {
    const ids = rankQuestions(LIBRARY, ON_COMMIT, 10).map(q => q.id);
    assert.ok(!ids.includes('off-topic'), 'mentions "commit" but not on_commit, and is about caching');
    assert.ok(ids.includes('celery-after-commit'), 'another topic, but it names on_commit');
  });

  it('never returns variants (entries with a canonicalId)', () => {
    for (const rule of RULES) assert.ok(!rankQuestions(LIBRARY, rule, 10).some(q => q.id === 'on-commit-variant'), rule.id);
  });

  it('ranks by the construct\'s own keyword within a topic: select_for_update finds the locking question', () => {
    assert.equal(rankQuestions(LIBRARY, ruleById('select-for-update')!)[0].id, 'locking');
  });

  it('is deterministic and gives nothing for a topic the library lacks', () => {
    assert.deepEqual(rankQuestions(LIBRARY, ON_COMMIT), rankQuestions(new Library([...LIBRARY.entries]), ON_COMMIT));
    assert.deepEqual(rankQuestions(LIBRARY, ruleById('i18n')!), []);
  });

  it('normalizes for matching: lower case, _ and - as spaces, every whitespace run one space', () => {
    assert.equal(normalizeForMatch('Use ON_COMMIT'), 'use on commit');
    assert.equal(normalizeForMatch('a \n\t b\nc\u00a0d  e'), 'a b c d e');
    assert.equal(normalizeForMatch('post-save _ hook'), 'post save hook');
    assert.equal(normalizeForMatch('\r\n'), ' ');
  });

  it('matches terms as words, stems only where asked, across _ - and spaces', () => {
    assert.ok(containsTerm(normalizeForMatch('Explain transaction.on_commit!'), normalizeForMatch('on_commit')));
    assert.ok(containsTerm(normalizeForMatch('what happens on commit'), normalizeForMatch('on_commit')));
    assert.ok(!containsTerm('how do connections pool', 'connect'));
    assert.ok(containsTerm('rate throttling', 'throttl*'));
    assert.ok(containsTerm('use signals', 'signal'), 'plural');
    assert.ok(!containsTerm('a format string', 'form'));
    assert.ok(containsTerm('how do f() and q() objects help', 'f('));
  });
});

describe('answer preview', () => {
  it('skips a bold title line and keeps the first sentence, as plain text', () => {
    assert.equal(answerPreview(LIBRARY.get('on-commit')!), 'It runs a callback only after the outer transaction commits, so a Celery task never sees uncommitted rows.');
  });

  it('drops code fences, tables and headings, and strips links, inline code and emphasis', () => {
    const answer = '## Overview\n\n```python\nx = 1\n```\n\n| a | b |\n|---|---|\n\nUse [`select_related()`](https://docs) for **single-valued** relations, e.g. ForeignKey. Then more.';
    assert.equal(answerPreview({ answer }), 'Use select_related() for single-valued relations, e.g. ForeignKey.');
  });

  it('keeps inline code as written: dunder names are not bold, angle brackets in code are not tags', () => {
    assert.equal(answerPreview({ answer: 'A class with `__init__(get_response)` and `__call__`, in `<app>/middleware.py`; *not* a <b>tag</b>.' }),
      'A class with __init__(get_response) and __call__, in <app>/middleware.py; not a tag.');
  });

  it('truncates long sentences at a word boundary to at most 160 characters', () => {
    const preview = answerPreview({ answer: `${'word '.repeat(60)}end.` });
    assert.ok(preview.length <= 160, String(preview.length));
    assert.ok(preview.endsWith('…'));
    assert.ok(!preview.includes('  '));
  });

  it('follows a lead-in that ends with a colon with the first thing it introduces', () => {
    // Both shapes from the bundled guides: a numbered list after the lead-in (code between items), and a bullet list after a table.
    const numbered = '**Django Caching Strategies**\n\nDjango supports multiple caching levels:\n\n1. Per-Site Cache: Caches entire site output\n\n```python\nMIDDLEWARE = []\n```\n\n2. Per-View Cache';
    assert.equal(answerPreview({ answer: numbered }), 'Django supports multiple caching levels: Per-Site Cache: Caches entire site output');
    const afterTable = '| Layer | Mechanism |\n|---|---|\n| Per-view | @cache_page |\n\nInvalidation is the hard part:\n\n- Key by object version or TTL\n\n- Prefer explicit invalidation.';
    assert.equal(answerPreview({ answer: afterTable }), 'Invalidation is the hard part: Key by object version or TTL');
    // A lead-in with nothing after it, or followed by a title, a fragment or unfenced code, stays as it is.
    assert.equal(answerPreview({ answer: 'Three things matter here:' }), 'Three things matter here:');
    assert.equal(answerPreview({ answer: 'Django offers several ways:\n\nATOMIC_REQUESTS:\n\nMore.' }), 'Django offers several ways:');
    assert.equal(answerPreview({ answer: 'Common mature layout:\n\nproject/\n  config/' }), 'Common mature layout:');
    assert.equal(answerPreview({ answer: 'Typical container layout:\n\nCMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]' }), 'Typical container layout:');
    assert.equal(answerPreview({ answer: 'pytest-django provides fixtures:\n\nassert response.status_code == 201 and the rest' }), 'pytest-django provides fixtures:');
  });

  it('falls back to the hint without its parentheses, and is empty when there is neither', () => {
    assert.equal(answerPreview({ answer: '', hint: '(Discuss atomic blocks and savepoints.)' }), 'Discuss atomic blocks and savepoints.');
    assert.equal(answerPreview({ answer: '' }), '');
  });
});

describe('hover model', () => {
  const code = [
    'from django.db import transaction',
    '',
    'def save(order):',
    '    # transaction.on_commit in a comment',
    '    transaction.on_commit(lambda: notify(order))',
  ].join('\n');
  const analysis = analyzeDocument(code, 'orders.py');

  it('on a construct: its range, rule, topics, probe and ranked questions with previews', () => {
    const model = hoverAt(analysis, LIBRARY, 4, 20);
    assert.deepEqual(model && { ...model, questions: model.questions.map(q => q.id) }, {
      range: { line: 4, start: 4, end: 25 },
      ruleId: 'on-commit',
      title: ON_COMMIT.title,
      topics: ['transactions'],
      probe: ON_COMMIT.probe,
      questions: rankQuestions(LIBRARY, ON_COMMIT).map(q => q.id),
      search: 'on_commit',
    });
    assert.equal(model!.questions[0].question, 'When would you use transaction.on_commit()?');
    assert.ok(model!.questions[0].preview.startsWith('It runs a callback'));
  });

  it('null on comments, plain code and blank lines', () => {
    assert.equal(hoverAt(analysis, LIBRARY, 3, 10), null);
    assert.equal(hoverAt(analysis, LIBRARY, 4, 40), null);
    assert.equal(hoverAt(analysis, LIBRARY, 1, 0), null);
  });

  it('with an empty library still shows the probe, says the library has nothing and what to search', () => {
    const model = hoverAt(analysis, new Library([]), 4, 4);
    assert.equal(model?.ruleId, 'on-commit');
    assert.deepEqual(model?.questions, []);
    assert.equal(model?.nothing, 'No question in the loaded guides covers transaction.on_commit yet.');
    assert.equal(model?.search, 'on_commit');
  });
});

describe('hovers on the bundled guides', () => {
  const library = Library.fromIndexes([contentIndex()]);
  const shop = path.resolve(__dirname, '../../../test/fixtures/detect/shop');

  /** The hover at the first occurrence of `needle` (+ `offset`) in a fixture file. */
  function hoverOn(file: string, needle: string, offset = 0) {
    const text = fs.readFileSync(path.join(shop, file), 'utf8');
    const lines = text.split('\n');
    const line = lines.findIndex(l => l.includes(needle) && !l.trimStart().startsWith('#'));
    return hoverAt(analyzeDocument(text, file), library, line, lines[line].indexOf(needle) + offset);
  }

  // Constructs of the fixture project: how many questions the reviewed list gives, and the first one.
  const cases: [string, string, string, number, string][] = [
    ['orders/views.py', '.select_related(', 'select-related', 3, 'Explain select_related vs prefetch_related.'],
    ['orders/signals.py', 'm2m_changed.connect', 'm2m-changed', 1, 'What are Django signals, and when should you avoid using them?'],
    ['orders/signals.py', '@receiver(post_save', 'receiver', 3, 'What are Django signals, and when should you avoid using them?'],
    ['orders/signals.py', 'transaction.on_commit', 'on-commit', 2, 'Explain transaction.atomic, on_commit, and select_for_update.'],
    ['orders/views.py', '@method_decorator(cache_page', 'cache-page', 3, 'Difference between per-view caching, template fragment caching, and low-level caching.'],
    ['orders/views.py', 'F("priority")', 'f-expression', 2, 'How do F() and Q() objects help in Django queries?'],
    ['orders/views.py', 'Q(status', 'q-object', 1, 'How do F() and Q() objects help in Django queries?'],
    ['orders/tasks.py', '@shared_task', 'celery-task', 3, 'How does Celery integrate with Django and what production pitfalls appear?'],
  ];
  for (const [file, needle, ruleId, count, first] of cases) {
    it(`${ruleId} in ${file}: ${count} question(s), first "${first}"`, () => {
      const offset = needle.startsWith('.') ? 1 : needle.startsWith('@method_decorator(') ? 18 : needle.startsWith('@') ? 1 : 0;
      const model = hoverOn(file, needle, offset);
      assert.equal(model?.ruleId, ruleId);
      assert.equal(model!.questions.length, count);
      assert.equal(model!.questions[0].question, first);
      assert.equal(model!.nothing, undefined);
      for (const q of model!.questions) assert.ok(q.preview.length > 0 && q.preview.length <= 160, q.id);
    });
  }

  it('questions about one name of a rule show for that name only; a name without any says so and searches for itself', () => {
    const bulk = hoverOn('orders/reports.py', '.bulk_create(', 1);
    assert.equal(bulk?.ruleId, 'bulk-operations');
    assert.deepEqual(bulk!.questions.map(q => q.question), [
      'How do you reduce the number of database queries in views?',
      'What are Django signals, and when should you avoid using them?',
    ]);
    const inBulk = hoverOn('orders/reports.py', '.in_bulk(', 1);
    assert.equal(inBulk?.ruleId, 'bulk-operations');
    assert.deepEqual(inBulk!.questions, []);
    assert.equal(inBulk!.nothing, 'No question in the loaded guides covers in_bulk yet.');
    assert.equal(inBulk!.search, 'in_bulk');
    const render = hoverOn('orders/views.py', 'render(request, "orders/dashboard.html"');
    assert.deepEqual(render?.questions.map(q => q.question), ['How do you pass data from views to templates?']);
    const get404 = hoverOn('orders/views.py', 'get_object_or_404(Order, pk=pk)');
    assert.equal(get404?.ruleId, 'view-shortcuts');
    assert.equal(get404!.nothing, 'No question in the loaded guides covers get_object_or_404 yet.');
  });

  it('where the guides have nothing on the construct, the hover says so and offers a search', () => {
    for (const [file, needle, ruleId, search] of [
      ['orders/views.py', '@vary_on_cookie', 'cache-vary', 'vary'],
      ['orders/tests.py', '@override_settings', 'override-settings', 'override_settings'],
      ['orders/models.py', 'GenericForeignKey(', 'generic-relations', 'genericforeignkey'],
    ]) {
      const model = hoverOn(file, needle, needle.startsWith('@') ? 1 : 0);
      assert.equal(model?.ruleId, ruleId);
      assert.deepEqual(model!.questions, []);
      assert.match(model!.nothing!, /^No question in the loaded guides covers .+ yet\.$/);
      assert.equal(model!.search, search);
    }
  });
});
