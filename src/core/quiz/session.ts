// A quiz in progress as a plain-JSON value: the webview keeps it in its state, the extension
// restores it after a reload, and every step is a pure function returning a new session.
import { isTopicId, type TopicId, topicLabel } from '../taxonomy';
import { ratingForChoice } from '../schedule/fsrs';
import { type DateLike, isRating, isRecalled, type Rating, type ReviewEvent, toIso } from '../schedule/types';
import { checkIso, describe, idProblem, isPlainObject, own, quote } from '../progress/event';

export type QuizMode = 'multiple-choice' | 'flashcards';
export const QUIZ_MODES: readonly QuizMode[] = ['multiple-choice', 'flashcards'];

export type QuizScope =
  | { kind: 'all' }
  | { kind: 'topic'; topic: TopicId }
  /** e.g. "what this file touches": the topics detected in the active editor. */
  | { kind: 'topics'; topics: TopicId[] }
  | { kind: 'due' }
  | { kind: 'weakest'; count?: number }
  /** An explicit list, e.g. "again with the missed ones". */
  | { kind: 'ids'; ids: string[] };

export interface QuizOption {
  /** The entry whose answer this summary is. */
  id: string;
  text: string;
}

export interface QuizItem {
  /** Canonical entry id. */
  id: string;
  question: string;
  /** Main topic (for the per-topic result). */
  topic: TopicId;
  topics: TopicId[];
  /** Multiple choice: four answer summaries, shuffled. */
  options?: QuizOption[];
  /** Multiple choice: index of the correct option. */
  correct?: number;
}

export interface QuizAnswer {
  rating: Rating;
  correct: boolean;
  /** Multiple choice: the option chosen. */
  choice?: number;
  at: string;
}

export interface QuizSession {
  format: 'django-coach.quiz';
  version: 1;
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
  /** Ended: past the last item or stopped (Esc). */
  finished: boolean;
}

export interface QuizStep {
  session: QuizSession;
  /** The review to record (applyReview) — absent when the action changed nothing. */
  event?: ReviewEvent;
}

export const MAX_QUIZ_LENGTH = 200;

/** A short title for a scope, e.g. for the quiz panel's heading. */
export function scopeLabel(scope: QuizScope): string {
  switch (scope.kind) {
    case 'all': return 'All topics';
    case 'topic': return topicLabel(scope.topic);
    case 'topics': return scope.topics.length === 1 ? topicLabel(scope.topics[0]) : `${scope.topics.length} topics`;
    case 'due': return 'Due for review';
    case 'weakest': return 'Weakest topics';
    case 'ids': return 'Selected questions';
  }
}

export function createSession(init: { id: string; mode: QuizMode; scope: QuizScope; seed: number; createdAt: DateLike; items: QuizItem[] }): QuizSession {
  return {
    format: 'django-coach.quiz',
    version: 1,
    id: init.id,
    mode: init.mode,
    scope: init.scope,
    seed: init.seed >>> 0,
    createdAt: toIso(init.createdAt),
    items: init.items,
    answers: init.items.map(() => null),
    index: 0,
    revealed: false,
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
    questionId: item.id,
    rating: answer.rating,
    at: answer.at,
    mode: session.mode,
  };
  return { session: { ...session, answers, revealed: session.mode === 'flashcards' ? true : session.revealed }, event };
}

/** Multiple choice: picks option `choice` (0-based). Ignored when finished, already answered or out of range. */
export function answerChoice(session: QuizSession, choice: number, now: DateLike): QuizStep {
  const item = currentItem(session);
  if (!item || session.mode !== 'multiple-choice' || isAnswered(session) || !item.options) return { session };
  if (!Number.isInteger(choice) || choice < 0 || choice >= item.options.length) return { session };
  const correct = choice === item.correct;
  return record(session, { rating: ratingForChoice(correct), correct, choice, at: toIso(now) });
}

/** Flashcards: shows the answer of the current card. */
export function reveal(session: QuizSession): QuizSession {
  if (!currentItem(session) || session.mode !== 'flashcards' || session.revealed) return session;
  return { ...session, revealed: true };
}

/** Flashcards: grades the current card Again/Hard/Good/Easy (1–4). Ignored when finished or already graded. */
export function gradeFlashcard(session: QuizSession, rating: Rating, now: DateLike): QuizStep {
  if (!currentItem(session) || session.mode !== 'flashcards' || isAnswered(session) || !isRating(rating)) return { session };
  return record(session, { rating, correct: isRecalled(rating), at: toIso(now) });
}

/** Moves to the next item (skipping the current one if unanswered); past the last, the quiz is finished. */
export function nextItem(session: QuizSession): QuizSession {
  if (session.finished) return session;
  const index = session.index + 1;
  return { ...session, index, revealed: false, finished: index >= session.items.length };
}

