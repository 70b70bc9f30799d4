// Merging two progress documents (two windows answering at once, settings sync, import):
// union of the review logs by event id, then each card re-derived from its reviews. Both logs are
// sorted by (at, id), so the union is one linear walk; only the cards of questions that gained
// reviews from both sides are re-folded through ts-fsrs, the others are taken from the side that
// already holds all their reviews.
import { foldCard } from '../schedule/fsrs';
import type { DayOptions } from '../schedule/days';
import { isRecalled, type ReviewEvent } from '../schedule/types';
import { compareEvents, type DailyStats, dailyFrom, getOwn, type Progress, sameEvent, sortKeys } from './model';

export interface MergeStats {
  /** Events in `b` that `a` did not have. */
  addedFromB: number;
  /** Events in `a` that `b` did not have. */
  addedFromA: number;
  /** Ids found in both with different content (the smaller, by time then content, wins). */
  conflicts: number;
}

/**
 * Deterministic merge: merge(a, b) and merge(b, a) serialise identically (given documents whose
 * caches match their logs, as every function here produces, and the same time zone); no review of
 * either side is lost; merging a document into itself changes nothing.
 */
export function mergeProgress(a: Progress, b: Progress, day?: DayOptions): Progress {
  return mergeWithStats(a, b, day).progress;
}

export function mergeWithStats(a: Progress, b: Progress, day?: DayOptions): { progress: Progress; stats: MergeStats } {
  const updatedAt = a.updatedAt > b.updatedAt ? a.updatedAt : b.updatedAt;

  // Read-merge-write in one window: the stored log is usually the very same event objects as the
  // start of the local one (the parse is cached, applyReview keeps event objects), so check identity first.
  const stats0 = (addedFromA: number, addedFromB: number): MergeStats => ({ addedFromA, addedFromB, conflicts: 0 });
  if (b.log.length <= a.log.length && sharesPrefix(a.log, b.log)) return { progress: { ...a, updatedAt: latest(updatedAt, a.log) }, stats: stats0(a.log.length - b.log.length, 0) };
  if (a.log.length < b.log.length && sharesPrefix(b.log, a.log)) return { progress: { ...b, updatedAt: latest(updatedAt, b.log) }, stats: stats0(0, b.log.length - a.log.length) };

  // One walk over both sorted logs.
  const merged: ReviewEvent[] = [];
  const onlyA: ReviewEvent[] = [];
  const onlyB: ReviewEvent[] = [];
  const losers = new Set<ReviewEvent>();
  let i = 0;
  let j = 0;
  while (i < a.log.length || j < b.log.length) {
    const x = a.log[i];
    const y = b.log[j];
    const c = x === undefined ? 1 : y === undefined ? -1 : compareEvents(x, y);
    // Logs are sorted and unique by construction; a hand-built one takes the slow path.
    if ((c <= 0 && i > 0 && compareEvents(a.log[i - 1], x) >= 0) || (c >= 0 && j > 0 && compareEvents(b.log[j - 1], y) >= 0)) {
      return slowMerge(a, b, updatedAt, day);
    }
    if (c === 0) {
      let keep = x;
      if (!sameEvent(x, y)) {
        // Same id and time, different content: keep the smaller, whichever side it is on.
        keep = eventKey(y) < eventKey(x) ? y : x;
        onlyA.push(x);
        onlyB.push(y);
        losers.add(keep === x ? y : x);
      }
      merged.push(keep);
      i++;
      j++;
    } else if (c < 0) {
      merged.push(x);
      onlyA.push(x);
      i++;
    } else {
      merged.push(y);
      onlyB.push(y);
      j++;
    }
  }
  // The same id at two different times (a conflict the walk cannot line up).
  const idsA = new Map(onlyA.map(e => [e.id, e]));
  for (const y of onlyB) {
    const x = idsA.get(y.id);
    if (x && x !== y && !losers.has(x) && !losers.has(y)) losers.add(eventKey(y) < eventKey(x) ? x : y);
  }
  const conflicts = losers.size;
  const idsB = new Set(onlyB.map(e => e.id));
  const stats: MergeStats = {
    addedFromB: onlyB.filter(e => !idsA.has(e.id)).length,
    addedFromA: onlyA.filter(e => !idsB.has(e.id)).length,
    conflicts,
  };
  if (conflicts === 0 && onlyB.length === 0) return { progress: { ...a, updatedAt: latest(updatedAt, a.log) }, stats };
  if (conflicts === 0 && onlyA.length === 0) return { progress: { ...b, updatedAt: latest(updatedAt, b.log) }, stats };

  const log = conflicts ? dedupeById(merged, losers) : merged;
  const touchedA = new Set(onlyA.map(e => e.questionId));
  const touchedB = new Set(onlyB.map(e => e.questionId));
  const refold = new Set<string>();
  const fromB = new Set<string>();
  for (const q of touchedB) (touchedA.has(q) || !getOwn(b.cards, q) ? refold : fromB).add(q);
  for (const q of touchedA) if (!getOwn(a.cards, q)) refold.add(q);

  const groups = new Map<string, ReviewEvent[]>();
  if (refold.size) for (const e of log) if (refold.has(e.questionId)) (groups.get(e.questionId) ?? groups.set(e.questionId, []).get(e.questionId)!).push(e);
  const ids = new Set([...Object.keys(a.cards), ...touchedB]);
  const cards: Progress['cards'] = {};
  for (const q of [...ids].sort()) {
    if (refold.has(q)) {
      const card = foldCard(groups.get(q) ?? []);
      if (card) cards[q] = card;
    } else if (fromB.has(q)) cards[q] = b.cards[q];
    else cards[q] = a.cards[q];
  }

  let daily: Record<string, DailyStats>;
  if (conflicts) daily = dailyFrom(log, day);
  else {
    // Daily counts are additive: a's counts plus b's reviews that a did not have.
    const sum: Record<string, DailyStats> = {};
    for (const k of Object.keys(a.daily)) sum[k] = { ...a.daily[k] };
    const added = dailyFrom(onlyB, day);
    for (const k of Object.keys(added)) {
      const s = getOwn(sum, k) ?? (sum[k] = { reviews: 0, correct: 0 });
      s.reviews += added[k].reviews;
      s.correct += added[k].correct;
    }
    daily = sortKeys(sum);
  }
  return { progress: { schema: 1, cards, log, daily, updatedAt: latest(updatedAt, log) }, stats };
}

