// Every question is an FSRS card scheduled by ts-fsrs (no home-made formula). This module converts
// between our plain-JSON CardState and ts-fsrs's Card and applies grades.
import { createEmptyCard, fsrs, State, type Card, type FSRSParameters } from 'ts-fsrs';
import { type CardPhase, type CardState, type DateLike, type Rating, toIso, toMs } from './types';

/**
 * Scheduler parameters. Fuzz off so that card state is a pure, reproducible fold of the review log
 * (two windows replaying the same log agree to the bit). One 10-minute (re)learning step: a wrong
 * answer comes back within the session's day, a right one graduates to FSRS intervals (Good → days).
 */
export const SCHEDULER_PARAMETERS: Partial<FSRSParameters> = {
  request_retention: 0.9,
  maximum_interval: 3650,
  enable_fuzz: false,
  enable_short_term: true,
  learning_steps: ['10m'],
  relearning_steps: ['10m'],
};

const scheduler = fsrs(SCHEDULER_PARAMETERS);

const PHASES: readonly CardPhase[] = ['new', 'learning', 'review', 'relearning'];
const PHASE_TO_STATE: Record<CardPhase, State> = { new: State.New, learning: State.Learning, review: State.Review, relearning: State.Relearning };

/** A card never reviewed, due at `now`. */
export function newCard(now: DateLike): CardState {
  return fromFsrsCard(createEmptyCard(new Date(toMs(now))), null, null);
}

/** ts-fsrs Card from our JSON state. */
export function toFsrsCard(card: CardState): Card {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: 0, // deprecated in ts-fsrs; recomputed from last_review
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: PHASE_TO_STATE[card.state],
    last_review: card.lastReview ? new Date(card.lastReview) : undefined,
  };
}

function fromFsrsCard(card: Card, lastRating: Rating | null, introducedAt: string | null): CardState {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: PHASES[card.state] ?? 'new',
    lastReview: card.last_review ? card.last_review.toISOString() : null,
    lastRating,
    introducedAt,
  };
}

/** Applies one grade at `now` through ts-fsrs; `card` undefined means a new card. Returns a new state. */
export function grade(card: CardState | undefined, rating: Rating, now: DateLike): CardState {
  const at = new Date(toMs(now));
  const current = card ? toFsrsCard(card) : createEmptyCard(at);
  const next = scheduler.next(current, at, rating).card;
  return fromFsrsCard(next, rating, card?.introducedAt ?? at.toISOString());
}

/** Replays grades in order from a new card: the card state is a pure fold of its reviews. */
export function foldCard(reviews: Iterable<{ rating: Rating; at: string }>): CardState | undefined {
  let card: CardState | undefined;
  for (const r of reviews) card = grade(card, r.rating, r.at);
  return card;
}

/** Multiple choice feeds the scheduler too: right = Good, wrong = Again. */
export function ratingForChoice(correct: boolean): Rating {
  return correct ? 3 : 1;
}

export interface CardTimes {
  due: number;
  /** NaN when never reviewed. */
  lastReview: number;
  /** NaN when never reviewed. */
  introducedAt: number;
}

const timesCache = new WeakMap<CardState, CardTimes>();

/** The card's dates in epoch ms, parsed once per card object (card states are never mutated). */
export function cardTimes(card: CardState): CardTimes {
  let t = timesCache.get(card);
  if (!t) {
    t = {
      due: Date.parse(card.due),
      lastReview: card.lastReview ? Date.parse(card.lastReview) : NaN,
      introducedAt: card.introducedAt ? Date.parse(card.introducedAt) : NaN,
    };
    timesCache.set(card, t);
  }
  return t;
}

/** Probability of recall now (FSRS forgetting curve from ts-fsrs); 0 for a card never reviewed. */
export function retrievability(card: CardState | undefined, now: DateLike): number {
  if (!card || card.state === 'new' || !card.lastReview) return 0;
  // Whole elapsed days, as ts-fsrs's own get_retrievability counts them.
  const days = Math.max(0, Math.floor((toMs(now) - cardTimes(card).lastReview) / 86_400_000));
  return scheduler.forgetting_curve(days, card.stability);
}

/** Whether the card has been reviewed at least once. */
export function isStarted(card: CardState | undefined): card is CardState {
  return !!card && card.state !== 'new' && card.lastReview !== null;
}

export function dueMs(card: CardState): number {
  return cardTimes(card).due;
}

export { toIso };
