// Strict validation of progress documents that come from outside (an imported file, a stored
// document that may have been damaged). Never throws: every problem becomes a readable message.
import { isDayKey, type DayOptions } from '../schedule/days';
import { foldCard } from '../schedule/fsrs';
import { type CardPhase, type CardState, isRating, type ReviewEvent } from '../schedule/types';
import { checkEvent, checkIso, describe, idProblem, isPlainObject, own, quote } from './event';
import { dailyFrom, EPOCH_ISO, type DailyStats, type Progress, progressFromLog, compareEvents, sameEvent } from './model';

export const LIMITS = {
  /** Reviews in one document (about 130 a day for five years). */
  maxEvents: 250_000,
  maxCards: 100_000,
  maxDays: 40_000,
  /** Errors reported before giving up on listing more. */
  maxErrors: 25,
  /** Size of an import file. */
  maxImportChars: 64 * 1024 * 1024,
};

export type ValidationResult =
  | { ok: true; progress: Progress; warnings: string[] }
  | { ok: false; errors: string[] };

const TOP_FIELDS = new Set(['schema', 'cards', 'log', 'daily', 'updatedAt']);
const CARD_FIELDS = new Set(['due', 'stability', 'difficulty', 'scheduledDays', 'learningSteps', 'reps', 'lapses', 'state', 'lastReview', 'lastRating', 'introducedAt']);
const PHASES = new Set<CardPhase>(['new', 'learning', 'review', 'relearning']);

class Errors {
  readonly list: string[] = [];
  private dropped = 0;
  add(message: string): void {
    if (this.list.length < LIMITS.maxErrors) this.list.push(message);
    else this.dropped++;
  }
  result(): string[] {
    return this.dropped ? [...this.list, `…and ${this.dropped} more problem(s).`] : this.list;
  }
}

/**
 * Validates an untrusted progress document (e.g. `JSON.parse` of an import file): exact shape, no
 * unknown fields, ids that are safe strings, real dates, ratings 1–4, bounded sizes. An older
 * schema is migrated first. Card states and daily counts in the input are checked but not trusted:
 * they are re-derived from the review log through ts-fsrs.
 */
export function validateImport(json: unknown, day?: DayOptions): ValidationResult {
  try {
    const migrated = migrate(json);
    if (migrated.kind === 'error') return { ok: false, errors: [migrated.message] };
    const checked = checkDocument(migrated.doc);
    if (checked.errors.length) return { ok: false, errors: checked.errors };
    const warnings = [...migrated.warnings, ...checked.warnings];
    return { ok: true, progress: progressFromLog(checked.events, checked.updatedAt, day), warnings };
  } catch (error) {
    return { ok: false, errors: [`The progress data could not be read: ${error instanceof Error ? error.message : String(error)}`] };
  }
}

export interface CheckedDocument {
  errors: string[];
  warnings: string[];
  events: ReviewEvent[];
  cards: Record<string, CardState>;
  daily: Record<string, DailyStats> | undefined;
  updatedAt: string | undefined;
}

