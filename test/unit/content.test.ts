import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readContent } from '../../src/core/content/read';
import { giveaways, type LocatedContent, unlocated, validateContent, wordsKept } from '../../src/core/content/validate';
import type { BankItem } from '../../src/core/content/schema';
import { contentFile, parseContentFile } from '../../src/core/content/curated';
import { curatedPreview } from '../../src/core/content/preview';
import { rankQuestions } from '../../src/core/detect/rank';
import { RULES } from '../../src/core/detect/rules';
import { Library } from '../../src/core/library';
import { entry } from '../fixtures/progress/library';
import { CONTENT, contentContext } from './helpers';

describe('curated content (content/quiz, content/keypoints, content/notes)', () => {
  it('reads, and every item is valid against the bundled questions and rules', () => {
    const { content, problems } = readContent(CONTENT);
    const all = [...problems, ...validateContent(content, contentContext())];
    assert.deepEqual(all, []);
  });
});

function item(stem: string, right: string, wrong: [string, string, string]): BankItem {
  return {
    id: 'x', topic: 'orm-queries', questions: ['q'], django: '5.2', stem, explanation: 'e', docs: ['https://docs.djangoproject.com/'], reviewed: 'r',
    options: [{ text: right, correct: true }, ...wrong.map(text => ({ text, why: 'w' }))],
  };
}

