// Restoring a quiz in progress from webview state after a window reload. The state is untrusted (it
// went through the webview): every field is checked, unknown ones refused, and the clean session is a
// fresh object. A session saved by 0.1.0 (version 1) continues when it is a flashcard quiz; its
// multiple-choice items were answer summaries, which no longer exist, so such a quiz ends with a reason.
import { isTopicId } from '../taxonomy';
import { ratingForChoice } from '../schedule/fsrs';
import { isRating, isRecalled } from '../schedule/types';
import { checkIso, describe, idProblem, isPlainObject, own, quote } from '../progress/event';
import { CHOICE_KINDS, MAX_QUIZ_LENGTH, OPTIONS_PER_ITEM, QUIZ_MODES, type QuizAnswer, type QuizItem, type QuizMode, type QuizScope, type QuizSession, SESSION_VERSION } from './session';

const MAX_TEXT = 20_000;
const MAX_POINTS = 20;
const SESSION_FIELDS = new Set(['format', 'version', 'id', 'mode', 'scope', 'seed', 'createdAt', 'items', 'answers', 'index', 'revealed', 'ticked', 'finished']);
const ITEM_FIELDS = new Set(['kind', 'id', 'questionId', 'question', 'topic', 'topics', 'order', 'correct', 'points', 'pitfall']);
const PITFALL_FIELDS = new Set(['insightId', 'path', 'line', 'message', 'firstLine', 'lines']);
const MAX_PITFALL_LINES = 40;
const ANSWER_FIELDS = new Set(['rating', 'correct', 'choice', 'covered', 'at']);

export interface RestoredSession {
  session?: QuizSession;
  /** Why nothing was restored (empty when a session was). */
  errors: string[];
  /** Set when the state is a well-formed quiz of an earlier version that cannot continue: say this to the user. */
  retired?: string;
}

export const RETIRED_MULTIPLE_CHOICE = 'The quiz in progress came from an earlier version, whose multiple-choice options were answer summaries; those are gone, so it cannot continue. The answers you gave were saved.';

/**
 * `keyPoints` tells how many key points a question has, for flashcards saved by 0.1.0 (their
 * items did not record it); without it they continue without a checklist.
 */
export function restoreSession(value: unknown, keyPoints: (questionId: string) => number = () => 0): RestoredSession {
  try {
    const v: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    if (isPlainObject(v) && own(v, 'format') === 'django-coach.quiz' && own(v, 'version') === 1) return fromVersion1(v, keyPoints);
    const checked = checkSession(v);
    return checked.session ? { session: checked.session, errors: [] } : { errors: checked.problems };
  } catch (error) {
    return { errors: [`Quiz state could not be read: ${error instanceof Error ? error.message : String(error)}`] };
  }
}

function fromVersion1(v: Record<string, unknown>, keyPoints: (questionId: string) => number): RestoredSession {
  if (own(v, 'mode') === 'multiple-choice') return { errors: [RETIRED_MULTIPLE_CHOICE], retired: RETIRED_MULTIPLE_CHOICE };
  const items = own(v, 'items');
  const upgraded: Record<string, unknown> = {
    ...v,
    version: SESSION_VERSION,
    ticked: [],
    items: Array.isArray(items)
      ? items.map(item => {
        if (!isPlainObject(item)) return item;
        const id = own(item, 'id');
        const points = typeof id === 'string' && !idProblem(id) ? keyPoints(id) : 0;
        return { ...item, kind: 'card', questionId: id, points: Number.isInteger(points) && points >= 0 && points <= MAX_POINTS ? points : 0 };
      })
      : items,
  };
  const checked = checkSession(upgraded);
  return checked.session ? { session: checked.session, errors: [] } : { errors: checked.problems };
}

