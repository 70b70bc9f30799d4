// A quiz in progress as a plain-JSON value: the webview keeps it in its state, the extension
// restores it after a reload (restore.ts), and every step is a pure function returning a new session.
// Items refer to the curated content by id (the texts are looked up when shown); each answer is
// recorded as a review of the item's guide question card, so scheduling and mastery stay per question.
import { type TopicId, topicLabel } from '../taxonomy';
import { ratingForChoice } from '../schedule/fsrs';
import { type DateLike, isRating, isRecalled, type Rating, type ReviewEvent, toIso } from '../schedule/types';
import { proposedGrade } from './grade';

export type QuizMode = 'multiple-choice' | 'flashcards';
export const QUIZ_MODES: readonly QuizMode[] = ['multiple-choice', 'flashcards'];

/** `bank`: a reviewed multiple-choice item; `cloze`: an accepted cloze item; `card`: a flashcard (a guide question). */
export type QuizItemKind = 'bank' | 'cloze' | 'card';
export const CHOICE_KINDS: readonly QuizItemKind[] = ['bank', 'cloze'];

export type QuizScope =
  | { kind: 'all' }
  | { kind: 'topic'; topic: TopicId }
  /** e.g. "what this file touches": the topics detected in the active editor. */
  | { kind: 'topics'; topics: TopicId[] }
  | { kind: 'due' }
  | { kind: 'weakest'; count?: number }
  /** An explicit list of guide questions, e.g. "again with the missed ones". */
  | { kind: 'ids'; ids: string[] }
  /** The interview insights found in the workspace's code (built from a scan: ./pitfalls). */
  | { kind: 'pitfalls' };

/** A pitfalls-quiz card: the user's own lines and the insight behind them (the card is the insight's first guide question). */
export interface QuizPitfall {
  insightId: string;
  /** Relative to the workspace folder. */
  path: string;
  /** 0-based line of the finding. */
  line: number;
  message: string;
  /** 0-based line of `lines[0]`. */
  firstLine: number;
  lines: string[];
}

export interface QuizItem {
  kind: QuizItemKind;
  /** The bank or cloze item's id; for a card, the guide question's id. */
  id: string;
  /** The guide question whose card the answer is recorded on (canonical id). */
  questionId: string;
  /** That question's text (a card's front; the result's "missed" list). */
  question: string;
  /** Main topic of the guide question (for the per-topic result). */
  topic: TopicId;
  topics: TopicId[];
  /** bank/cloze: the content item's option indices in the order shown (shuffled). */
  order?: number[];
  /** bank/cloze: index, in the order shown, of the right option. */
  correct?: number;
  /** card: how many key points the question has (0: none, grade by 1–4 alone). */
  points?: number;
  /** card of the pitfalls quiz: the code it asks about. */
  pitfall?: QuizPitfall;
}

export interface QuizAnswer {
  rating: Rating;
  correct: boolean;
  /** bank/cloze: the option chosen (index in the order shown). */
  choice?: number;
  /** card with key points: how many were ticked as covered. */
  covered?: number;
  at: string;
}

export const SESSION_VERSION = 2;

export interface QuizSession {
  format: 'django-coach.quiz';
  version: typeof SESSION_VERSION;
  /** Unique per quiz; review event ids are `<id>:<item index>`. */
  id: string;
  mode: QuizMode;
  scope: QuizScope;
  seed: number;
  createdAt: string;
  items: QuizItem[];
  /** One per item: null until answered (or when skipped). */
  answers: (QuizAnswer | null)[];
  /** Current item; equals items.length once past the last. */
  index: number;
  /** Flashcards: the current card's answer is shown. */
  revealed: boolean;
  /** Flashcards: the current card's key points ticked as covered (indices, ascending). */
  ticked: number[];
  /** Ended: past the last item or stopped (Esc). */
  finished: boolean;
}

export interface QuizStep {
  session: QuizSession;
  /** The review to record (applyReview) — absent when the action changed nothing. */
  event?: ReviewEvent;
}

export const MAX_QUIZ_LENGTH = 200;
export const OPTIONS_PER_ITEM = 4;

/** A short title for a scope, e.g. for the quiz panel's heading. */
export function scopeLabel(scope: QuizScope): string {
  switch (scope.kind) {
    case 'all': return 'All topics';
    case 'topic': return topicLabel(scope.topic);
    case 'topics': return scope.topics.length === 1 ? topicLabel(scope.topics[0]) : `${scope.topics.length} topics`;
    case 'due': return 'Due for review';
    case 'weakest': return 'Weakest topics';
    case 'ids': return 'Selected questions';
    case 'pitfalls': return 'Pitfalls in this workspace';
  }
}

export function createSession(init: { id: string; mode: QuizMode; scope: QuizScope; seed: number; createdAt: DateLike; items: QuizItem[] }): QuizSession {
  return {
    format: 'django-coach.quiz',
    version: SESSION_VERSION,
    id: init.id,
    mode: init.mode,
    scope: init.scope,
    seed: init.seed >>> 0,
    createdAt: toIso(init.createdAt),
    items: init.items,
    answers: init.items.map(() => null),
    index: 0,
    revealed: false,
    ticked: [],
    finished: init.items.length === 0,
  };
}

export function currentItem(session: QuizSession): QuizItem | undefined {
  return session.finished ? undefined : session.items[session.index];
}

