import assert from 'node:assert/strict';
import { Library } from '../../src/core/library';
import {
  answerChoice, buildChoices, createRng, currentItem, endQuiz, generateQuiz, gradeFlashcard, nearDuplicate, nextItem,
  type QuizSession, quizResult, restoreSession, retryMissed, reveal, scopeLabel, seedFrom, serializeSession, summarize,
} from '../../src/core/quiz';
import { applyReview, emptyProgress, type Progress } from '../../src/core/progress';
import { ENTRIES, entry, fixtureLibrary } from '../fixtures/progress/library';

const NOW = Date.UTC(2025, 2, 10, 12, 0, 0);
const DAY = { utcOffsetMinutes: 0 };

function mc(seed: number | string, scope: Parameters<typeof generateQuiz>[1]['scope'] = { kind: 'all' }, length = 50, library = fixtureLibrary()) {
  return generateQuiz(library, { scope, mode: 'multiple-choice', length, seed, now: NOW });
}

describe('quiz: seeded randomness', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const sa = Array.from({ length: 8 }, () => a.next());
    assert.deepEqual(sa, Array.from({ length: 8 }, () => b.next()));
    assert.notDeepEqual(sa, Array.from({ length: 8 }, () => c.next()));
    assert.ok(sa.every(x => x >= 0 && x < 1));
  });
  it('accepts string seeds and shuffles without losing items', () => {
    assert.equal(seedFrom('abc'), seedFrom('abc'));
    assert.notEqual(seedFrom('abc'), seedFrom('abd'));
    const items = Array.from({ length: 20 }, (_, i) => i);
    const shuffled = createRng('x').shuffle(items);
    assert.deepEqual([...shuffled].sort((x, y) => x - y), items);
    assert.notDeepEqual(shuffled, items);
  });
});