/** Checks a schema-1 document field by field. */
export function checkDocument(doc: unknown): CheckedDocument {
  const errors = new Errors();
  const warnings: string[] = [];
  const out: CheckedDocument = { errors: [], warnings, events: [], cards: {}, daily: undefined, updatedAt: undefined };
  if (!isPlainObject(doc)) {
    out.errors = [`Progress data must be a JSON object, not ${describe(doc)}.`];
    return out;
  }
  for (const key of Object.keys(doc)) if (!TOP_FIELDS.has(key)) errors.add(`Unknown field ${quote(key)} at the top level.`);
  const schema = own(doc, 'schema');
  if (schema !== 1) errors.add(`"schema" must be 1, not ${describe(schema)}.`);

  // log
  const log = own(doc, 'log');
  if (!Array.isArray(log)) errors.add(`"log" must be an array of reviews, not ${describe(log)}.`);
  else if (log.length > LIMITS.maxEvents) errors.add(`"log" has ${log.length} entries; at most ${LIMITS.maxEvents} are accepted.`);
  else {
    const seen = new Map<string, ReviewEvent>();
    for (let i = 0; i < log.length; i++) {
      const { event, problems } = checkEvent(log[i]);
      for (const p of problems) errors.add(`log[${i}]: ${p}.`);
      if (!event) continue;
      const previous = seen.get(event.id);
      if (!previous) {
        seen.set(event.id, event);
        out.events.push(event);
      } else if (!sameEvent(previous, event)) errors.add(`log[${i}]: id ${quote(event.id)} is used by two different reviews.`);
      else warnings.push(`Review ${quote(event.id)} appeared twice; kept once.`);
    }
  }

  // cards
  const cards = own(doc, 'cards');
  const questions = new Set(out.events.map(e => e.questionId));
  if (cards !== undefined) {
    if (!isPlainObject(cards)) errors.add(`"cards" must be an object keyed by question id, not ${describe(cards)}.`);
    else {
      const keys = Object.keys(cards);
      if (keys.length > LIMITS.maxCards) errors.add(`"cards" has ${keys.length} entries; at most ${LIMITS.maxCards} are accepted.`);
      else {
        for (const key of keys) {
          const idP = idProblem(key);
          if (idP) {
            errors.add(`cards: question id ${quote(key)} ${idP}.`);
            continue;
          }
          const { card, problems } = checkCard(own(cards, key));
          for (const p of problems) errors.add(`cards[${quote(key)}]: ${p}.`);
          if (card) {
            if (!questions.has(key) && Array.isArray(log)) errors.add(`cards[${quote(key)}]: no review of this question in "log".`);
            out.cards[key] = card;
          }
        }
      }
    }
  }

  // daily
  const daily = own(doc, 'daily');
  if (daily !== undefined) {
    if (!isPlainObject(daily)) errors.add(`"daily" must be an object keyed by YYYY-MM-DD, not ${describe(daily)}.`);
    else {
      const keys = Object.keys(daily);
      if (keys.length > LIMITS.maxDays) errors.add(`"daily" has ${keys.length} entries; at most ${LIMITS.maxDays} are accepted.`);
      else {
        const clean: Record<string, DailyStats> = {};
        for (const key of keys) {
          if (!isDayKey(key)) {
            errors.add(`daily: ${quote(key)} is not a date (YYYY-MM-DD).`);
            continue;
          }
          const value = own(daily, key);
          const problem = dailyProblem(value);
          if (problem) errors.add(`daily[${quote(key)}]: ${problem}.`);
          else clean[key] = { reviews: (value as DailyStats).reviews, correct: (value as DailyStats).correct };
        }
        out.daily = clean;
      }
    }
  }

  // updatedAt
  const updatedAt = own(doc, 'updatedAt');
  if (updatedAt !== undefined) {
    const checked = checkIso(updatedAt, true);
    if (checked.problem) errors.add(`"updatedAt" ${checked.problem}.`);
    else out.updatedAt = checked.iso;
  }
  out.errors = errors.result();
  return out;
}

function dailyProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return `must be an object, not ${describe(value)}`;
  for (const key of Object.keys(value)) if (key !== 'reviews' && key !== 'correct') return `unknown field ${quote(key)}`;
  const { reviews, correct } = value as Record<string, unknown>;
  if (!isCount(reviews)) return `"reviews" must be a whole number ≥ 0, not ${describe(reviews)}`;
  if (!isCount(correct) || correct > reviews) return `"correct" must be a whole number between 0 and "reviews", not ${describe(correct)}`;
  return undefined;
}

function isCount(value: unknown, max = 1e9): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

function isFiniteIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

