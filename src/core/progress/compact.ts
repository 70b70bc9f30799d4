// Schema 2: progress stored compactly and self-checking. Two kinds of file:
//   history  h-<hash>.json — everything up to a point: card states, daily counts and the review log
//            folded into them. Written once (when a window's recent reviews pass RECENT_LIMIT), never
//            changed, named by its hash, so two windows compacting the same reviews write the same file.
//   head     w-<writer>.json — one per window, rewritten after each answer: a reference to a history
//            file (its name, count and hash) and the reviews since (at most ~RECENT_LIMIT), so an answer
//            rewrites a few KB instead of the whole history.
// Both carry `check: { count, hash }`: the number of reviews in the file and a 64-bit FNV-1a hash of
// its content (the parsed values written out again, so the layout of the text does not matter). A file
// whose content no longer matches its check was damaged, even if it still parses: it is reported and
// kept aside like any damaged file, with every review that could still be read recovered.
// The Settings Sync mirror is a head without history reference holding only the latest reviews
// (SYNC_BUDGET_CHARS): it is merged by review id like everything else.
import type { DayOptions } from '../schedule/days';
import type { ReviewEvent } from '../schedule/types';
import { contentHash } from './checksum';
import { checkEvent, checkIso, describe, isPlainObject, own } from './event';
import { foldCard, grade } from '../schedule/fsrs';
import type { CardState } from '../schedule/types';
import { compareEvents, copyRecord, type DailyStats, dailyFrom, emptyProgress, getOwn, type Progress, progressFromLog, sortKeys } from './model';
import { type ParsedProgress, parseProgress, type ProgressProblem } from './storage';
import { checkDocument, LIMITS, progressFromChecked, salvageEvents } from './validate';

export const STORE_SCHEMA = 2;
/** Reviews a head holds before they are folded into a new history file. */
export const RECENT_LIMIT = 500;
/** Size of the Settings Sync mirror (characters of JSON): the latest reviews that fit. */
export const SYNC_BUDGET_CHARS = 32 * 1024;

/** A head's reference to the history file it extends. */
export interface HistoryRef {
  /** File name, `h-<hash>.json`. */
  file: string;
  /** Reviews in that file. */
  count: number;
  /** Its content hash (its `check.hash`). */
  hash: string;
}

export interface Check {
  count: number;
  hash: string;
}

/** A stored file as read, before any history it refers to is loaded. */
export type StoredProgress =
  | { kind: 'head'; base: HistoryRef | null; events: ReviewEvent[]; updatedAt: string }
  | { kind: 'history'; ref: HistoryRef; progress: Progress }
  /** Schema 0/1 data, damaged data (with `parsed.problem`) and data of a newer version. */
  | { kind: 'document'; parsed: ParsedProgress };

export function historyFileName(hash: string): string {
  return `h-${hash}.json`;
}

const HISTORY_NAME = /^h-[0-9a-f]{16}\.json$/;

function headContent(base: HistoryRef | null, log: readonly ReviewEvent[], updatedAt: string): string {
  return JSON.stringify(['head', base, log, updatedAt]);
}

function historyContent(p: Pick<Progress, 'cards' | 'daily' | 'log' | 'updatedAt'>): string {
  return JSON.stringify(['history', p.cards, p.daily, p.log, p.updatedAt]);
}

/** The text of a head: `base` plus `recent` (the reviews not in it, in log order). */
export function serializeHead(base: HistoryRef | null, recent: readonly ReviewEvent[], updatedAt: string): string {
  const check: Check = { count: recent.length, hash: contentHash(headContent(base, recent, updatedAt)) };
  return JSON.stringify({ schema: STORE_SCHEMA, kind: 'head', check, base, log: recent, updatedAt });
}

/** The text and reference of a history file holding all of `progress`. */
export function serializeHistory(progress: Progress): { ref: HistoryRef; text: string } {
  const hash = contentHash(historyContent(progress));
  const check: Check = { count: progress.log.length, hash };
  const text = JSON.stringify({ schema: STORE_SCHEMA, kind: 'history', check, cards: progress.cards, daily: progress.daily, log: progress.log, updatedAt: progress.updatedAt });
  return { ref: { file: historyFileName(hash), count: progress.log.length, hash }, text };
}

/** The Settings Sync mirror: a head without history holding the latest reviews that fit the budget. */
export function serializeSyncHead(progress: Progress, budget = SYNC_BUDGET_CHARS): string {
  const log = progress.log;
  let size = 200;
  let start = log.length;
  while (start > 0) {
    const next = JSON.stringify(log[start - 1]).length + 1;
    if (size + next > budget) break;
    size += next;
    start--;
  }
  return serializeHead(null, log.slice(start), progress.updatedAt);
}

/**
 * The reviews of `progress` that are not in the history `base` (in log order): what a head holds.
 * Both logs are sorted the same way, so one walk compares each review with the next one of the
 * history (usually the very same object). Undefined when `progress` lacks some of the history's reviews.
 */