/** Ends the quiz now (Esc): the result counts what was answered. */
export function endQuiz(session: QuizSession): QuizSession {
  return session.finished ? session : { ...session, finished: true, revealed: false };
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
  /** Answered wrong (multiple choice) or graded Again (flashcards), in quiz order. */
  missed: { id: string; question: string; topic: TopicId }[];
  /** Not answered (skipped or the quiz was ended early). */
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
    } else missed.push({ id: item.id, question: item.question, topic: item.topic });
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

// ---------------------------------------------------------------------------------------------
// Restoring a session from webview state (untrusted: validated field by field)

const MAX_TEXT = 20_000;
const SESSION_FIELDS = new Set(['format', 'version', 'id', 'mode', 'scope', 'seed', 'createdAt', 'items', 'answers', 'index', 'revealed', 'finished']);

export function restoreSession(value: unknown): { session?: QuizSession; errors: string[] } {
  try {
    const errors = checkSession(typeof value === 'string' ? JSON.parse(value) : value);
    return errors.session ? { session: errors.session, errors: [] } : { errors: errors.problems };
  } catch (error) {
    return { errors: [`Quiz state could not be read: ${error instanceof Error ? error.message : String(error)}`] };
  }
}

function checkSession(v: unknown): { session?: QuizSession; problems: string[] } {
  const problems: string[] = [];
  if (!isPlainObject(v)) return { problems: [`quiz state must be an object, not ${describe(v)}`] };
  for (const key of Object.keys(v)) if (!SESSION_FIELDS.has(key)) problems.push(`unknown field ${quote(key)}`);
  if (own(v, 'format') !== 'django-coach.quiz' || own(v, 'version') !== 1) problems.push('not a version 1 quiz state');
  const id = own(v, 'id');
  if (idProblem(id)) problems.push(`id ${idProblem(id)}`);
  const mode = own(v, 'mode') as QuizMode;
  if (!QUIZ_MODES.includes(mode)) problems.push(`mode ${describe(mode)} is not one of ${QUIZ_MODES.join(', ')}`);
  const scopeProblem = checkScope(own(v, 'scope'));
  if (scopeProblem) problems.push(`scope ${scopeProblem}`);
  const seed = own(v, 'seed');
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) problems.push(`seed ${describe(seed)} is not a 32-bit unsigned integer`);
  const createdAt = checkIso(own(v, 'createdAt'));
  if (createdAt.problem) problems.push(`createdAt ${createdAt.problem}`);
  const items = own(v, 'items');
  const answers = own(v, 'answers');
  if (!Array.isArray(items) || items.length > MAX_QUIZ_LENGTH) problems.push(`items must be an array of at most ${MAX_QUIZ_LENGTH}, not ${describe(items)}`);
  else items.forEach((item, i) => { for (const p of checkItem(item, mode)) problems.push(`items[${i}]: ${p}`); });
  if (!Array.isArray(answers) || !Array.isArray(items) || answers.length !== items.length) problems.push('answers must be an array with one entry per item');
  else answers.forEach((a, i) => { for (const p of checkAnswer(a, items[i] as QuizItem, mode)) problems.push(`answers[${i}]: ${p}`); });
  const index = own(v, 'index');
  const count = Array.isArray(items) ? items.length : 0;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > count) problems.push(`index ${describe(index)} is out of range`);
  const revealed = own(v, 'revealed');
  const finished = own(v, 'finished');
  if (typeof revealed !== 'boolean') problems.push('revealed must be true or false');
  if (typeof finished !== 'boolean') problems.push('finished must be true or false');
  else if (!finished && index === count) problems.push('index is past the last item of an unfinished quiz');
  if (problems.length) return { problems: problems.slice(0, 25) };
  const s = v as unknown as QuizSession;
  return {
    problems,
    session: {
      format: 'django-coach.quiz', version: 1, id: s.id, mode: s.mode, scope: cloneScope(s.scope), seed: s.seed, createdAt: createdAt.iso!,
      items: s.items.map(i => ({ id: i.id, question: i.question, topic: i.topic, topics: [...i.topics], ...(i.options ? { options: i.options.map(o => ({ id: o.id, text: o.text })), correct: i.correct } : {}) })),
      answers: s.answers.map(a => (a ? { rating: a.rating, correct: a.correct, ...(a.choice !== undefined ? { choice: a.choice } : {}), at: checkIso(a.at).iso! } : null)),
      index: s.index, revealed: s.revealed, finished: s.finished,
    },
  };
}

function cloneScope(scope: QuizScope): QuizScope {
  switch (scope.kind) {
    case 'topic': return { kind: 'topic', topic: scope.topic };
    case 'topics': return { kind: 'topics', topics: [...scope.topics] };
    case 'weakest': return scope.count === undefined ? { kind: 'weakest' } : { kind: 'weakest', count: scope.count };
    case 'ids': return { kind: 'ids', ids: [...scope.ids] };
    default: return { kind: scope.kind };
  }
}