/** updatedAt is never older than the last review in the log. */
function latest(updatedAt: string, log: readonly ReviewEvent[]): string {
  const last = log.length ? log[log.length - 1].at : '';
  return last > updatedAt ? last : updatedAt;
}

/** Whether `longer` starts with exactly the event objects of `shorter`. */
function sharesPrefix(longer: readonly ReviewEvent[], shorter: readonly ReviewEvent[]): boolean {
  for (let i = 0; i < shorter.length; i++) if (longer[i] !== shorter[i]) return false;
  return true;
}

function dedupeById(events: ReviewEvent[], losers: Set<ReviewEvent>): ReviewEvent[] {
  return events.filter(e => !losers.has(e));
}

/** For documents built by hand (unsorted logs): union by id and a full re-fold. */
function slowMerge(a: Progress, b: Progress, updatedAt: string, day?: DayOptions): { progress: Progress; stats: MergeStats } {
  const byId = new Map<string, ReviewEvent>();
  for (const e of a.log) byId.set(e.id, e);
  let addedFromB = 0;
  let conflicts = 0;
  for (const e of b.log) {
    const mine = byId.get(e.id);
    if (!mine) {
      byId.set(e.id, e);
      addedFromB++;
    } else if (!sameEvent(mine, e)) {
      conflicts++;
      if (eventKey(e) < eventKey(mine)) byId.set(e.id, e);
    }
  }
  const inB = new Set(b.log.map(e => e.id));
  const log = [...byId.values()].sort(compareEvents);
  const groups = new Map<string, ReviewEvent[]>();
  for (const e of log) (groups.get(e.questionId) ?? groups.set(e.questionId, []).get(e.questionId)!).push(e);
  const cards: Progress['cards'] = {};
  for (const q of [...groups.keys()].sort()) cards[q] = foldCard(groups.get(q)!)!;
  return {
    progress: { schema: 1, cards, log, daily: dailyFrom(log, day), updatedAt: latest(updatedAt, log) },
    stats: { addedFromB, addedFromA: a.log.filter(e => !inB.has(e.id)).length, conflicts },
  };
}

function eventKey(e: ReviewEvent): string {
  return `${e.at}\u0000${e.questionId}\u0000${e.rating}\u0000${e.mode}\u0000${isRecalled(e.rating)}`;
}