export function recentEvents(progress: Progress, base: readonly ReviewEvent[]): ReviewEvent[] | undefined {
  const recent: ReviewEvent[] = [];
  let j = 0;
  for (const e of progress.log) {
    const b = base[j];
    if (b !== undefined && (e === b || e.id === b.id)) j++;
    else recent.push(e);
  }
  return j === base.length ? recent : undefined;
}

/**
 * A progress (a history, or a window's progress that contains it) extended by a head's reviews, as if
 * each had been recorded with applyReview (reviews it already holds are skipped), in one pass: the log is copied once, and a card is
 * re-folded from all its reviews only when one of the new reviews is not later than its last one.
 */
export function extendProgress(base: Progress, events: readonly ReviewEvent[], updatedAt: string, day?: DayOptions): Progress {
  const later = (a: string, b: string) => (a > b ? a : b);
  if (!events.length) return updatedAt > base.updatedAt ? { ...base, updatedAt } : base;
  const seen = new Set<string>();
  const fresh: ReviewEvent[] = [];
  const log = base.log;
  for (const e of [...events].sort(compareEvents)) {
    if (seen.has(e.id) || inLog(log, e)) continue;
    seen.add(e.id);
    fresh.push(e);
  }
  if (!fresh.length) return updatedAt > base.updatedAt ? { ...base, updatedAt } : base;
  // Merge two sorted lists; new reviews are usually the latest, so the history's part before the
  // first of them is copied whole.
  let i = upperBound(log, fresh[0]);
  const merged = log.slice(0, i);
  let j = 0;
  while (i < log.length && j < fresh.length) merged.push(compareEvents(log[i], fresh[j]) <= 0 ? log[i++] : fresh[j++]);
  while (i < log.length) merged.push(log[i++]);
  while (j < fresh.length) merged.push(fresh[j++]);

  const cards: Record<string, CardState> = copyRecord(base.cards);
  const refold = new Set<string>();
  let newCard = false;
  for (const e of fresh) {
    if (refold.has(e.questionId)) continue;
    const previous = getOwn(cards, e.questionId);
    if (!previous) newCard = true;
    if (!previous || (previous.lastReview !== null && previous.lastReview < e.at)) cards[e.questionId] = grade(previous, e.rating, e.at);
    else refold.add(e.questionId);
  }
  if (refold.size) {
    const groups = new Map<string, ReviewEvent[]>();
    for (const e of merged) if (refold.has(e.questionId)) (groups.get(e.questionId) ?? groups.set(e.questionId, []).get(e.questionId)!).push(e);
    for (const [q, list] of groups) cards[q] = foldCard(list)!;
  }
  const added = dailyFrom(fresh, day);
  const daily: Record<string, DailyStats> = { ...base.daily };
  let newDay = false;
  for (const key of Object.keys(added)) {
    const had = getOwn(daily, key);
    if (!had) newDay = true;
    daily[key] = { reviews: (had?.reviews ?? 0) + added[key].reviews, correct: (had?.correct ?? 0) + added[key].correct };
  }
  const last = merged[merged.length - 1].at;
  return { schema: 1, cards: newCard ? sortKeys(cards) : cards, log: merged, daily: newDay ? sortKeys(daily) : daily, updatedAt: later(later(base.updatedAt, updatedAt), last) };
}