function checkSession(v: unknown): { session?: QuizSession; problems: string[] } {
  const problems: string[] = [];
  if (!isPlainObject(v)) return { problems: [`quiz state must be an object, not ${describe(v)}`] };
  for (const key of Object.keys(v)) if (!SESSION_FIELDS.has(key)) problems.push(`unknown field ${quote(key)}`);
  if (own(v, 'format') !== 'django-coach.quiz' || own(v, 'version') !== SESSION_VERSION) problems.push(`not a version ${SESSION_VERSION} quiz state`);
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
  const ticked = own(v, 'ticked');
  const points = Array.isArray(items) && typeof index === 'number' && isPlainObject(items[index]) ? own(items[index] as Record<string, unknown>, 'points') : 0;
  if (!Array.isArray(ticked) || ticked.some((t, i) => !Number.isInteger(t) || t < 0 || t >= (typeof points === 'number' ? points : 0) || (i > 0 && t <= ticked[i - 1]))) {
    problems.push('ticked must list key points of the current card in ascending order');
  }
  if (problems.length) return { problems: problems.slice(0, 25) };
  const s = v as unknown as QuizSession;
  return {
    problems,
    session: {
      format: 'django-coach.quiz', version: SESSION_VERSION, id: s.id, mode: s.mode, scope: cloneScope(s.scope), seed: s.seed, createdAt: createdAt.iso!,
      items: s.items.map(cloneItem),
      answers: s.answers.map(a => (a ? cloneAnswer(a) : null)),
      index: s.index, revealed: s.revealed, ticked: [...s.ticked], finished: s.finished,
    },
  };
}

function cloneItem(i: QuizItem): QuizItem {
  return {
    kind: i.kind, id: i.id, questionId: i.questionId, question: i.question, topic: i.topic, topics: [...i.topics],
    ...(i.order ? { order: [...i.order], correct: i.correct } : {}),
    ...(i.points !== undefined ? { points: i.points } : {}),
    ...(i.pitfall ? { pitfall: { ...i.pitfall, lines: [...i.pitfall.lines] } } : {}),
  };
}

function cloneAnswer(a: QuizAnswer): QuizAnswer {
  return {
    rating: a.rating, correct: a.correct,
    ...(a.choice !== undefined ? { choice: a.choice } : {}),
    ...(a.covered !== undefined ? { covered: a.covered } : {}),
    at: checkIso(a.at).iso!,
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
    case 'pitfalls':
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
      return `kind ${describe(kind)} is not one of all, topic, topics, due, weakest, ids, pitfalls`;
  }
}

function checkItem(item: unknown, mode: QuizMode): string[] {
  if (!isPlainObject(item)) return [`must be an object, not ${describe(item)}`];
  const p: string[] = [];
  for (const key of Object.keys(item)) if (!ITEM_FIELDS.has(key)) p.push(`unknown field ${quote(key)}`);
  const kind = own(item, 'kind');
  const choice = CHOICE_KINDS.includes(kind as never);
  if (mode === 'multiple-choice' ? !choice : kind !== 'card') p.push(`kind ${describe(kind)} does not belong in a ${mode} quiz`);
  for (const key of ['id', 'questionId']) {
    const problem = idProblem(own(item, key));
    if (problem) p.push(`${key} ${problem}`);
  }
  const question = own(item, 'question');
  if (typeof question !== 'string' || question.length > MAX_TEXT) p.push('question must be a string');
  if (!isTopicId(own(item, 'topic'))) p.push(`topic ${describe(own(item, 'topic'))} is not a topic id`);
  const topics = own(item, 'topics');
  if (!Array.isArray(topics) || topics.length > 3 || !topics.every(isTopicId)) p.push('topics must be a list of up to 3 topic ids');
  const order = own(item, 'order');
  const correct = own(item, 'correct');
  const points = own(item, 'points');
  if (choice) {
    const isPermutation = Array.isArray(order) && order.length === OPTIONS_PER_ITEM && [...order].sort().every((o, i) => o === i);
    if (!isPermutation) p.push(`order must be an order of the ${OPTIONS_PER_ITEM} options`);
    if (typeof correct !== 'number' || !Number.isInteger(correct) || correct < 0 || correct >= OPTIONS_PER_ITEM) p.push(`correct ${describe(correct)} is not an option index`);
    if (points !== undefined) p.push('a multiple-choice item has no key points');
  } else {
    if (order !== undefined || correct !== undefined) p.push('flashcards have no options');
    if (points !== undefined && (typeof points !== 'number' || !Number.isInteger(points) || points < 0 || points > MAX_POINTS)) p.push(`points ${describe(points)} must be 0–${MAX_POINTS}`);
  }
  const pitfall = own(item, 'pitfall');
  if (pitfall !== undefined) {
    if (choice) p.push('a multiple-choice item has no pitfall');
    else p.push(...checkPitfall(pitfall).map(problem => `pitfall ${problem}`));
  }
  return p;
}