/** Checks one stored card state (shape and ranges). */
export function checkCard(value: unknown): { card?: CardState; problems: string[] } {
  if (!isPlainObject(value)) return { problems: [`must be an object, not ${describe(value)}`] };
  const problems: string[] = [];
  for (const key of Object.keys(value)) if (!CARD_FIELDS.has(key)) problems.push(`unknown field ${quote(key)}`);
  const v = value as Record<string, unknown>;
  const due = checkIso(own(v, 'due'), true);
  if (due.problem) problems.push(`due ${due.problem}`);
  if (!isFiniteIn(v.stability, 0, 1e6)) problems.push(`stability ${describe(v.stability)} is not a number between 0 and 1000000`);
  if (!isFiniteIn(v.difficulty, 0, 10)) problems.push(`difficulty ${describe(v.difficulty)} is not a number between 0 and 10`);
  if (!isCount(v.scheduledDays, 1e6)) problems.push(`scheduledDays ${describe(v.scheduledDays)} is not a whole number of days`);
  if (!isCount(v.learningSteps, 1000)) problems.push(`learningSteps ${describe(v.learningSteps)} is not a small whole number`);
  if (!isCount(v.reps)) problems.push(`reps ${describe(v.reps)} is not a whole number ≥ 0`);
  if (!isCount(v.lapses) || (isCount(v.reps) && v.lapses > v.reps)) problems.push(`lapses ${describe(v.lapses)} is not a whole number between 0 and reps`);
  if (!PHASES.has(v.state as CardPhase)) problems.push(`state ${describe(v.state)} is not one of new, learning, review, relearning`);
  const optionalIso = (name: 'lastReview' | 'introducedAt') => {
    const raw = own(v, name);
    if (raw === null) return null;
    const c = checkIso(raw);
    if (c.problem) problems.push(`${name} ${c.problem}`);
    return c.iso ?? null;
  };
  const lastReview = optionalIso('lastReview');
  const introducedAt = optionalIso('introducedAt');
  if (v.lastRating !== null && !isRating(v.lastRating)) problems.push(`lastRating ${describe(v.lastRating)} is not a rating (1–4) or null`);
  if (problems.length) return { problems };
  return {
    problems,
    card: {
      due: due.iso!, stability: v.stability as number, difficulty: v.difficulty as number, scheduledDays: v.scheduledDays as number,
      learningSteps: v.learningSteps as number, reps: v.reps as number, lapses: v.lapses as number, state: v.state as CardPhase,
      lastReview, lastRating: v.lastRating as CardState['lastRating'], introducedAt,
    },
  };
}

/**
 * Builds a progress document from a checked stored document, reusing its card states and daily
 * counts where they agree with the log (cheap load) and re-folding the cards where they do not.
 */
export function progressFromChecked(checked: CheckedDocument, day?: DayOptions): Progress {
  const log = isSorted(checked.events) ? checked.events : [...checked.events].sort(compareEvents);
  const perQuestion = new Map<string, { count: number; last: string }>();
  for (const e of log) {
    const p = perQuestion.get(e.questionId);
    if (p) {
      p.count++;
      p.last = e.at;
    } else perQuestion.set(e.questionId, { count: 1, last: e.at });
  }
  const cards: Record<string, CardState> = {};
  let stale: Set<string> | undefined;
  for (const id of [...perQuestion.keys()].sort()) {
    const stored = Object.prototype.hasOwnProperty.call(checked.cards, id) ? checked.cards[id] : undefined;
    const p = perQuestion.get(id)!;
    if (stored && stored.reps === p.count && stored.lastReview === p.last) cards[id] = stored;
    else {
      cards[id] = undefined!;
      (stale ??= new Set()).add(id);
    }
  }
  if (stale) {
    const groups = new Map<string, ReviewEvent[]>();
    for (const e of log) if (stale.has(e.questionId)) (groups.get(e.questionId) ?? groups.set(e.questionId, []).get(e.questionId)!).push(e);
    for (const id of stale) cards[id] = foldCard(groups.get(id)!)!;
  }
  let daily = checked.daily;
  if (!daily || Object.values(daily).reduce((n, d) => n + d.reviews, 0) !== log.length) daily = dailyFrom(log, day);
  const last = log.length ? log[log.length - 1].at : EPOCH_ISO;
  const updatedAt = checked.updatedAt && checked.updatedAt > last ? checked.updatedAt : last;
  return { schema: 1, cards, log, daily, updatedAt };
}