describe('giveaway check on bank items', () => {
  it('flags an item whose right option alone repeats an identifier of the stem', () => {
    const found = giveaways(item('What do `F()` expressions avoid?', 'Race conditions, because `F()` updates in SQL', ['Extra joins', 'Template escaping', 'Migrations conflicts']));
    assert.equal(found.length, 1);
    assert.match(found[0], /only the right option repeats the stem's `f`/);
  });
  it('does not flag when the wrong options name the stem identifier too', () => {
    const found = giveaways(item('What does `F("n") + 1` in `update()` do?', '`F()` makes the database add 1 to the current value', ['`F()` reads the value into Python first', '`F()` locks the row until commit', '`F()` casts the column to text']));
    assert.deepEqual(found, []);
  });
  it('flags an item whose right option shares clearly more of the stem words', () => {
    const found = giveaways(item('Which setting wraps each request in a database transaction?', 'A setting that wraps each request in a database transaction', ['CONN_MAX_AGE', 'DEBUG_PROPAGATE_EXCEPTIONS', 'USE_TZ']));
    assert.ok(found.some(f => /shares \d+ of the stem's words/.test(f)), found.join('\n'));
  });
  it('flags a right option much longer than every wrong one', () => {
    const found = giveaways(item('Pick one.', 'A long and careful answer that hedges every case and explains the mechanism in detail', ['Short', 'Brief one', 'Tiny']));
    assert.ok(found.some(f => /much longer/.test(f)), found.join('\n'));
  });
});

describe('repaired renderings keep the guide answer\'s words', () => {
  it('counts words glued by the scrape as kept, and dropped text as lost', () => {
    assert.equal(wordsKept('Wrap it in atomic andon_commit the task', 'Wrap it in `atomic` and `on_commit` the task'), 1);
    const answer = 'Use blank=True for strings. Why avoid null=True on strings? Two empty values: NULL and the empty string.';
    const kept = wordsKept(answer, 'Use `blank=True` for strings.');
    assert.ok(kept < 0.5, String(kept));
  });
});

describe('shipped content (dist/content.json)', () => {
  const located: LocatedContent = {
    bank: [{ file: 'quiz/bank/x.json', item: { ...item('Stem?', 'Right', ['W1', 'W2', 'W3']), questions: ['q1'] } }],
    cloze: [{ file: 'quiz/cloze.json', item: { id: 'c', question: 'q1', sentence: 'A ____ b.', answer: 'x()', options: ['x()', 'y()', 'z()', 'w()'], family: 'f', reason: 'r' } }],
    keyPoints: [{ file: 'keypoints/g.json', item: { question: 'q1', points: ['p1', 'p2', 'p3'], from: 'ours', note: 'n' } }],
    reviews: [{ file: 'notes/g.json', item: { question: 'q1', verdict: 'outdated', reason: 'why', note: 'Since 5.1 it is built in.', docs: ['https://docs.djangoproject.com/'] } }],
  };

  it('keeps what the quiz and the answers need and leaves the reviewers\' audit fields in content/', () => {
    const file = contentFile(unlocated(located));
    const text = JSON.stringify(file);
    for (const audit of ['reviewed', 'docs', 'reason', 'family', '"from"', 'overlapOk']) assert.ok(!text.includes(audit), audit);
    assert.deepEqual(file.keyPoints, { q1: ['p1', 'p2', 'p3'] });
    assert.deepEqual(file.reviews, { q1: { verdict: 'outdated', note: 'Since 5.1 it is built in.' } });
    assert.deepEqual(file.bank[0].options.map(o => (o.correct ? 'right' : o.why)), ['right', 'w', 'w', 'w']);
    const { content, problem } = parseContentFile(text);
    assert.equal(problem, undefined);
    assert.equal(content.bankItem('x')!.stem, 'Stem?');
    assert.equal(content.clozeItem('c')!.answer, 'x()');
    assert.deepEqual(content.keyPoints('q2', ['q1']), ['p1', 'p2', 'p3'], 'a variant\'s points stand in');
  });

  it('a damaged or foreign file is reported and leaves the content empty', () => {
    const good = contentFile(unlocated(located));
    const cases: [string, RegExp][] = [
      ['{"not json', /not JSON/],
      ['[]', /not a Django Interview Coach content file/],
      [JSON.stringify({ ...good, version: 2 }), /version 2/],
      [JSON.stringify({ ...good, bank: [{ ...good.bank[0], options: good.bank[0].options.slice(0, 3) }] }), /bank item x is malformed/],
      [JSON.stringify({ ...good, bank: [{ ...good.bank[0], options: good.bank[0].options.map(o => ({ ...o, correct: true })) }] }), /exactly one right option/],
      [JSON.stringify({ ...good, cloze: [{ ...good.cloze[0], answer: 'nope()' }] }), /cloze item c is malformed/],
      [JSON.stringify({ ...good, reviews: { q1: { verdict: 'meh' } } }), /review of q1 is malformed/],
    ];
    for (const [text, why] of cases) {
      const { content, problem } = parseContentFile(text);
      assert.match(problem ?? '', why);
      assert.equal(content.bank.length + content.cloze.length, 0);
    }
  });

  it('reads cloze items from content/quiz/cloze.json and from files under content/quiz/cloze/', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-content-'));
    fs.mkdirSync(path.join(dir, 'quiz', 'cloze'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'quiz', 'cloze.json'), JSON.stringify([{ id: 'one' }]));
    fs.writeFileSync(path.join(dir, 'quiz', 'cloze', 'mine.json'), JSON.stringify([{ id: 'two' }]));
    const { content, problems } = readContent(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(content.cloze.map(c => [c.file, (c.item as { id: string }).id]), [['quiz/cloze.json', 'one'], ['quiz/cloze/mine.json', 'two']]);
  });
});

describe('hover previews of reviewed answers', () => {
  it('quotes the correction, marked, instead of a wrong or outdated answer; previews a repaired one from its repair', () => {
    assert.equal(curatedPreview({ verdict: 'wrong', note: 'Django has no `set_isolation_level()`. Set it per database.' }), 'Corrected: Django has no set_isolation_level().');
    assert.equal(curatedPreview({ verdict: 'outdated', note: 'Since Django 5.1 the PostgreSQL backend pools connections.' }), 'Updated: Since Django 5.1 the PostgreSQL backend pools connections.');
    assert.equal(curatedPreview({ verdict: 'damaged', note: 'Indentation.', repaired: 'The `atomic()` block commits at the end.\n\n```python\nx = 1\n```' }), 'The atomic() block commits at the end.');
    assert.equal(curatedPreview({ verdict: 'ok' }), undefined);
    assert.equal(curatedPreview({ verdict: 'incomplete', note: 'Misses the lock.' }), undefined, 'an incomplete answer is not wrong: its own preview stays');
  });

  it('the hover ranking uses the stamped preview', () => {
    const rule = RULES.find(r => r.id === 'on-commit')!;
    const entries = [entry('q-on-commit', ['transactions'], 'Why use transaction.on_commit?', 'It runs the callback right away, before the commit.', { curatedPreview: 'Corrected: It runs after the commit.' })];
    assert.equal(rankQuestions(new Library(entries), rule)[0].preview, 'Corrected: It runs after the commit.');
  });
});

describe('the build step for the curated content', () => {
  const script = path.join(__dirname, '..', '..', 'src', 'build', 'buildContent.js');
  function build(files: Record<string, unknown>) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-build-'));
    for (const [rel, value] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, 'content', rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, 'content', rel), JSON.stringify(value));
    }
    const index = { version: 1, guides: ['g.md'], errors: [], entries: [{ id: 'g#1', question: 'Why on_commit?', answer: 'It runs after the commit.', hasAnswer: true, topics: ['transactions'], keywords: [], section: 'S', source: { file: 'g.md', line: 1 } }] };
    fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify(index));
    const run = spawnSync(process.execPath, [script, path.join(dir, 'content'), path.join(dir, 'index.json'), path.join(dir, 'content.json')], { encoding: 'utf8' });
    return { run, dir };
  }

  it('fails, listing every problem, when an item is invalid', () => {
    const { run, dir } = build({ 'quiz/bank/bad.json': [{ id: 'Bad Id', topic: 'nope', questions: ['g#404'] }] });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /problem\(s\) in the curated content/);
    assert.match(run.stderr, /quiz\/bank\/bad\.json Bad Id: id must be kebab-case/);
    assert.match(run.stderr, /unknown guide question "g#404"/);
    assert.match(run.stderr, /exactly four options/);
    assert.ok(!fs.existsSync(path.join(dir, 'content.json')));
  });

  it('ships valid content and stamps the hover preview of a reviewed answer into the index', () => {
    const { run, dir } = build({ 'notes/g.json': [{ question: 'g#1', verdict: 'wrong', reason: 'r', note: 'It is discarded when the transaction rolls back.' }] });
    assert.equal(run.status, 0, run.stderr);
    const shipped = JSON.parse(fs.readFileSync(path.join(dir, 'content.json'), 'utf8'));
    assert.deepEqual(shipped.reviews, { 'g#1': { verdict: 'wrong', note: 'It is discarded when the transaction rolls back.' } });
    const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
    assert.equal(index.entries[0].curatedPreview, 'Corrected: It is discarded when the transaction rolls back.');
  });
});
