import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Library } from '../../src/core/library';
import {
  answerChoice, confirmProposal, contentMismatch, createRng, currentItem, currentProposal, endQuiz, generateQuiz, gradeFlashcard, nextItem,
  proposedGrade, type QuizRequest, type QuizSession, quizResult, restoreSession, RETIRED_MULTIPLE_CHOICE, retryMissed, reveal, scopeLabel,
  seedFrom, serializeSession, toggleKeyPoint,
} from '../../src/core/quiz';
import { CuratedContent } from '../../src/core/content/curated';
import { applyReview, emptyProgress, type Progress } from '../../src/core/progress';
import { ENTRIES, fixtureLibrary } from '../fixtures/progress/library';
import { FIXTURE_CONTENT, fixtureContent } from '../fixtures/quiz/content';
import { FIXTURES } from './helpers';

const NOW = Date.UTC(2025, 2, 10, 12, 0, 0);
const DAY = { utcOffsetMinutes: 0 };
const library = fixtureLibrary();
const content = fixtureContent();

function quiz(request: Partial<QuizRequest> & Pick<QuizRequest, 'mode'>, lib = library, cur = content) {
  return generateQuiz(lib, cur, { scope: { kind: 'all' }, length: 50, seed: 1, now: NOW, ...request });
}
const mc = (seed: number | string, scope: QuizRequest['scope'] = { kind: 'all' }, length = 50) => quiz({ mode: 'multiple-choice', seed, scope, length });
const ids = (s: QuizSession) => s.items.map(i => i.id).sort();

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

