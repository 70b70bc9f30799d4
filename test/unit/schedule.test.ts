import assert from 'node:assert/strict';
import { createEmptyCard, fsrs, Rating } from 'ts-fsrs';
import {
  addDaysToKey, cardMastery, type CardState, dayKey, dueTodayCount, dueTomorrowCount, foldCard, grade, groupMastery, isDayKey,
  newCardBudget, ratingForChoice, retrievability, SCHEDULER_PARAMETERS, startOfDay, streak, toFsrsCard, weakest,
} from '../../src/core/schedule';
import fs from 'node:fs';
import path from 'node:path';
import { applyReview, emptyProgress, type Progress, reviewSummary } from '../../src/core/progress';
import { cardsForLibrary } from '../../src/core/progress/review';
import { Library } from '../../src/core/library';
import { fixtureLibrary } from '../fixtures/progress/library';
import { contentIndex, FIXTURES } from './helpers';

const NOW = Date.UTC(2025, 2, 10, 12, 0, 0);
const MIN = 60_000;
const DAYMS = 86_400_000;
const DAY = { utcOffsetMinutes: 0 };

describe('schedule: FSRS cards through ts-fsrs', () => {
  it('Good on a new card pushes it days into the future; Again brings it back within minutes', () => {
    const good = grade(undefined, 3, NOW);
    assert.ok(Date.parse(good.due) - NOW >= DAYMS, good.due);
    assert.equal(good.reps, 1);
    const again = grade(undefined, 1, NOW);
    assert.ok(Date.parse(again.due) - NOW <= 10 * MIN, again.due);
    assert.ok(Date.parse(again.due) > NOW);
    // Forgetting a learned card: due again soon and one lapse recorded.
    const lapse = grade(good, 1, Date.parse(good.due));
    assert.ok(Date.parse(lapse.due) - Date.parse(good.due) <= 10 * MIN);
    assert.equal(lapse.lapses, 1);
    // Successive Goods keep stretching the interval.
    const good2 = grade(good, 3, Date.parse(good.due));
    assert.ok(Date.parse(good2.due) - Date.parse(good.due) > Date.parse(good.due) - NOW);
  });

  it('is exactly what ts-fsrs computes with the same parameters (no home-made formula)', () => {
    const f = fsrs(SCHEDULER_PARAMETERS);
    let card = createEmptyCard(new Date(NOW));
    let ours: CardState | undefined;
    let t = NOW;
    for (const r of [Rating.Good, Rating.Good, Rating.Again, Rating.Hard, Rating.Easy] as const) {
      card = f.next(card, new Date(t), r).card;
      ours = grade(ours, r as 1 | 2 | 3 | 4, t);
      assert.equal(ours.due, card.due.toISOString());
      assert.equal(ours.stability, card.stability);
      assert.equal(ours.difficulty, card.difficulty);
      t = card.due.getTime() + 3600_000;
    }
    assert.equal(retrievability(ours, t + 5 * DAYMS), f.get_retrievability(toFsrsCard(ours!), new Date(t + 5 * DAYMS), false));
  });

  it('card state is plain JSON and revives to the same schedule', () => {
    const card = grade(grade(undefined, 3, NOW), 3, NOW + 3 * DAYMS);
    const revived = JSON.parse(JSON.stringify(card)) as CardState;
    assert.deepEqual(revived, card);
    assert.deepEqual(grade(revived, 4, NOW + 20 * DAYMS), grade(card, 4, NOW + 20 * DAYMS));
    assert.equal(typeof card.due, 'string');
    assert.equal(card.introducedAt, new Date(NOW).toISOString());
  });

  it('multiple choice maps right to Good and wrong to Again', () => {
    assert.equal(ratingForChoice(true), 3);
    assert.equal(ratingForChoice(false), 1);
  });

  it('a card is the fold of its reviews', () => {
    const reviews = [{ rating: 3 as const, at: new Date(NOW).toISOString() }, { rating: 1 as const, at: new Date(NOW + 2 * DAYMS).toISOString() }];
    assert.deepEqual(foldCard(reviews), grade(grade(undefined, 3, NOW), 1, NOW + 2 * DAYMS));
  });
});