/** Why a value is not a quiz scope, or undefined. */
export function checkScope(v: unknown): string | undefined {
  if (!isPlainObject(v)) return `must be an object, not ${describe(v)}`;
  const kind = own(v, 'kind');
  const keys = Object.keys(v);
  const only = (...allowed: string[]) => keys.every(k => k === 'kind' || allowed.includes(k)) ? undefined : `has unknown fields for kind ${quote(String(kind))}`;
  switch (kind) {
    case 'all':
    case 'due':
      return only();
    case 'topic':
      return isTopicId(own(v, 'topic')) ? only('topic') : `topic ${describe(own(v, 'topic'))} is not a topic id`;
    case 'topics': {
      const topics = own(v, 'topics');
      if (!Array.isArray(topics) || topics.length === 0 || topics.length > 40 || !topics.every(isTopicId)) return 'topics must be a non-empty list of topic ids';
      return only('topics');
    }
    case 'weakest': {
      const count = own(v, 'count');
      if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 40)) return `count ${describe(count)} must be 1–40`;
      return only('count');
    }
    case 'ids': {
      const ids = own(v, 'ids');
      if (!Array.isArray(ids) || ids.length > MAX_QUIZ_LENGTH || ids.some(id => idProblem(id))) return `ids must be a list of at most ${MAX_QUIZ_LENGTH} question ids`;
      return only('ids');
    }
    default:
      return `kind ${describe(kind)} is not one of all, topic, topics, due, weakest, ids`;
  }
}

function checkItem(item: unknown, mode: QuizMode): string[] {
  if (!isPlainObject(item)) return [`must be an object, not ${describe(item)}`];
  const p: string[] = [];
  for (const key of Object.keys(item)) if (!['id', 'question', 'topic', 'topics', 'options', 'correct'].includes(key)) p.push(`unknown field ${quote(key)}`);
  const id = own(item, 'id');
  if (idProblem(id)) p.push(`id ${idProblem(id)}`);
  const question = own(item, 'question');
  if (typeof question !== 'string' || question.length > MAX_TEXT) p.push('question must be a string');
  if (!isTopicId(own(item, 'topic'))) p.push(`topic ${describe(own(item, 'topic'))} is not a topic id`);
  const topics = own(item, 'topics');
  if (!Array.isArray(topics) || topics.length > 3 || !topics.every(isTopicId)) p.push('topics must be a list of up to 3 topic ids');
  const options = own(item, 'options');
  const correct = own(item, 'correct');
  if (mode === 'multiple-choice') {
    if (!Array.isArray(options) || options.length < 2 || options.length > 6) p.push('options must be a list of 2–6 options');
    else {
      options.forEach((o, i) => {
        if (!isPlainObject(o) || Object.keys(o).some(k => k !== 'id' && k !== 'text') || idProblem(own(o, 'id')) || typeof own(o, 'text') !== 'string' || (own(o, 'text') as string).length > MAX_TEXT) p.push(`options[${i}] must be { id, text }`);
      });
      if (typeof correct !== 'number' || !Number.isInteger(correct) || correct < 0 || correct >= options.length) p.push(`correct ${describe(correct)} is not an option index`);
    }
  } else if (options !== undefined || correct !== undefined) p.push('flashcards have no options');
  return p;
}

function checkAnswer(a: unknown, item: QuizItem, mode: QuizMode): string[] {
  if (a === null) return [];
  if (!isPlainObject(a)) return [`must be null or an object, not ${describe(a)}`];
  const p: string[] = [];
  for (const key of Object.keys(a)) if (!['rating', 'correct', 'choice', 'at'].includes(key)) p.push(`unknown field ${quote(key)}`);
  const rating = own(a, 'rating');
  const correct = own(a, 'correct');
  const choice = own(a, 'choice');
  if (!isRating(rating)) p.push(`rating ${describe(rating)} is not 1–4`);
  if (typeof correct !== 'boolean') p.push('correct must be true or false');
  const at = checkIso(own(a, 'at'));
  if (at.problem) p.push(`at ${at.problem}`);
  if (mode === 'multiple-choice') {
    const count = isPlainObject(item) && Array.isArray(item.options) ? item.options.length : 0;
    if (typeof choice !== 'number' || !Number.isInteger(choice) || choice < 0 || choice >= count) p.push(`choice ${describe(choice)} is not an option index`);
    else if (correct !== (choice === item.correct) || rating !== ratingForChoice(choice === item.correct)) p.push('does not match the correct option');
  } else {
    if (choice !== undefined) p.push('flashcards have no choice');
    if (isRating(rating) && correct !== isRecalled(rating)) p.push('correct does not match the rating');
  }
  return p;
}