/** The first index of the sorted `log` whose review comes after `e`. */
function upperBound(log: readonly ReviewEvent[], e: ReviewEvent): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareEvents(log[mid], e) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the sorted `log` holds `e` (the same id at the same time): a binary search. */
function inLog(log: readonly ReviewEvent[], e: ReviewEvent): boolean {
  let lo = 0;
  let hi = log.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareEvents(log[mid], e);
    if (c === 0) return true;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Reads one stored file (a head, a history file, or data of an earlier schema). Never throws. A
 * schema-2 file whose content does not match its check, or does not have the shape it should, comes
 * back as a `document` with a `corrupt` problem (the raw text to keep aside) and every review that
 * could be recovered from it.
 */
export function readStored(text: string | object | undefined | null, day?: DayOptions): StoredProgress {
  let doc: unknown = text;
  if (typeof text === 'string') {
    if (text.trim() === '') return { kind: 'document', parsed: { progress: emptyProgress() } };
    try {
      doc = JSON.parse(text);
    } catch {
      return { kind: 'document', parsed: parseProgress(text, day) };
    }
  }
  if (!isPlainObject(doc) || own(doc, 'schema') !== STORE_SCHEMA) return { kind: 'document', parsed: parseProgress(text, day) };
  const raw = typeof text === 'string' ? text : safeStringify(doc);
  const problem = (what: string): StoredProgress => {
    const salvaged = salvageEvents(doc);
    const kept = salvaged.length ? `${salvaged.length} review(s) were recovered from it` : 'no reviews could be recovered from it';
    const p: ProgressProblem = { kind: 'corrupt', raw, message: `Progress data is damaged (${what}). The original was kept aside; ${kept}.` };
    // Folding the recovered reviews costs time: done when the progress is first asked for.
    let recovered: Progress | undefined;
    return { kind: 'document', parsed: { get progress() { return (recovered ??= progressFromLog(salvaged, undefined, day)); }, problem: p } };
  };
  try {
    const kind = own(doc, 'kind');
    if (kind === 'head') return readHead(doc, problem);
    if (kind === 'history') return readHistory(doc, problem, day);
    return problem(`"kind" must be "head" or "history", not ${describe(kind)}`);
  } catch (error) {
    return problem(error instanceof Error ? error.message : String(error));
  }
}

const HEAD_FIELDS = new Set(['schema', 'kind', 'check', 'base', 'log', 'updatedAt']);
const HISTORY_FIELDS = new Set(['schema', 'kind', 'check', 'cards', 'daily', 'log', 'updatedAt']);

function checkOf(doc: Record<string, unknown>): Check | string {
  const check = own(doc, 'check');
  if (!isPlainObject(check)) return `"check" must be an object, not ${describe(check)}`;
  const count = own(check, 'count');
  const hash = own(check, 'hash');
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return `"check.count" must be a whole number, not ${describe(count)}`;
  if (typeof hash !== 'string' || !/^[0-9a-f]{16}$/.test(hash)) return `"check.hash" must be 16 hex digits, not ${describe(hash)}`;
  return { count, hash };
}

function unknownField(doc: Record<string, unknown>, allowed: Set<string>): string | undefined {
  for (const key of Object.keys(doc)) if (!allowed.has(key)) return `unknown field "${key}"`;
  return undefined;
}

/** Compares a file's check with its content; a message naming what differs, or undefined. */
function mismatch(check: Check, log: unknown, content: () => string): string | undefined {
  const length = Array.isArray(log) ? log.length : -1;
  if (length < 0) return `"log" must be an array of reviews, not ${describe(log)}`;
  if (length !== check.count) return `it should hold ${check.count} review(s) and holds ${length}`;
  if (contentHash(content()) !== check.hash) return 'its content does not match its check: something in it was changed';
  return undefined;
}

function readHead(doc: Record<string, unknown>, problem: (what: string) => StoredProgress): StoredProgress {
  const extra = unknownField(doc, HEAD_FIELDS);
  if (extra) return problem(extra);
  const check = checkOf(doc);
  if (typeof check === 'string') return problem(check);
  const log = own(doc, 'log');
  const base = own(doc, 'base');
  const updatedAt = own(doc, 'updatedAt');
  const bad = mismatch(check, log, () => headContent(base as HistoryRef | null, log as ReviewEvent[], updatedAt as string));
  if (bad) return problem(bad);
  let ref: HistoryRef | null = null;
  if (base !== null) {
    if (!isPlainObject(base)) return problem(`"base" must be a history reference or null, not ${describe(base)}`);
    const file = own(base, 'file'), count = own(base, 'count'), hash = own(base, 'hash');
    if (typeof file !== 'string' || !HISTORY_NAME.test(file) || typeof count !== 'number' || !Number.isInteger(count) || count < 0 || typeof hash !== 'string' || file !== historyFileName(hash)) {
      return problem('"base" is not a valid history reference');
    }
    ref = { file, count, hash };
  }
  const at = checkIso(updatedAt, true);
  if (at.problem) return problem(`"updatedAt" ${at.problem}`);
  const events: ReviewEvent[] = [];
  const list = log as unknown[];
  if (list.length > LIMITS.maxEvents) return problem(`"log" has ${list.length} entries; at most ${LIMITS.maxEvents} are accepted`);
  for (let i = 0; i < list.length; i++) {
    const { event, problems } = checkEvent(list[i]);
    if (!event) return problem(`log[${i}]: ${problems[0]}`);
    events.push(event);
  }
  return { kind: 'head', base: ref, events, updatedAt: at.iso! };
}

function readHistory(doc: Record<string, unknown>, problem: (what: string) => StoredProgress, day?: DayOptions): StoredProgress {
  const extra = unknownField(doc, HISTORY_FIELDS);
  if (extra) return problem(extra);
  const check = checkOf(doc);
  if (typeof check === 'string') return problem(check);
  const log = own(doc, 'log');
  const bad = mismatch(check, log, () => historyContent(doc as unknown as Progress));
  if (bad) return problem(bad);
  // The content is what was written: validate its shape as a schema-1 document (ids, dates, cards).
  const checked = checkDocument({ schema: 1, cards: own(doc, 'cards'), log, daily: own(doc, 'daily'), updatedAt: own(doc, 'updatedAt') });
  if (checked.errors.length) return problem(checked.errors[0].replace(/\.$/, ''));
  if (checked.events.length !== check.count) return problem(`${check.count - checked.events.length} review(s) appear twice`);
  return { kind: 'history', ref: { file: historyFileName(check.hash), count: check.count, hash: check.hash }, progress: progressFromChecked(checked, day) };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
