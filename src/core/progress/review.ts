// The Review view, status bar and Topics badges in one pure computation.
import type { Library } from '../library';
import { TOPICS, type TopicId, topicLabel } from '../taxonomy';
import type { Entry } from '../types';
import { dayKey, startOfDay, type DayOptions } from '../schedule/days';
import { cardTimes, isStarted } from '../schedule/fsrs';
import { cardMastery, groupMasteryFromScores, type MasteryFigures, type Streak, streak, weakest } from '../schedule/stats';
import { type CardState, type DateLike, toIso, toMs } from '../schedule/types';
import { type Progress, getOwn } from './model';

export interface ReviewOptions {
  /** Daily new-card limit (setting). */
  newCardLimit: number;
  /** How many weakest topics to list (default 3). */
  weakestCount?: number;
  day?: DayOptions;
  /** Only these entries may be offered as new cards (e.g. answered ones for multiple choice). */
  eligibleNew?: (entry: Entry) => boolean;
}

export interface TopicMastery extends MasteryFigures {
  topic: TopicId;
  label: string;
  /** Questions of the topic due today. */
  due: number;
}

export interface ReviewSummary {
  /** ISO time the summary was computed for. */
  at: string;
  /** Started questions due by the end of today, most overdue first. */
  dueToday: string[];
  /** Of those, due right now. */
  dueNow: number;
  /** Never-reviewed questions offered today, within what is left of the daily new-card limit (library order). */
  newToday: string[];
  /** New questions already introduced today (counted against the limit). */
  introducedToday: number;
  /** Questions falling due tomorrow (not already due today): "see what is due tomorrow". */
  dueTomorrow: number;
  /** New questions tomorrow will offer (the full limit, as far as unseen questions remain). */
  newTomorrow: number;
  weakestTopics: TopicMastery[];
  streak: Streak;
  /** Per topic with at least one question: badges for the Topics view. */
  perTopic: Partial<Record<TopicId, TopicMastery>>;
  totals: { questions: number; started: number; reviews: number };
}

/**
 * Resolves progress cards onto the library's canonical questions: a card stored under a variant's id
 * (the grouping changed) counts for its canonical question when that has no card of its own.
 * Cards of questions no longer in the library are left alone (kept in progress, not counted).
 */
export function cardsForLibrary(library: Library, progress: Progress): Map<string, CardState> {
  const result = new Map<string, CardState>();
  const fromVariant = new Map<string, CardState>();
  for (const id of Object.keys(progress.cards)) {
    const entry = library.get(id);
    if (!entry) continue;
    const card = progress.cards[id];
    if (!entry.canonicalId) result.set(id, card);
    else {
      const other = fromVariant.get(entry.canonicalId);
      if (!other || (card.lastReview ?? '') > (other.lastReview ?? '')) fromVariant.set(entry.canonicalId, card);
    }
  }
  for (const [id, card] of fromVariant) if (!result.has(id) && library.get(id)) result.set(id, card);
  return result;
}

export function reviewSummary(library: Library, progress: Progress, now: DateLike, options: ReviewOptions): ReviewSummary {
  const ms = toMs(now);
  const day = options.day;
  const endToday = startOfDay(ms, day, 1);
  const endTomorrow = startOfDay(ms, day, 2);
  const startToday = startOfDay(ms, day);
  const cards = cardsForLibrary(library, progress);
  const canonical = library.canonical();

  const due: [number, string][] = [];
  let dueNow = 0;
  let dueTomorrow = 0;
  let introducedToday = 0;
  for (const [id, card] of cards) {
    if (!isStarted(card)) continue;
    const times = cardTimes(card);
    const t = times.due;
    if (t < endToday) {
      due.push([t, id]);
      if (t <= ms) dueNow++;
    } else if (t < endTomorrow) dueTomorrow++;
    if (times.introducedAt >= startToday && times.introducedAt < endToday) introducedToday++;
  }
  // Also count new cards introduced today under ids outside the library view (e.g. removed guides): they used the budget.
  for (const id of Object.keys(progress.cards)) {
    if (cards.has(id) || library.get(id)?.canonicalId) continue;
    const i = cardTimes(progress.cards[id]).introducedAt;
    if (i >= startToday && i < endToday) introducedToday++;
  }
  due.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));

  const limit = Math.max(0, Math.floor(options.newCardLimit));
  const budget = Math.max(0, limit - introducedToday);
  const newToday: string[] = [];
  let unseen = 0;
  for (const entry of canonical) {
    if (cards.has(entry.id) || (options.eligibleNew && !options.eligibleNew(entry))) continue;
    unseen++;
    if (newToday.length < budget) newToday.push(entry.id);
  }

  const scores = new Map<string, number>();
  for (const [id, card] of cards) if (isStarted(card)) scores.set(id, cardMastery(card, ms));
  const perTopic: Partial<Record<TopicId, TopicMastery>> = {};
  const dueSet = new Set(due.map(d => d[1]));
  const topics: TopicMastery[] = [];
  for (const { id: topic } of TOPICS) {
    const entries = library.byTopic(topic);
    if (!entries.length) continue;
    const figures = groupMasteryFromScores(entries.map(e => scores.get(e.id)));
    const t: TopicMastery = { topic, label: topicLabel(topic), due: entries.filter(e => dueSet.has(e.id)).length, ...figures };
    perTopic[topic] = t;
    topics.push(t);
  }

  const reviewDays = Object.keys(progress.daily).filter(k => (getOwn(progress.daily, k)?.reviews ?? 0) > 0);
  let started = 0;
  for (const card of cards.values()) if (isStarted(card)) started++;

  return {
    at: toIso(ms),
    dueToday: due.map(d => d[1]),
    dueNow,
    newToday,
    introducedToday,
    dueTomorrow,
    newTomorrow: Math.min(limit, unseen - newToday.length),
    weakestTopics: weakest(topics, options.weakestCount ?? 3),
    streak: streak(reviewDays, dayKey(ms, day)),
    perTopic,
    totals: { questions: canonical.length, started, reviews: progress.log.length },
  };
}

/** Mastery of each given question now (0–1), for ordering "weakest first". */
export function questionMastery(library: Library, progress: Progress, ids: readonly string[], now: DateLike): Map<string, number> {
  const cards = cardsForLibrary(library, progress);
  const ms = toMs(now);
  return new Map(ids.map(id => [id, cardMastery(cards.get(id), ms)]));
}
