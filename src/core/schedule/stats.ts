// Scheduling helpers over a set of cards: what is due, new-card budget, mastery, streaks.
import { cardTimes, isStarted, retrievability } from './fsrs';
import { startOfDay, addDaysToKey, type DayOptions } from './days';
import { type CardState, type DateLike, toMs } from './types';

export type CardMap = Readonly<Record<string, CardState>>;

/** Ids of started cards due at or before `untilMs`, most overdue first (ties by id). */
export function dueBy(cards: CardMap, untilMs: number, afterMs = -Infinity): string[] {
  const due: [number, string][] = [];
  for (const id of Object.keys(cards)) {
    const card = cards[id];
    if (!isStarted(card)) continue;
    const t = cardTimes(card).due;
    if (t <= untilMs && t > afterMs) due.push([t, id]);
  }
  due.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return due.map(d => d[1]);
}

/** Started cards due by the end of today (local day): overdue, due now and due later today. */
export function dueToday(cards: CardMap, now: DateLike, day?: DayOptions): string[] {
  return dueBy(cards, startOfDay(toMs(now), day, 1) - 1);
}

export function dueTodayCount(cards: CardMap, now: DateLike, day?: DayOptions): number {
  return dueToday(cards, now, day).length;
}

/** Started cards that fall due during tomorrow (not already due today): "what is due tomorrow". */
export function dueTomorrowCount(cards: CardMap, now: DateLike, day?: DayOptions): number {
  const ms = toMs(now);
  return dueBy(cards, startOfDay(ms, day, 2) - 1, startOfDay(ms, day, 1) - 1).length;
}

/** Cards first reviewed on the day containing `now`: they used up today's new-card budget. */
export function introducedToday(cards: CardMap, now: DateLike, day?: DayOptions): number {
  const ms = toMs(now);
  const from = startOfDay(ms, day);
  const to = startOfDay(ms, day, 1);
  let n = 0;
  for (const id of Object.keys(cards)) {
    const t = cardTimes(cards[id]).introducedAt;
    if (t >= from && t < to) n++;
  }
  return n;
}

/** How many new cards may still be introduced today under a daily limit. */
export function newCardBudget(cards: CardMap, now: DateLike, dailyLimit: number, day?: DayOptions): number {
  return Math.max(0, Math.floor(dailyLimit) - introducedToday(cards, now, day));
}

// ---------------------------------------------------------------------------------------------
// Mastery

export type MasteryLevel = 'new' | 'weak' | 'learning' | 'good' | 'mastered';

const LAST_RATING_WEIGHT = { 1: 0.25, 2: 0.75, 3: 1, 4: 1 } as const;

/**
 * How well one question is known, 0–1: FSRS retrievability now (from ts-fsrs), discounted when the
 * most recent answer was wrong (Again ×0.25) or hard (×0.75). 0 for a question never reviewed.
 */
export function cardMastery(card: CardState | undefined, now: DateLike): number {
  if (!isStarted(card)) return 0;
  const weight = card.lastRating ? LAST_RATING_WEIGHT[card.lastRating] : 1;
  return retrievability(card, now) * weight;
}

export interface MasteryFigures {
  /** Questions counted. */
  total: number;
  /** Of which reviewed at least once. */
  started: number;
  /** Mean card mastery over all questions (never-reviewed count 0): how much of the topic is known. */
  mastery: number;
  /** Mean card mastery over the reviewed questions only: how well what was studied is known. */
  strength: number;
  level: MasteryLevel;
}

export function masteryLevel(started: number, mastery: number, strength: number): MasteryLevel {
  if (started === 0) return 'new';
  if (strength < 0.5) return 'weak';
  if (mastery < 0.5) return 'learning';
  if (mastery < 0.85) return 'good';
  return 'mastered';
}

/** Mastery of a group of questions (a topic) from their cards (undefined: never reviewed). */
export function groupMastery(cards: readonly (CardState | undefined)[], now: DateLike): MasteryFigures {
  const ms = toMs(now);
  return groupMasteryFromScores(cards.map(card => (isStarted(card) ? cardMastery(card, ms) : undefined)));
}

/** Mastery of a group from per-question scores (cardMastery; undefined: never reviewed). */
export function groupMasteryFromScores(scores: readonly (number | undefined)[]): MasteryFigures {
  let started = 0;
  let sum = 0;
  for (const score of scores) {
    if (score === undefined) continue;
    started++;
    sum += score;
  }
  const total = scores.length;
  const mastery = total ? sum / total : 0;
  const strength = started ? sum / started : 0;
  return { total, started, mastery, strength, level: masteryLevel(started, mastery, strength) };
}

/** The `n` weakest groups among those with at least one reviewed question: lowest strength, then mastery, then key. */
export function weakest<T extends MasteryFigures & { topic: string }>(groups: readonly T[], n: number): T[] {
  return groups
    .filter(g => g.started > 0)
    .sort((a, b) => a.strength - b.strength || a.mastery - b.mastery || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0))
    .slice(0, Math.max(0, n));
}

// ---------------------------------------------------------------------------------------------
// Streak

export interface Streak {
  /** Consecutive days with at least one review, ending today (or yesterday when today has none yet). */
  current: number;
  longest: number;
  reviewedToday: boolean;
}

/** Streak from the set of `YYYY-MM-DD` days that had at least one review. */
export function streak(reviewDays: Iterable<string>, today: string): Streak {
  const days = new Set(reviewDays);
  const reviewedToday = days.has(today);
  let current = 0;
  let cursor = reviewedToday ? today : addDaysToKey(today, -1);
  while (days.has(cursor)) {
    current++;
    cursor = addDaysToKey(cursor, -1);
  }
  let longest = 0;
  let run = 0;
  let previous: string | undefined;
  for (const key of [...days].sort()) {
    run = previous !== undefined && addDaysToKey(previous, 1) === key ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = key;
  }
  return { current, longest, reviewedToday };
}