describe('quiz: summarize', () => {
  it('strips Markdown, drops code blocks and keeps one or two sentences', () => {
    const s = summarize('**`select_related`** follows [foreign keys](https://x) with a JOIN.\n\n```python\nBook.objects.select_related("a")\n```\n\nIt returns one query. It is great. Really.');
    assert.equal(s, '`select_related` follows foreign keys with a JOIN. It returns one query.'.replace(/`/g, ''));
  });
  it('caps long answers near 200 characters at a word boundary', () => {
    const s = summarize(`${'word '.repeat(100)}end.`);
    assert.ok(s.length <= 200, `${s.length}`);
    assert.ok(s.endsWith('…'));
    assert.ok(!s.includes('  '));
  });
  it('does not split after e.g. or dotted names, and joins lists', () => {
    assert.equal(summarize('Use a cache, e.g. Redis. Then measure.'), 'Use a cache, e.g. Redis. Then measure.');
    assert.equal(summarize('Key points:\n\n- one thing\n- another thing.\n\nMore text here.'), 'Key points: one thing; another thing. More text here.');
  });
  it('drops raw HTML and returns empty text for empty or code-only answers', () => {
    assert.equal(summarize('<script>alert(1)</script>\n\nPlain words.'), 'Plain words.');
    assert.equal(summarize(''), '');
    assert.equal(summarize('```python\nx = 1\n```'), '');
  });
  it('recognises near-identical texts', () => {
    assert.ok(nearDuplicate('It follows foreign keys with a JOIN.', 'it follows foreign keys, with a join'));
    assert.ok(!nearDuplicate('It follows foreign keys with a JOIN.', 'It runs a second query per relation.'));
  });
});

describe('quiz: multiple choice', () => {
  const library = fixtureLibrary();
  const build = mc(7);
  const items = build.session.items;

  it('gives every question four options with the correct answer exactly once', () => {
    assert.ok(items.length > 10);
    for (const item of items) {
      assert.equal(item.options!.length, 4);
      assert.equal(item.options!.filter(o => o.id === item.id).length, 1);
      assert.equal(item.options![item.correct!].id, item.id);
      assert.equal(item.options![item.correct!].text, summarize(library.get(item.id)!.answer));
    }
  });

  it('never shows two options with the same or near-identical text', () => {
    for (const item of items) {
      const texts = item.options!.map(o => o.text);
      for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) assert.ok(!nearDuplicate(texts[i], texts[j]), `${item.id}: ${texts[i]} / ${texts[j]}`);
    }
  });

  it('draws distractors from the same main topic when it has enough questions', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const item of mc(seed, { kind: 'topic', topic: 'query-optimization' }).session.items) {
        if (item.topic !== 'query-optimization') continue;
        for (const o of item.options!) assert.equal(library.get(o.id)!.topics[0], 'query-optimization', `${item.id} got ${o.id}`);
      }
    }
  });

  it('falls back to the closest topics when the topic has too few questions', () => {
    const item = mc(3, { kind: 'topic', topic: 'caching' }).session.items.find(i => i.id === 'cache-page')!;
    const topics = item.options!.filter(o => o.id !== item.id).map(o => library.get(o.id)!.topics[0]);
    assert.ok(topics.includes('caching'), 'the other caching question comes first');
    // caching co-occurs with performance-scaling in this library: that is the next tier
    assert.ok(topics.filter(t => t === 'performance-scaling').length >= 2, topics.join(','));
  });

  it('leaves out questions without an answer', () => {
    const ids = items.map(i => i.id);
    assert.ok(!ids.includes('qo-noanswer') && !ids.includes('sig-noanswer'));
    assert.equal(build.excluded.noAnswer, 2);
    const onlyAnswerless = generateQuiz(library, { scope: { kind: 'ids', ids: ['qo-noanswer'] }, mode: 'multiple-choice', length: 5, seed: 1, now: NOW });
    assert.equal(onlyAnswerless.session.items.length, 0);
    assert.match(onlyAnswerless.empty!, /flashcards/);
  });

  it('uses only canonical entries and never the question\'s own variants as distractors', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      for (const item of mc(seed).session.items) {
        assert.ok(!library.get(item.id)!.canonicalId);
        assert.ok(item.options!.every(o => o.id !== 'qo-select-v'));
      }
    }
    // A different question whose answer repeats the variant's answer is not a distractor either.
    const lib = new Library([
      ...ENTRIES,
      entry('qo-copy', ['query-optimization'], 'Is a JOIN used?', 'It follows foreign keys with a JOIN so the related rows arrive in the same query.'),
    ]);
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      const choice = buildChoices(lib, lib.get('qo-select')!, createRng(seed))!;
      assert.ok(!choice.options.some(o => o.id === 'qo-copy'));
    }
  });

  it('never offers a question asked alike (a related entry of its own) as a distractor, either way', () => {
    const related: Record<string, string[]> = { 'sig-what': ['sig-drawbacks'], 'sig-drawbacks': ['sig-what'] };
    const lib = new Library(ENTRIES.map(e => (related[e.id] ? { ...e, relatedIds: related[e.id] } : e)));
    let offeredBefore = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      for (const [id, other] of [['sig-what', 'sig-drawbacks'], ['sig-drawbacks', 'sig-what']]) {
        assert.ok(!buildChoices(lib, lib.get(id)!, createRng(seed))!.options.some(o => o.id === other), `${id} seed ${seed}`);
        if (buildChoices(fixtureLibrary(), fixtureLibrary().get(id)!, createRng(seed))!.options.some(o => o.id === other)) offeredBefore++;
      }
    }
    assert.ok(offeredBefore > 0, 'unlinked, they are distractors of each other (so the check above can fail)');
  });

  it('is deterministic with a seed and different with another seed', () => {
    const again = mc(7);
    assert.deepEqual(again.session, build.session);
    const other = mc(8);
    assert.notDeepEqual(other.session.items, build.session.items);
  });

  it('skips a question when no three distinct distractors exist anywhere', () => {
    const tiny = new Library([
      entry('a', ['signals'], 'A?', 'Alpha answer text.'),
      entry('b', ['signals'], 'B?', 'Beta answer text here.'),
      entry('c', ['signals'], 'C?', 'Alpha answer text!'),
    ]);
    const b = generateQuiz(tiny, { scope: { kind: 'all' }, mode: 'multiple-choice', length: 3, seed: 1, now: NOW });
    assert.equal(b.session.items.length, 0);
    assert.equal(b.excluded.noDistractors, 3);
  });
});

describe('quiz: scopes', () => {
  const library = fixtureLibrary();
  it('one topic, a set of topics, explicit ids and length', () => {
    const topic = generateQuiz(library, { scope: { kind: 'topic', topic: 'signals' }, mode: 'flashcards', length: 10, seed: 1, now: NOW });
    assert.deepEqual(topic.session.items.map(i => i.id).sort(), ['sig-bulk', 'sig-drawbacks', 'sig-noanswer', 'sig-post-save', 'sig-what']);
    const set = generateQuiz(library, { scope: { kind: 'topics', topics: ['transactions', 'caching'] }, mode: 'flashcards', length: 3, seed: 1, now: NOW });
    assert.equal(set.session.items.length, 3);
    assert.ok(set.session.items.every(i => i.topics.includes('transactions') || i.topics.includes('caching')));
    assert.equal(scopeLabel(topic.session.scope), 'Signals');
    assert.equal(scopeLabel(set.session.scope), '2 topics');
    const ids = generateQuiz(library, { scope: { kind: 'ids', ids: ['qo-select-v', 'sig-what', 'nope'] }, mode: 'flashcards', length: 10, seed: 1, now: NOW });
    assert.deepEqual(ids.session.items.map(i => i.id).sort(), ['qo-select', 'sig-what'], 'variants resolve to their canonical question');
  });

  it('refuses a malformed request (e.g. from a webview message) with a reason instead of throwing', () => {
    for (const scope of [{ kind: 'everything' }, { kind: 'topic', topic: 'nope' }, { kind: 'ids', ids: [1, 2] }, null]) {
      const b = generateQuiz(library, { scope: scope as never, mode: 'multiple-choice', length: 5, seed: 1, now: NOW });
      assert.equal(b.session.items.length, 0);
      assert.match(b.empty!, /Invalid quiz scope/);
    }
    const badMode = generateQuiz(library, { scope: { kind: 'all' }, mode: 'essay' as never, length: 5, seed: 1, now: NOW });
    assert.match(badMode.empty!, /Unknown quiz mode/);
  });

  it('flashcards keep questions without an answer', () => {
    const all = generateQuiz(library, { scope: { kind: 'all' }, mode: 'flashcards', length: 100, seed: 1, now: NOW });
    assert.equal(all.session.items.length, library.canonical().length);
    assert.ok(all.session.items.every(i => i.options === undefined));
  });

  it('due for review: due cards first, then new cards within the daily limit', () => {
    let progress: Progress = emptyProgress();
    const past = NOW - 5 * 86400_000;
    for (const id of ['sig-what', 'tx-atomic']) progress = applyReview(progress, { id: `e-${id}`, questionId: id, rating: 3, at: new Date(past).toISOString(), mode: 'flashcards' }, DAY);
    const due = generateQuiz(library, { scope: { kind: 'due' }, mode: 'flashcards', length: 20, seed: 1, now: NOW, progress, newCardLimit: 2, day: DAY });
    const ids = due.session.items.map(i => i.id);
    assert.equal(ids.length, 4);
    assert.ok(ids.includes('sig-what') && ids.includes('tx-atomic'));
    const cut = generateQuiz(library, { scope: { kind: 'due' }, mode: 'flashcards', length: 2, seed: 1, now: NOW, progress, newCardLimit: 2, day: DAY });
    assert.deepEqual(cut.session.items.map(i => i.id).sort(), ['sig-what', 'tx-atomic'], 'due reviews take priority over new cards');
    const none = generateQuiz(library, { scope: { kind: 'due' }, mode: 'flashcards', length: 5, seed: 1, now: past + 60_000, progress, newCardLimit: 0, day: DAY });
    assert.equal(none.session.items.length, 0);
    assert.match(none.empty!, /Nothing is due/);
  });

  it('weakest topics: questions of the topics answered worst, weakest questions first', () => {
    let progress: Progress = emptyProgress();
    let n = 0;
    const review = (id: string, rating: 1 | 3) => {
      progress = applyReview(progress, { id: `w${n++}`, questionId: id, rating, at: new Date(NOW - 3600_000).toISOString(), mode: 'multiple-choice' }, DAY);
    };
    review('sig-what', 1);
    review('sig-bulk', 1);
    review('tx-atomic', 3);
    review('qo-n1', 3);
    const weakest = generateQuiz(library, { scope: { kind: 'weakest', count: 1 }, mode: 'flashcards', length: 2, seed: 1, now: NOW, progress, day: DAY });
    assert.deepEqual(weakest.session.items.map(i => i.id).sort(), ['sig-bulk', 'sig-what']);
    const fresh = generateQuiz(library, { scope: { kind: 'weakest' }, mode: 'flashcards', length: 5, seed: 1, now: NOW });
    assert.equal(fresh.session.items.length, 0);
    assert.match(fresh.empty!, /take a quiz first/);
  });
});

describe('quiz: session', () => {
  const library = fixtureLibrary();
  function answerAll(session: QuizSession, pick: (s: QuizSession) => number) {
    const events = [];
    let s = session;
    let t = NOW;
    while (!s.finished) {
      const step = answerChoice(s, pick(s), (t += 10_000));
      if (step.event) events.push(step.event);
      s = nextItem(step.session);
    }
    return { s, events };
  }

  it('scores, reports per topic and missed questions, and records one review per answer', () => {
    const start = mc(11, { kind: 'all' }, 8).session;
    // right on even items, wrong on odd ones
    const { s, events } = answerAll(start, x => (x.index % 2 === 0 ? x.items[x.index].correct! : (x.items[x.index].correct! + 1) % 4));
    const r = quizResult(s);
    assert.equal(r.total, 8);
    assert.equal(r.answered, 8);
    assert.equal(r.correct, 4);
    assert.equal(r.score, 0.5);
    assert.deepEqual(r.missed.map(m => m.id), start.items.filter((_, i) => i % 2 === 1).map(i => i.id));
    assert.equal(r.perTopic.reduce((n, t) => n + t.answered, 0), 8);
    assert.deepEqual(events.map(e => e.rating), [3, 1, 3, 1, 3, 1, 3, 1]);
    assert.equal(new Set(events.map(e => e.id)).size, 8);
    assert.ok(events.every(e => e.mode === 'multiple-choice'));
  });

  it('ignores a second answer to the same question (no double count)', () => {
    const s0 = mc(11, { kind: 'all' }, 3).session;
    const first = answerChoice(s0, 0, NOW);
    const second = answerChoice(first.session, 1, NOW + 1);
    assert.equal(second.event, undefined);
    assert.equal(second.session, first.session);
  });

  it('"again with the missed ones" makes a quiz of exactly the missed questions', () => {
    const { s } = answerAll(mc(5, { kind: 'all' }, 6).session, x => (x.items[x.index].correct! + 1) % 4);
    const retry = retryMissed(library, s, { now: NOW + 3600_000 });
    assert.deepEqual(retry.session.items.map(i => i.id).sort(), s.items.map(i => i.id).sort());
    assert.equal(retry.session.mode, 'multiple-choice');
    assert.notEqual(retry.session.id, s.id);
  });

  it('flashcards: reveal, grade, Esc ends early; skipped ones are not missed', () => {
    let s = generateQuiz(library, { scope: { kind: 'topic', topic: 'transactions' }, mode: 'flashcards', length: 4, seed: 2, now: NOW }).session;
    assert.equal(s.revealed, false);
    s = reveal(s);
    assert.equal(s.revealed, true);
    const g = gradeFlashcard(s, 1, NOW);
    assert.deepEqual({ rating: g.event!.rating, mode: g.event!.mode }, { rating: 1, mode: 'flashcards' });
    s = nextItem(g.session);
    assert.equal(s.revealed, false);
    s = nextItem(gradeFlashcard(s, 4, NOW).session);
    s = endQuiz(s);
    const r = quizResult(s);
    assert.deepEqual([r.answered, r.correct, r.missed.length, r.skipped.length], [2, 1, 1, 2]);
    assert.equal(currentItem(s), undefined);
  });

  it('survives JSON serialization mid-quiz and continues identically', () => {
    const start = mc(21, { kind: 'all' }, 6).session;
    let s = nextItem(answerChoice(start, 2, NOW).session);
    s = answerChoice(s, 1, NOW + 5000).session; // answered, feedback showing
    const restored = restoreSession(JSON.parse(serializeSession(s)));
    assert.deepEqual(restored.errors, []);
    assert.deepEqual(restored.session, s);
    const pick = (x: QuizSession) => x.items[x.index].correct!;
    const a = answerAll(nextItem(s), pick);
    const b = answerAll(nextItem(restored.session!), pick);
    assert.deepEqual(b.s, a.s);
    assert.deepEqual(b.events, a.events);
    assert.deepEqual(restoreSession(serializeSession(a.s)).session, a.s, 'also from the JSON text');
  });

  it('rejects tampered or hostile quiz state with reasons, never throws', () => {
    const s = mc(21, { kind: 'all' }, 3).session;
    const bad = [
      null, 42, '{"not json', [],
      { ...s, index: 99 },
      { ...s, mode: 'essay' },
      { ...s, items: [{ ...s.items[0], correct: 9 }, ...s.items.slice(1)] },
      { ...s, answers: [{ rating: 7, correct: true, choice: 0, at: 'x' }, null, null] },
      { ...s, scope: { kind: 'topic', topic: '__proto__' } },
      { ...s, extra: true },
      JSON.parse(`{"__proto__": {"polluted": true}, "format": "django-coach.quiz"}`),
    ];
    for (const value of bad) {
      const r = restoreSession(value);
      assert.equal(r.session, undefined);
      assert.ok(r.errors.length > 0 && r.errors.every(e => typeof e === 'string'));
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