describe('quiz: multiple choice from the item bank and cloze items', () => {
  const all = mc(7).session;

  it('asks every bank and cloze item whose first question is in the library, and nothing else', () => {
    assert.deepEqual(ids(all), ['cloze-lock', 'cloze-prefetch', 'qo-join', 'tx-atomic-nested', 'tx-lock-outside', 'tx-on-commit-rollback', 'tx-signal-in-atomic']);
    assert.deepEqual(all.items.map(i => i.kind).sort(), ['bank', 'bank', 'bank', 'bank', 'bank', 'cloze', 'cloze']);
  });

  it('shows the four options shuffled, with the right one where `correct` says', () => {
    for (const item of all.items) {
      assert.deepEqual([...item.order!].sort(), [0, 1, 2, 3]);
      const right = item.order![item.correct!];
      if (item.kind === 'bank') assert.equal(FIXTURE_CONTENT.bank.find(b => b.id === item.id)!.options[right].correct, true);
      else {
        const cloze = FIXTURE_CONTENT.cloze.find(c => c.id === item.id)!;
        assert.equal(cloze.options[right], cloze.answer);
      }
    }
    // Over several seeds the right option lands in more than one place.
    const places = new Set([1, 2, 3, 4, 5, 6].map(seed => mc(seed).session.items.find(i => i.id === 'tx-lock-outside')!.correct));
    assert.ok(places.size > 1);
  });

  it('records each answer on the card of the item\'s first guide question, resolved to the canonical question', () => {
    const card = (id: string) => all.items.find(i => i.id === id)!;
    assert.equal(card('tx-on-commit-rollback').questionId, 'tx-on-commit');
    assert.equal(card('tx-signal-in-atomic').questionId, 'tx-atomic');
    assert.equal(card('qo-join').questionId, 'qo-select', 'written against the variant qo-select-v');
    assert.equal(card('qo-join').question, 'What does select_related do?');
    assert.deepEqual(card('qo-join').topics, ['query-optimization', 'orm-queries']);
  });

  it('selects items through the guide questions they drill', () => {
    assert.deepEqual(ids(mc(1, { kind: 'topic', topic: 'transactions' }).session), ['cloze-lock', 'tx-atomic-nested', 'tx-lock-outside', 'tx-on-commit-rollback', 'tx-signal-in-atomic']);
    assert.deepEqual(ids(mc(1, { kind: 'topic', topic: 'signals' }).session), ['tx-signal-in-atomic'], 'reached through its second question, sig-post-save');
    assert.deepEqual(ids(mc(1, { kind: 'ids', ids: ['qo-select-v', 'qo-prefetch'] }).session), ['cloze-prefetch', 'qo-join']);
    assert.deepEqual(ids(mc(1, { kind: 'topics', topics: ['query-optimization', 'caching'] }).session), ['cloze-prefetch', 'qo-join']);
  });

  it('spreads a short quiz over the questions before asking a question twice', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const s = mc(seed, { kind: 'topic', topic: 'transactions' }, 3).session;
      assert.equal(s.items.length, 3);
      assert.equal(new Set(s.items.map(i => i.questionId)).size, 3, s.items.map(i => i.id).join());
    }
  });

  it('is deterministic with a seed and different with another seed', () => {
    assert.deepEqual(mc(7).session, all);
    assert.notDeepEqual(mc(8).session.items, all.items);
  });

  it('says so when a scope has questions but no items, and offers flashcards', () => {
    const caching = mc(1, { kind: 'topic', topic: 'caching' });
    assert.equal(caching.session.items.length, 0);
    assert.equal(caching.poolSize, 2);
    assert.equal(caching.withoutItems, 2);
    assert.equal(caching.offerFlashcards, true);
    assert.equal(caching.empty, 'None of the 2 questions in this scope has a multiple-choice item yet. Flashcards work for every question.');
    const one = mc(1, { kind: 'ids', ids: ['perf-scale'] });
    assert.equal(one.empty, 'The question in this scope has no multiple-choice item yet. Flashcards work for every question.');
    const users = quiz({ mode: 'multiple-choice' }, library, CuratedContent.empty());
    assert.equal(users.offerFlashcards, true, 'users\' own guides have no curated items');
    assert.equal(mc(1, { kind: 'topic', topic: 'transactions' }).withoutItems, 1, 'tx-atomic-requests has no item');
  });

  it('leaves out an item whose first question is not in the library, even when another one is', () => {
    const without = new Library(ENTRIES.filter(e => e.id !== 'tx-on-commit'));
    const s = quiz({ mode: 'multiple-choice' }, without).session;
    assert.ok(!s.items.some(i => i.id === 'tx-on-commit-rollback'));
    assert.ok(s.items.some(i => i.id === 'tx-atomic-nested'));
  });

  it('due for review: due questions with an item first, and only questions with an item of their own as new ones', () => {
    let progress: Progress = emptyProgress();
    const past = NOW - 5 * 86400_000;
    for (const id of ['tx-select-for-update', 'sig-what']) progress = applyReview(progress, { id: `e-${id}`, questionId: id, rating: 3, at: new Date(past).toISOString(), mode: 'flashcards' }, DAY);
    const due = quiz({ mode: 'multiple-choice', scope: { kind: 'due' }, progress, newCardLimit: 20, day: DAY }).session;
    const cards = due.items.map(i => i.questionId).sort();
    assert.ok(cards.includes('tx-select-for-update'));
    assert.ok(!cards.includes('sig-what'), 'no item is recorded on sig-what');
    assert.deepEqual([...new Set(cards)].sort(), ['qo-prefetch', 'qo-select', 'tx-atomic', 'tx-on-commit', 'tx-select-for-update']);
    assert.equal(new Set(cards).size, cards.length, 'one item per due question');
    const cut = quiz({ mode: 'multiple-choice', scope: { kind: 'due' }, progress, newCardLimit: 20, day: DAY, length: 1 }).session;
    assert.deepEqual(cut.items.map(i => i.questionId), ['tx-select-for-update'], 'due reviews come before new cards');
  });

  it('refuses a malformed request (e.g. from a webview message) with a reason instead of throwing', () => {
    for (const scope of [{ kind: 'everything' }, { kind: 'topic', topic: 'nope' }, { kind: 'ids', ids: [1, 2] }, null]) {
      const b = mc(1, scope as never);
      assert.equal(b.session.items.length, 0);
      assert.match(b.empty!, /Invalid quiz scope/);
    }
    assert.match(quiz({ mode: 'essay' as never }).empty!, /Unknown quiz mode/);
  });
});