/** Whether the current item has been answered (feedback is showing; Enter moves on). */
export function isAnswered(session: QuizSession): boolean {
  return !session.finished && session.answers[session.index] != null;
}

function record(session: QuizSession, answer: QuizAnswer): QuizStep {
  const item = session.items[session.index];
  const answers = [...session.answers];
  answers[session.index] = answer;
  const event: ReviewEvent = {
    id: `${session.id}:${session.index}`,
    questionId: item.questionId,
    rating: answer.rating,
    at: answer.at,
    mode: session.mode,
  };
  return { session: { ...session, answers, revealed: session.mode === 'flashcards' ? true : session.revealed }, event };
}

/** Multiple choice: picks option `choice` (0-based, in the order shown). Ignored when finished, already answered or out of range. */
export function answerChoice(session: QuizSession, choice: number, now: DateLike): QuizStep {
  const item = currentItem(session);
  if (!item || session.mode !== 'multiple-choice' || isAnswered(session) || !item.order) return { session };
  if (!Number.isInteger(choice) || choice < 0 || choice >= item.order.length) return { session };
  const correct = choice === item.correct;
  return record(session, { rating: ratingForChoice(correct), correct, choice, at: toIso(now) });
}

/** Flashcards: shows the answer (and key points) of the current card. */
export function reveal(session: QuizSession): QuizSession {
  if (!currentItem(session) || session.mode !== 'flashcards' || session.revealed) return session;
  return { ...session, revealed: true };
}

/** Flashcards: ticks or unticks key point `point` (0-based) of the revealed, ungraded card. */
export function toggleKeyPoint(session: QuizSession, point: number): QuizSession {
  const item = currentItem(session);
  if (!item || session.mode !== 'flashcards' || !session.revealed || isAnswered(session)) return session;
  if (!Number.isInteger(point) || point < 0 || point >= (item.points ?? 0)) return session;
  const ticked = session.ticked.includes(point) ? session.ticked.filter(p => p !== point) : [...session.ticked, point].sort((a, b) => a - b);
  return { ...session, ticked };
}

/** The grade the ticks propose for the current card, or undefined when it has no key points (or is not revealed). */
export function currentProposal(session: QuizSession): Rating | undefined {
  const item = currentItem(session);
  if (!item || session.mode !== 'flashcards' || !session.revealed || !item.points) return undefined;
  return proposedGrade(session.ticked.length, item.points);
}

/** Flashcards: grades the current card Again/Hard/Good/Easy (1–4). Ignored when finished or already graded. */
export function gradeFlashcard(session: QuizSession, rating: Rating, now: DateLike): QuizStep {
  const item = currentItem(session);
  if (!item || session.mode !== 'flashcards' || isAnswered(session) || !isRating(rating)) return { session };
  return record(session, { rating, correct: isRecalled(rating), ...(item.points ? { covered: session.ticked.length } : {}), at: toIso(now) });
}

/** Flashcards: accepts the grade the ticks propose (Enter). Ignored for a card without key points or not yet revealed. */
export function confirmProposal(session: QuizSession, now: DateLike): QuizStep {
  const proposal = currentProposal(session);
  return proposal === undefined ? { session } : gradeFlashcard(session, proposal, now);
}

/** Moves to the next item (skipping the current one if unanswered); past the last, the quiz is finished. */
export function nextItem(session: QuizSession): QuizSession {
  if (session.finished) return session;
  const index = session.index + 1;
  return { ...session, index, revealed: false, ticked: [], finished: index >= session.items.length };
}

/** Ends the quiz now (Esc): the result counts what was answered. */
export function endQuiz(session: QuizSession): QuizSession {
  return session.finished ? session : { ...session, finished: true, revealed: false, ticked: [] };
}

export interface TopicResult {
  topic: TopicId;
  label: string;
  answered: number;
  correct: number;
}

export interface QuizResult {
  total: number;
  answered: number;
  correct: number;
  /** correct / answered, 0 when nothing was answered. */
  score: number;
  perTopic: TopicResult[];
  /** Answered wrong (multiple choice) or graded Again (flashcards), in quiz order: the guide question to read again. */
  missed: { id: string; question: string; topic: TopicId }[];
  /** Items not answered (skipped or the quiz was ended early). */
  skipped: string[];
}

export function quizResult(session: QuizSession): QuizResult {
  let answered = 0;
  let correct = 0;
  const perTopic = new Map<TopicId, TopicResult>();
  const missed: QuizResult['missed'] = [];
  const skipped: string[] = [];
  session.items.forEach((item, i) => {
    const answer = session.answers[i];
    if (!answer) {
      skipped.push(item.id);
      return;
    }
    answered++;
    const t = perTopic.get(item.topic) ?? { topic: item.topic, label: topicLabel(item.topic), answered: 0, correct: 0 };
    t.answered++;
    if (answer.correct) {
      correct++;
      t.correct++;
    } else if (!missed.some(m => m.id === item.questionId)) missed.push({ id: item.questionId, question: item.question, topic: item.topic });
    perTopic.set(item.topic, t);
  });
  return {
    total: session.items.length,
    answered,
    correct,
    score: answered ? correct / answered : 0,
    perTopic: [...perTopic.values()].sort((a, b) => a.correct / a.answered - b.correct / b.answered || (a.topic < b.topic ? -1 : 1)),
    missed,
    skipped,
  };
}

export function serializeSession(session: QuizSession): string {
  return JSON.stringify(session);
}
