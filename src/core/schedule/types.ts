// Plain-JSON types shared by scheduling, progress and quizzes. No VS Code, no Date objects:
// everything here survives JSON.stringify / JSON.parse unchanged.

/** FSRS grades: 1 Again, 2 Hard, 3 Good, 4 Easy (the numbering ts-fsrs uses). */
export type Rating = 1 | 2 | 3 | 4;

export const RATING = { again: 1, hard: 2, good: 3, easy: 4 } as const;
export const RATING_NAMES: Record<Rating, 'Again' | 'Hard' | 'Good' | 'Easy'> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

export function isRating(value: unknown): value is Rating {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** A rating counts as "recalled" unless it is Again (FSRS treats Hard as a pass). */
export function isRecalled(rating: Rating): boolean {
  return rating !== 1;
}

/** Where a review came from. `mark-known` is the answer view's "mark known" action (graded Easy). */
export type ReviewMode = 'multiple-choice' | 'flashcards' | 'mark-known';
export const REVIEW_MODES: readonly ReviewMode[] = ['multiple-choice', 'flashcards', 'mark-known'];

/** One answer given to one question; the review log is the source of truth for all card state. */
export interface ReviewEvent {
  /** Unique per review (quiz events: `<sessionId>:<item index>`, so a re-sent answer is recorded once). */
  id: string;
  questionId: string;
  rating: Rating;
  /** ISO 8601 UTC, as `Date.prototype.toISOString()` writes it. */
  at: string;
  mode: ReviewMode;
}

export type CardPhase = 'new' | 'learning' | 'review' | 'relearning';

/** An FSRS card as plain JSON (ts-fsrs `Card` with ISO dates), plus what mastery and the daily new-card limit need. */
export interface CardState {
  due: string;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardPhase;
  /** ISO time of the last review; null only for a card never reviewed. */
  lastReview: string | null;
  /** Rating of the last review; null for a card never reviewed. */
  lastRating: Rating | null;
  /** ISO time of the first review (when the card was "introduced"); null for a card never reviewed. */
  introducedAt: string | null;
}

export type DateLike = Date | number | string;

export function toMs(value: DateLike): number {
  return value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
}

export function toIso(value: DateLike): string {
  return new Date(toMs(value)).toISOString();
}