describe('schedule: days', () => {
  it('computes day keys and boundaries with a fixed offset', () => {
    const late = Date.UTC(2025, 2, 10, 23, 30);
    assert.equal(dayKey(late, DAY), '2025-03-10');
    assert.equal(dayKey(late, { utcOffsetMinutes: 60 }), '2025-03-11');
    assert.equal(dayKey(late, { utcOffsetMinutes: -600 }), '2025-03-10');
    assert.equal(startOfDay(late, { utcOffsetMinutes: 60 }), Date.UTC(2025, 2, 10, 23, 0));
    assert.equal(addDaysToKey('2025-02-28', 1), '2025-03-01');
    assert.ok(isDayKey('2024-02-29') && !isDayKey('2025-02-29') && !isDayKey('2025-1-01'));
  });
});

function reviewAll(ids: string[], at: number, rating: 1 | 2 | 3 | 4 = 3, progress: Progress = emptyProgress()): Progress {
  let p = progress;
  ids.forEach((id, i) => { p = applyReview(p, { id: `${id}@${at}#${i}`, questionId: id, rating, at: new Date(at).toISOString(), mode: 'flashcards' }, DAY); });
  return p;
}

describe('schedule: due, new-card limit, mastery, streak', () => {
  const library = fixtureLibrary();

  it('respects the daily new-card limit, counting cards already introduced today', () => {
    const fresh = reviewSummary(library, emptyProgress(), NOW, { newCardLimit: 5, day: DAY });
    assert.equal(fresh.newToday.length, 5);
    assert.equal(fresh.dueToday.length, 0);
    const three = reviewAll(['sig-what', 'sig-bulk', 'tx-atomic'], NOW - 2 * 3600_000);
    const s = reviewSummary(library, three, NOW, { newCardLimit: 5, day: DAY });
    assert.equal(s.introducedToday, 3);
    assert.equal(s.newToday.length, 2);
    assert.ok(s.newToday.every(id => !['sig-what', 'sig-bulk', 'tx-atomic'].includes(id)));
    assert.equal(newCardBudget(three.cards, NOW, 5, DAY), 2);
    assert.equal(reviewSummary(library, three, NOW, { newCardLimit: 2, day: DAY }).newToday.length, 0);
    // Next day the budget is whole again.
    assert.equal(reviewSummary(library, three, NOW + DAYMS, { newCardLimit: 5, day: DAY }).newToday.length, 5);
  });

  it('counts what is due today and tomorrow', () => {
    // Good on day 0 → due in 2 days; Again → due in 10 minutes
    const p = reviewAll(['tx-atomic'], NOW - 2 * DAYMS, 3, reviewAll(['sig-what'], NOW - 1 * DAYMS, 3, reviewAll(['qo-n1'], NOW - 60 * MIN, 1)));
    const s = reviewSummary(library, p, NOW, { newCardLimit: 0, day: DAY });
    assert.deepEqual(s.dueToday, ['qo-n1', 'tx-atomic']);
    assert.equal(s.dueNow, 2);
    assert.equal(s.dueTomorrow, 1, 'sig-what falls due tomorrow');
    assert.equal(dueTodayCount(p.cards, NOW, DAY), 2);
    assert.equal(dueTomorrowCount(p.cards, NOW, DAY), 1);
    assert.equal(s.newTomorrow, 0);
    assert.equal(reviewSummary(library, p, NOW, { newCardLimit: 4, day: DAY }).newTomorrow, 4);
  });

  it('mastery grows with good answers, drops with wrong ones, and names the weakest topics', () => {
    assert.equal(cardMastery(undefined, NOW), 0);
    const good = grade(undefined, 3, NOW - DAYMS);
    const bad = grade(undefined, 1, NOW - DAYMS);
    assert.ok(cardMastery(good, NOW) > 0.8);
    assert.ok(cardMastery(bad, NOW) < cardMastery(good, NOW) / 2);
    assert.ok(cardMastery(good, NOW + 60 * DAYMS) < cardMastery(good, NOW), 'forgetting over time');

    const g = groupMastery([good, good, undefined, undefined], NOW);
    assert.equal(g.started, 2);
    assert.ok(Math.abs(g.mastery - g.strength / 2) < 1e-12);
    assert.equal(groupMastery([undefined], NOW).level, 'new');
    assert.equal(groupMastery([bad], NOW).level, 'weak');

    let p = reviewAll(['sig-what', 'sig-bulk', 'sig-post-save'], NOW - DAYMS, 1);
    p = reviewAll(['tx-atomic', 'tx-on-commit', 'tx-select-for-update', 'tx-atomic-requests'], NOW - DAYMS, 4, p);
    p = reviewAll(['qo-n1'], NOW - DAYMS, 3, p);
    const s = reviewSummary(library, p, NOW, { newCardLimit: 0, day: DAY, weakestCount: 2 });
    // signals and models (sig-post-save is also a models question) were answered wrong; transactions well.
    assert.deepEqual(s.weakestTopics.map(t => t.topic).sort(), ['models', 'signals']);
    assert.equal(s.perTopic.transactions!.started, 4);
    assert.ok(s.perTopic.transactions!.mastery > s.perTopic.signals!.mastery);
    assert.equal(s.perTopic.caching!.level, 'new');
    assert.deepEqual(weakest([], 3), []);
  });

  it('counts the streak of consecutive days with a review', () => {
    assert.deepEqual(streak(['2025-03-08', '2025-03-09', '2025-03-10'], '2025-03-10'), { current: 3, longest: 3, reviewedToday: true });
    assert.deepEqual(streak(['2025-03-08', '2025-03-09'], '2025-03-10'), { current: 2, longest: 2, reviewedToday: false }, 'alive until today ends');
    assert.deepEqual(streak(['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04', '2025-03-08'], '2025-03-10'), { current: 0, longest: 4, reviewedToday: false });
    let p = reviewAll(['sig-what'], NOW - 2 * DAYMS);
    p = reviewAll(['sig-bulk'], NOW - DAYMS, 3, p);
    p = reviewAll(['tx-atomic'], NOW, 3, p);
    assert.deepEqual(reviewSummary(library, p, NOW, { newCardLimit: 0, day: DAY }).streak, { current: 3, longest: 3, reviewedToday: true });
  });

  it('progress saved when questions asked alike were folded keeps every card now that they are entries of their own', () => {
    // The 232 canonical ids of the bundled index before the unfolding: the only ids quizzes and reviews could record.
    const before = fs.readFileSync(path.join(FIXTURES, 'progress', 'canonical-ids-232.txt'), 'utf8').trim().split('\n');
    assert.equal(before.length, 232);
    const bundled = Library.fromIndexes([contentIndex()]);
    const p = reviewAll(before, NOW - DAYMS);
    const cards = cardsForLibrary(bundled, p);
    assert.deepEqual(before.filter(id => !cards.has(id)), [], 'every card still counts for its own question');
    const s = reviewSummary(bundled, p, NOW, { newCardLimit: 100, day: DAY });
    assert.equal(s.totals.started, 232);
    assert.equal(s.totals.questions, bundled.canonical().length);
    assert.equal(s.newToday.length, bundled.canonical().length - 232, 'the unfolded questions are new cards');
  });

  it('credits a card kept under a variant id to its canonical question', () => {
    const p = reviewAll(['qo-select-v'], NOW - DAYMS);
    const s = reviewSummary(library, p, NOW, { newCardLimit: 100, day: DAY });
    assert.ok(!s.newToday.includes('qo-select'));
    assert.equal(s.totals.started, 1);
  });
});