function isSorted(events: readonly ReviewEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (compareEvents(events[i - 1], events[i]) > 0) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Migrations

/**
 * Schema 0 is the pre-release layout: no `schema` field (or `schema: 0`), a `reviews` array of
 * `{ questionId, rating (1–4 or "again"|"hard"|"good"|"easy"), at (epoch ms), mode? }` without ids.
 */
export type Migrated = { kind: 'ok'; doc: unknown; from: number; warnings: string[] } | { kind: 'error'; message: string };

export function schemaOf(doc: unknown): number | 'missing' | 'invalid' {
  if (!isPlainObject(doc)) return 'invalid';
  const schema = own(doc, 'schema');
  if (schema === undefined) return 'missing';
  if (typeof schema === 'number' && Number.isInteger(schema) && schema >= 0) return schema;
  return 'invalid';
}

/** Brings a document of an older schema up to schema 1 (documents already at 1 pass through). */
export function migrate(doc: unknown): Migrated {
  const schema = schemaOf(doc);
  if (schema === 1) return { kind: 'ok', doc, from: 1, warnings: [] };
  if (schema === 'invalid') {
    return { kind: 'error', message: isPlainObject(doc) ? `"schema" must be a version number, not ${describe(own(doc, 'schema'))}.` : `Progress data must be a JSON object, not ${describe(doc)}.` };
  }
  if (typeof schema === 'number' && schema > 1) return { kind: 'error', message: `This progress data was written by a newer version of the extension (schema ${schema}); this version reads schema 1. Update the extension to use it.` };
  const v0 = doc as Record<string, unknown>;
  const reviews = own(v0, 'reviews');
  if (!Array.isArray(reviews)) return { kind: 'error', message: 'Progress data has no "schema" field and no "reviews" list: it is not a progress file.' };
  if (reviews.length > LIMITS.maxEvents) return { kind: 'error', message: `"reviews" has ${reviews.length} entries; at most ${LIMITS.maxEvents} are accepted.` };
  for (const key of Object.keys(v0)) {
    if (key !== 'schema' && key !== 'reviews') return { kind: 'error', message: `Unknown field ${quote(key)} in a schema 0 progress file.` };
  }
  const log: ReviewEvent[] = [];
  const occurrences = new Map<string, number>();
  let skipped = 0;
  for (const r of reviews) {
    const event = migrateV0Review(r, occurrences);
    if (event) log.push(event);
    else skipped++;
  }
  const warnings = skipped ? [`${skipped} unreadable review(s) in the schema 0 data were left out.`] : [];
  return { kind: 'ok', doc: { schema: 1, log }, from: 0, warnings };
}

const V0_RATINGS: Record<string, 1 | 2 | 3 | 4> = { again: 1, hard: 2, good: 3, easy: 4 };
const V0_MODES: Record<string, ReviewEvent['mode']> = { 'multiple-choice': 'multiple-choice', mc: 'multiple-choice', quiz: 'multiple-choice', flashcards: 'flashcards', flashcard: 'flashcards', known: 'mark-known', 'mark-known': 'mark-known' };

function migrateV0Review(value: unknown, occurrences: Map<string, number>): ReviewEvent | undefined {
  if (!isPlainObject(value)) return undefined;
  const questionId = own(value, 'questionId');
  if (idProblem(questionId)) return undefined;
  const rawRating = own(value, 'rating');
  const rating = isRating(rawRating) ? rawRating : typeof rawRating === 'string' ? V0_RATINGS[rawRating.toLowerCase()] : undefined;
  if (!rating) return undefined;
  const at = own(value, 'at');
  if (typeof at !== 'number' || !Number.isFinite(at)) return undefined;
  const iso = checkIso(new Date(at).toISOString()).iso;
  if (!iso) return undefined;
  const rawMode = own(value, 'mode');
  const mode = rawMode === undefined ? 'flashcards' : typeof rawMode === 'string' ? V0_MODES[rawMode] : undefined;
  if (!mode) return undefined;
  // Deterministic ids, so migrating the same data twice (two windows) yields the same events.
  const base = `${questionId}|${at}|${rating}|${mode}`;
  const n = occurrences.get(base) ?? 0;
  occurrences.set(base, n + 1);
  return { id: `v0-${fnv1a(base)}-${n}`, questionId: questionId as string, rating, at: iso, mode };
}

export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

// ---------------------------------------------------------------------------------------------
// Salvage

/** Review events recoverable from damaged data: each valid event of a `log` array, or of any flat JSON object in broken text. */
export function salvageEvents(source: unknown): ReviewEvent[] {
  const events: ReviewEvent[] = [];
  const take = (value: unknown) => {
    const { event } = checkEvent(value, false);
    if (event) events.push(event);
  };
  if (typeof source === 'string') {
    const objects = source.match(/\{[^{}]*\}/g) ?? [];
    for (const text of objects.slice(0, LIMITS.maxEvents)) {
      try {
        take(JSON.parse(text));
      } catch {
        // not a complete object: skip
      }
    }
  } else if (isPlainObject(source)) {
    const log = own(source, 'log');
    if (Array.isArray(log)) for (const value of log.slice(0, LIMITS.maxEvents)) take(value);
  }
  return events;
}