describe('quiz: flashcards', () => {
  it('one card per question of the scope, answerless ones included, with the number of key points', () => {
    const all = quiz({ mode: 'flashcards', length: 100 }).session;
    assert.equal(all.items.length, library.canonical().length);
    assert.ok(all.items.every(i => i.kind === 'card' && i.id === i.questionId && i.order === undefined));
    const points = Object.fromEntries(all.items.map(i => [i.id, i.points]));
    assert.equal(points['tx-atomic'], 5);
    assert.equal(points['sig-what'], 3);
    assert.equal(points['qo-select'], 3, 'a folded variant\'s key points stand in');
    assert.equal(points['cache-page'], 0);
    const topic = quiz({ mode: 'flashcards', scope: { kind: 'topic', topic: 'signals' }, length: 10 }).session;
    assert.deepEqual(ids(topic), ['sig-bulk', 'sig-drawbacks', 'sig-noanswer', 'sig-post-save', 'sig-what']);
    assert.equal(scopeLabel(topic.scope), 'Signals');
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
    const weakest = quiz({ mode: 'flashcards', scope: { kind: 'weakest', count: 1 }, length: 2, progress, day: DAY }).session;
    assert.deepEqual(ids(weakest), ['sig-bulk', 'sig-what']);
    assert.match(quiz({ mode: 'flashcards', scope: { kind: 'weakest' } }).empty!, /take a quiz first/);
  });
});

describe('quiz: the grade proposed from ticked key points', () => {
  it('Good from 4 in 5 covered, Hard from half, Again below; never Easy', () => {
    const table: [number, number, number][] = [
      [0, 5, 1], [2, 5, 1], [3, 5, 2], [4, 5, 3], [5, 5, 3],
      [1, 3, 1], [2, 3, 2], [3, 3, 3], [2, 4, 2], [3, 4, 2], [4, 4, 3], [5, 6, 3], [0, 0, 1],
    ];
    for (const [covered, total, grade] of table) assert.equal(proposedGrade(covered, total), grade, `${covered} of ${total}`);
  });
});