function checkPitfall(v: unknown): string[] {
  if (!isPlainObject(v)) return [`must be an object, not ${describe(v)}`];
  const p: string[] = [];
  for (const key of Object.keys(v)) if (!PITFALL_FIELDS.has(key)) p.push(`has unknown field ${quote(key)}`);
  const insightId = own(v, 'insightId');
  if (typeof insightId !== 'string' || !/^DJC\d{3}$/.test(insightId)) p.push(`insightId ${describe(insightId)} is not an insight id`);
  const path = own(v, 'path');
  if (typeof path !== 'string' || path.length === 0 || path.length > 1000) p.push('path must be a file path');
  for (const key of ['line', 'firstLine']) {
    const n = own(v, key);
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) p.push(`${key} ${describe(n)} is not a line number`);
  }
  const message = own(v, 'message');
  if (typeof message !== 'string' || message.length > MAX_TEXT) p.push('message must be a string');
  const lines = own(v, 'lines');
  if (!Array.isArray(lines) || lines.length > MAX_PITFALL_LINES || !lines.every(l => typeof l === 'string' && l.length <= 1000)) p.push(`lines must be at most ${MAX_PITFALL_LINES} lines of code`);
  return p;
}

function checkAnswer(a: unknown, item: QuizItem, mode: QuizMode): string[] {
  if (a === null) return [];
  if (!isPlainObject(a)) return [`must be null or an object, not ${describe(a)}`];
  const p: string[] = [];
  for (const key of Object.keys(a)) if (!ANSWER_FIELDS.has(key)) p.push(`unknown field ${quote(key)}`);
  const rating = own(a, 'rating');
  const correct = own(a, 'correct');
  const choice = own(a, 'choice');
  const covered = own(a, 'covered');
  if (!isRating(rating)) p.push(`rating ${describe(rating)} is not 1–4`);
  if (typeof correct !== 'boolean') p.push('correct must be true or false');
  const at = checkIso(own(a, 'at'));
  if (at.problem) p.push(`at ${at.problem}`);
  if (mode === 'multiple-choice') {
    if (typeof choice !== 'number' || !Number.isInteger(choice) || choice < 0 || choice >= OPTIONS_PER_ITEM) p.push(`choice ${describe(choice)} is not an option index`);
    else if (isPlainObject(item) && (correct !== (choice === item.correct) || rating !== ratingForChoice(choice === item.correct))) p.push('does not match the correct option');
    if (covered !== undefined) p.push('multiple choice has no key points');
  } else {
    if (choice !== undefined) p.push('flashcards have no choice');
    if (isRating(rating) && correct !== isRecalled(rating)) p.push('correct does not match the rating');
    const points = isPlainObject(item) && typeof item.points === 'number' ? item.points : 0;
    if (covered !== undefined && (typeof covered !== 'number' || !Number.isInteger(covered) || covered < 0 || covered > points)) p.push(`covered ${describe(covered)} is more than the card's key points`);
  }
  return p;
}