describe('quiz: session steps', () => {
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

  it('scores, reports per topic and missed questions, and records one review per answer on the item\'s card', () => {
    const start = mc(11);
    const { s, events } = answerAll(start.session, x => (x.index % 2 === 0 ? x.items[x.index].correct! : (x.items[x.index].correct! + 1) % 4));
    const r = quizResult(s);
    assert.deepEqual([r.total, r.answered, r.correct], [7, 7, 4]);
    assert.deepEqual(events.map(e => e.rating), [3, 1, 3, 1, 3, 1, 3]);
    assert.deepEqual(events.map(e => e.questionId), s.items.map(i => i.questionId));
    assert.ok(events.every(e => e.mode === 'multiple-choice'));
    assert.equal(new Set(events.map(e => e.id)).size, 7);
    const wrongCards = [...new Set(s.items.filter((_, i) => i % 2 === 1).map(i => i.questionId))];
    assert.deepEqual(r.missed.map(m => m.id), wrongCards, 'the guide questions to read again, each once');
  });

  it('ignores a second answer to the same item (no double count)', () => {
    const s0 = mc(11, { kind: 'all' }, 3).session;
    const first = answerChoice(s0, 0, NOW);
    const second = answerChoice(first.session, 1, NOW + 1);
    assert.equal(second.event, undefined);
    assert.equal(second.session, first.session);
  });

  it('"again with the missed ones" asks exactly the missed items, options reshuffled, right answers kept', () => {
    const { s } = answerAll(mc(5).session, x => (x.items[x.index].correct! + 1) % 4);
    const retry = retryMissed(s, { now: NOW + 3600_000 });
    assert.deepEqual(ids(retry.session), ids(s));
    assert.equal(retry.session.mode, 'multiple-choice');
    assert.notEqual(retry.session.id, s.id);
    for (const item of retry.session.items) {
      const before = s.items.find(i => i.id === item.id)!;
      assert.equal(item.order![item.correct!], before.order![before.correct!]);
    }
    assert.equal(retryMissed(answerAll(mc(5).session, x => x.items[x.index].correct!).s).empty, 'Nothing was missed.');
  });

  it('flashcards: reveal, tick key points, the proposal, confirm or override; ticks reset per card', () => {
    let s = quiz({ mode: 'flashcards', scope: { kind: 'ids', ids: ['tx-atomic', 'sig-what', 'cache-page'] }, length: 3, seed: 3 }).session;
    const to = (id: string) => { while (currentItem(s)!.id !== id) s = nextItem(s); };
    // Cards come shuffled; walk to each one in a fresh copy.
    const start = s;
    to('tx-atomic');
    assert.equal(toggleKeyPoint(s, 0), s, 'no ticking before the reveal');
    s = reveal(s);
    for (const p of [0, 1, 3, 2, 2, 9, -1]) s = toggleKeyPoint(s, p);
    assert.deepEqual(s.ticked, [0, 1, 3]);
    assert.equal(currentProposal(s), 2, '3 of 5: Hard');
    s = toggleKeyPoint(s, 4);
    assert.equal(currentProposal(s), 3, '4 of 5: Good');
    const confirmed = confirmProposal(s, NOW);
    assert.deepEqual([confirmed.event!.rating, confirmed.event!.questionId, confirmed.event!.mode], [3, 'tx-atomic', 'flashcards']);
    assert.equal(confirmed.session.answers[confirmed.session.index]!.covered, 4);
    assert.equal(toggleKeyPoint(confirmed.session, 2), confirmed.session, 'no ticking once graded');
    const overridden = gradeFlashcard(s, 2, NOW);
    assert.equal(overridden.event!.rating, 2, 'the learner can grade otherwise than proposed');
    assert.deepEqual(nextItem(confirmed.session).ticked, []);
    s = start;
    to('cache-page');
    s = reveal(s);
    assert.equal(currentProposal(s), undefined, 'no key points: no proposal');
    assert.equal(confirmProposal(s, NOW).event, undefined);
    assert.equal(gradeFlashcard(s, 4, NOW).session.answers[s.index]!.covered, undefined);
  });

  it('flashcards: grade, Esc ends early; skipped ones are not missed', () => {
    let s = quiz({ mode: 'flashcards', scope: { kind: 'topic', topic: 'transactions' }, length: 4, seed: 2 }).session;
    s = reveal(s);
    const g = gradeFlashcard(s, 1, NOW);
    assert.deepEqual({ rating: g.event!.rating, mode: g.event!.mode }, { rating: 1, mode: 'flashcards' });
    s = nextItem(g.session);
    assert.equal(s.revealed, false);
    s = nextItem(gradeFlashcard(reveal(s), 4, NOW).session);
    s = endQuiz(s);
    const r = quizResult(s);
    assert.deepEqual([r.answered, r.correct, r.missed.length, r.skipped.length], [2, 1, 1, 2]);
    assert.equal(currentItem(s), undefined);
  });
});

describe('quiz: a session survives a reload', () => {
  it('survives JSON serialization mid-quiz and continues identically', () => {
    const start = mc(21);
    let s = nextItem(answerChoice(start.session, 2, NOW).session);
    s = answerChoice(s, 1, NOW + 5000).session; // answered, feedback showing
    const restored = restoreSession(JSON.parse(serializeSession(s)));
    assert.deepEqual(restored.errors, []);
    assert.deepEqual(restored.session, s);
    const pick = (x: QuizSession) => x.items[x.index].correct!;
    const a = answerAll(nextItem(s), pick);
    const b = answerAll(nextItem(restored.session!), pick);
    assert.deepEqual(b, a);
    assert.deepEqual(restoreSession(serializeSession(a.s)).session, a.s, 'also from the JSON text');

    function answerAll(x: QuizSession, p: (q: QuizSession) => number) {
      const events = [];
      while (!x.finished) {
        const step = answerChoice(x, p(x), NOW + 9000);
        events.push(step.event);
        x = nextItem(step.session);
      }
      return { s: x, events };
    }
  });

  it('keeps a flashcard\'s ticks across the reload', () => {
    let s = quiz({ mode: 'flashcards', scope: { kind: 'ids', ids: ['tx-atomic'] }, length: 1 }).session;
    s = toggleKeyPoint(toggleKeyPoint(reveal(s), 4), 1);
    const restored = restoreSession(serializeSession(s)).session!;
    assert.deepEqual(restored.ticked, [1, 4]);
    assert.deepEqual(confirmProposal(restored, NOW), confirmProposal(s, NOW));
  });

  it('rejects tampered or hostile quiz state with reasons, never throws', () => {
    const s = mc(21, { kind: 'all' }, 3).session;
    const card = reveal(quiz({ mode: 'flashcards', scope: { kind: 'ids', ids: ['tx-atomic'] }, length: 1 }).session);
    const bad = [
      null, 42, '{"not json', [],
      { ...s, index: 99 },
      { ...s, mode: 'essay' },
      { ...s, version: 3 },
      { ...s, items: [{ ...s.items[0], correct: 9 }, ...s.items.slice(1)] },
      { ...s, items: [{ ...s.items[0], order: [0, 0, 1, 2] }, ...s.items.slice(1)] },
      { ...s, items: [{ ...s.items[0], kind: 'card' }, ...s.items.slice(1)] },
      { ...s, items: [{ ...s.items[0], questionId: '__proto__' }, ...s.items.slice(1)] },
      { ...s, answers: [{ rating: 7, correct: true, choice: 0, at: 'x' }, null, null] },
      { ...s, answers: [{ rating: 3, correct: true, choice: s.items[0].correct === 0 ? 1 : 0, at: new Date(NOW).toISOString() }, null, null] },
      { ...s, scope: { kind: 'topic', topic: '__proto__' } },
      { ...s, extra: true },
      { ...card, ticked: [7] },
      { ...card, ticked: [2, 1] },
      { ...card, items: [{ ...card.items[0], kind: 'bank' }] },
      { ...card, answers: [{ rating: 3, correct: true, covered: 6, at: new Date(NOW).toISOString() }] },
      JSON.parse(`{"__proto__": {"polluted": true}, "format": "django-coach.quiz"}`),
    ];
    for (const value of bad) {
      const r = restoreSession(value);
      assert.equal(r.session, undefined, JSON.stringify(value)?.slice(0, 120));
      assert.ok(r.errors.length > 0 && r.errors.every(e => typeof e === 'string'));
      assert.equal(r.retired, undefined);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('a flashcard quiz saved by 0.1.0 continues where it was, with the key points it now has', () => {
    const saved = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'quiz', 'session-0.1.0-flashcards.json'), 'utf8'));
    const r = restoreSession(saved, id => content.keyPoints(id)?.length ?? 0);
    assert.deepEqual(r.errors, []);
    const s = r.session!;
    assert.deepEqual([s.version, s.index, s.revealed, s.id], [2, saved.index, saved.revealed, saved.id]);
    assert.deepEqual(s.items.map(i => [i.kind, i.id, i.questionId, i.points]), saved.items.map((i: { id: string }) => ['card', i.id, i.id, i.id === 'tx-atomic' ? 5 : 0]));
    assert.deepEqual(s.answers, saved.answers);
    const step = gradeFlashcard(s, 3, NOW + 60_000);
    assert.equal(step.event!.id, `${saved.id}:${saved.index}`);
    assert.equal(step.event!.questionId, saved.items[saved.index].id);
  });

  it('a multiple-choice quiz saved by 0.1.0 ends with a reason (its options were answer summaries)', () => {
    const saved = fs.readFileSync(path.join(FIXTURES, 'quiz', 'session-0.1.0-multiple-choice.json'), 'utf8');
    const r = restoreSession(saved);
    assert.equal(r.session, undefined);
    assert.equal(r.retired, RETIRED_MULTIPLE_CHOICE);
  });

  it('a session whose items the content no longer has, or whose right option moved, does not fit', () => {
    const s = mc(4, { kind: 'topic', topic: 'transactions' }).session;
    assert.equal(contentMismatch(s, content), undefined);
    const without = fixtureContent({ ...FIXTURE_CONTENT, bank: FIXTURE_CONTENT.bank.filter(b => b.id !== 'tx-lock-outside') });
    assert.match(contentMismatch(s, without)!, /tx-lock-outside\) is no longer in the item bank/);
    const moved = fixtureContent({ ...FIXTURE_CONTENT, bank: FIXTURE_CONTENT.bank.map(b => (b.id === 'tx-atomic-nested' ? { ...b, options: [...b.options].reverse() } : b)) });
    assert.match(contentMismatch(s, moved)!, /tx-atomic-nested\) was revised/);
  });
});
