// Quiz generation: pick questions for a scope, build multiple-choice options from answer
// summaries (distractors from the same topic first), all driven by a seed.
import type { Library } from '../library';
import { isTopicId, TOPICS, type TopicId } from '../taxonomy';
import type { Entry } from '../types';
import type { DayOptions } from '../schedule/days';
import { type DateLike, toMs } from '../schedule/types';
import { emptyProgress, type Progress } from '../progress/model';
import { questionMastery, reviewSummary } from '../progress/review';
import { createRng, randomSeed, type Rng, seedFrom } from './random';
import { checkScope, createSession, MAX_QUIZ_LENGTH, QUIZ_MODES, type QuizItem, type QuizMode, type QuizOption, type QuizScope, type QuizSession } from './session';
import { entrySummary, nearDuplicate } from './summary';

export interface QuizRequest {
  scope: QuizScope;
  mode: QuizMode;
  /** Number of questions (clamped to 1–200; fewer when the scope has fewer). */
  length: number;
  /** Same seed + same library + same progress → same quiz. Random when omitted. */
  seed?: number | string;
  now?: DateLike;
  /** Needed by the `due` and `weakest` scopes (empty progress otherwise). */
  progress?: Progress;
  /** Daily new-card limit for the `due` scope (default 20). */
  newCardLimit?: number;
  day?: DayOptions;
  /** Session id (default from the creation time and seed). */
  sessionId?: string;
}

export interface QuizBuild {
  session: QuizSession;
  /** Questions the scope offered before mode filtering. */
  poolSize: number;
  excluded: {
    /** Multiple choice: questions whose guide gives no answer. */
    noAnswer: number;
    /** Multiple choice: questions for which three distinct distractors could not be found. */
    noDistractors: number;
  };
  /** Why the quiz is empty, for the user (set only when there are no items). */
  empty?: string;
}

export const DEFAULT_NEW_CARD_LIMIT = 20;
export const OPTIONS_PER_QUESTION = 4;

/** Usable in multiple choice: the guide gives an answer that summarises to some text. */
export function hasChoiceAnswer(entry: Entry): boolean {
  return hasAnswerText(entry) && entrySummary(entry) !== '';
}

/** Cheap pre-check (no Markdown parsing): the guide gives an answer. */
export function hasAnswerText(entry: Entry): boolean {
  return entry.hasAnswer && /\S/.test(entry.answer);
}

export function generateQuiz(library: Library, request: QuizRequest): QuizBuild {
  const seed = request.seed === undefined ? randomSeed() : seedFrom(request.seed);
  const rng = createRng(seed);
  const now = toMs(request.now ?? Date.now());
  const mode = request.mode;
  const length = Math.max(1, Math.min(MAX_QUIZ_LENGTH, Number.isFinite(request.length) ? Math.floor(request.length) : 10));
  const scopeProblem = checkScope(request.scope);
  const badMode = !QUIZ_MODES.includes(mode);
  if (scopeProblem || badMode) {
    // Requests may come from a webview message: refuse bad ones with a reason instead of throwing.
    const session = createSession({ id: request.sessionId ?? `${now.toString(36)}-${seed.toString(36)}`, mode: badMode ? 'flashcards' : mode, scope: { kind: 'all' }, seed, createdAt: now, items: [] });
    return { session, poolSize: 0, excluded: { noAnswer: 0, noDistractors: 0 }, empty: badMode ? `Unknown quiz mode ${JSON.stringify(String(mode))}.` : `Invalid quiz scope: ${scopeProblem}.` };
  }
  const { entries, ordered, empty: scopeEmpty } = scopePool(library, request, now);

  const excluded = { noAnswer: 0, noDistractors: 0 };
  const candidates = ordered ? entries : lazyShuffle(entries, rng);
  const items: QuizItem[] = [];
  for (const entry of candidates) {
    if (items.length >= length) break;
    if (mode === 'flashcards') {
      items.push(itemOf(entry));
      continue;
    }
    if (!hasChoiceAnswer(entry)) {
      excluded.noAnswer++;
      continue;
    }
    const choice = buildChoices(library, entry, rng);
    if (!choice) {
      excluded.noDistractors++;
      continue;
    }
    items.push({ ...itemOf(entry), ...choice });
  }
  // Answerless questions beyond the ones met before the quiz was full still count, for the message.
  if (mode === 'multiple-choice') excluded.noAnswer = Math.max(excluded.noAnswer, entries.filter(e => !hasAnswerText(e)).length);
  const finalItems = ordered ? rng.shuffle(items) : items;

  const session = createSession({
    id: request.sessionId ?? `${now.toString(36)}-${seed.toString(36)}`,
    mode,
    scope: JSON.parse(JSON.stringify(request.scope)) as QuizScope,
    seed,
    createdAt: now,
    items: finalItems,
  });
  const build: QuizBuild = { session, poolSize: entries.length, excluded };
  if (!finalItems.length) {
    build.empty = scopeEmpty
      ?? (mode === 'multiple-choice' && excluded.noAnswer === entries.length
        ? `None of the ${entries.length} question(s) in this scope has an answer in its guide, so multiple choice cannot use them: try flashcards.`
        : 'No question in this scope has enough different answers nearby to make multiple choice: try flashcards.');
  }
  return build;
}

/** "Again with the missed ones": a new quiz, same mode, over the questions missed in `session`. */
export function retryMissed(library: Library, session: QuizSession, options: { seed?: number | string; now?: DateLike } = {}): QuizBuild {
  const missed = session.items.filter((_, i) => session.answers[i] && !session.answers[i]!.correct).map(i => i.id);
  return generateQuiz(library, {
    scope: { kind: 'ids', ids: missed },
    mode: session.mode,
    length: Math.max(1, missed.length),
    seed: options.seed ?? (session.seed + 1) >>> 0,
    now: options.now,
  });
}

function itemOf(entry: Entry): QuizItem {
  return { id: entry.id, question: entry.question, topic: entry.topics[0], topics: [...entry.topics] };
}

/**
 * The questions a scope offers. `ordered` scopes (due, weakest) come in priority order and are cut
 * to length before shuffling; the others are sampled at random.
 */
export function scopePool(library: Library, request: QuizRequest, now: number): { entries: Entry[]; ordered: boolean; empty?: string } {
  const scope = request.scope;
  const progress = request.progress ?? emptyProgress();
  switch (scope.kind) {
    case 'all':
      return withEmpty(library.canonical(), false, 'The library has no questions yet.');
    case 'topic':
      return withEmpty(isTopicId(scope.topic) ? library.byTopic(scope.topic) : [], false, 'This topic has no questions.');
    case 'topics': {
      const seen = new Set<string>();
      const entries: Entry[] = [];
      for (const topic of scope.topics) {
        if (!isTopicId(topic)) continue;
        for (const e of library.byTopic(topic)) if (!seen.has(e.id)) seen.add(e.id), entries.push(e);
      }
      return withEmpty(entries, false, 'None of these topics has questions.');
    }
    case 'ids': {
      const seen = new Set<string>();
      const entries: Entry[] = [];
      for (const id of scope.ids) {
        let entry = library.get(id);
        if (entry?.canonicalId) entry = library.get(entry.canonicalId);
        if (entry && !seen.has(entry.id)) seen.add(entry.id), entries.push(entry);
      }
      return withEmpty(entries, false, 'None of these questions is in the library any more.');
    }
    case 'due': {
      const summary = reviewSummary(library, progress, now, {
        newCardLimit: request.newCardLimit ?? DEFAULT_NEW_CARD_LIMIT,
        day: request.day,
        eligibleNew: request.mode === 'multiple-choice' ? hasAnswerText : undefined,
      });
      const entries = [...summary.dueToday, ...summary.newToday].map(id => library.get(id)).filter((e): e is Entry => !!e);
      return withEmpty(entries, true, `Nothing is due for review and today's new questions are done. Due tomorrow: ${summary.dueTomorrow + summary.newTomorrow}.`);
    }
    case 'weakest': {
      const summary = reviewSummary(library, progress, now, { newCardLimit: 0, weakestCount: scope.count ?? 3, day: request.day });
      const seen = new Set<string>();
      const entries: Entry[] = [];
      for (const t of summary.weakestTopics) for (const e of library.byTopic(t.topic)) if (!seen.has(e.id)) seen.add(e.id), entries.push(e);
      const mastery = questionMastery(library, progress, entries.map(e => e.id), now);
      const started = new Set(Object.keys(progress.cards));
      // Weakest known questions first, then the topic's questions not yet studied (library order).
      const order = (e: Entry) => (started.has(e.id) ? mastery.get(e.id)! : 2);
      const sorted = entries.map((e, i) => ({ e, i })).sort((a, b) => order(a.e) - order(b.e) || a.i - b.i).map(x => x.e);
      return withEmpty(sorted, true, 'No topic has been studied yet: weakest topics come from your answers, so take a quiz first.');
    }
    default:
      return withEmpty([], false, 'Unknown quiz scope.');
  }
}

function withEmpty(entries: Entry[], ordered: boolean, message: string): { entries: Entry[]; ordered: boolean; empty?: string } {
  return entries.length ? { entries, ordered } : { entries, ordered, empty: message };
}

// ---------------------------------------------------------------------------------------------
// Multiple-choice options

/**
 * Four options for `entry`: its answer summary and three distractors. Distractors come from other
 * questions of the same main topic first, then questions sharing any of its topics, then the topics
 * that most often appear together with its main topic in the library, then anything. Never the
 * question's own variants or the questions asked alike (their answers would be right too), never two
 * options with the same or near-identical text.
 */
export function buildChoices(library: Library, entry: Entry, rng: Rng): { options: QuizOption[]; correct: number } | undefined {
  const answer = entrySummary(entry);
  if (!answer) return undefined;
  const alike = library.alsoAskedAs(entry);
  const forbidden = new Set<string>([entry.id, ...alike.map(e => e.id)]);
  const avoid = [answer, ...alike.map(v => (v.hasAnswer ? entrySummary(v) : '')).filter(Boolean)];
  const chosen: QuizOption[] = [];
  const tried = new Set<string>();
  for (const tier of distractorTiers(library, entry)) {
    for (const candidate of lazyShuffle(tier(), rng)) {
      if (chosen.length === OPTIONS_PER_QUESTION - 1) break;
      if (tried.has(candidate.id) || forbidden.has(candidate.id) || candidate.canonicalId === entry.id) continue;
      tried.add(candidate.id);
      if (candidate.canonicalId || !candidate.hasAnswer) continue;
      const text = entrySummary(candidate);
      if (!text || avoid.some(a => nearDuplicate(a, text)) || chosen.some(c => nearDuplicate(c.text, text))) continue;
      chosen.push({ id: candidate.id, text });
    }
    if (chosen.length === OPTIONS_PER_QUESTION - 1) break;
  }
  if (chosen.length < OPTIONS_PER_QUESTION - 1) return undefined;
  const options = rng.shuffle([{ id: entry.id, text: answer }, ...chosen]);
  return { options, correct: options.findIndex(o => o.id === entry.id) };
}

/** Candidate pools in order of preference, each computed only when reached. */
function distractorTiers(library: Library, entry: Entry): (() => readonly Entry[])[] {
  const main = entry.topics[0];
  const tiers: (() => readonly Entry[])[] = [
    () => library.byTopic(main).filter(e => e.topics[0] === main),
    () => [...library.byTopic(main), ...entry.topics.slice(1).flatMap(t => library.byTopic(t))],
  ];
  for (const related of relatedTopics(library, main)) if (!entry.topics.includes(related)) tiers.push(() => library.byTopic(related));
  tiers.push(() => library.canonical());
  return tiers;
}

/** Yields the items in random order, shuffling only as far as it is consumed. */
function* lazyShuffle<T>(items: readonly T[], rng: Rng): Generator<T> {
  const a = [...items];
  for (let i = 0; i < a.length; i++) {
    const j = i + rng.int(a.length - i);
    [a[i], a[j]] = [a[j], a[i]];
    yield a[i];
  }
}

const relatedCache = new WeakMap<Library, Map<TopicId, TopicId[]>>();

/** Topics that co-occur with `topic` on the library's questions, most often first (the "closest" topics). */
export function relatedTopics(library: Library, topic: TopicId): TopicId[] {
  let table = relatedCache.get(library);
  if (!table) {
    const counts = new Map<TopicId, Map<TopicId, number>>();
    for (const e of library.canonical()) {
      for (const a of e.topics) {
        for (const b of e.topics) {
          if (a === b) continue;
          const row = counts.get(a) ?? new Map<TopicId, number>();
          row.set(b, (row.get(b) ?? 0) + 1);
          counts.set(a, row);
        }
      }
    }
    const order = new Map<TopicId, number>(TOPICS.map((t, i) => [t.id, i]));
    table = new Map();
    for (const [a, row] of counts) table.set(a, [...row.entries()].sort((x, y) => y[1] - x[1] || order.get(x[0])! - order.get(y[0])!).map(([b]) => b));
    relatedCache.set(library, table);
  }
  return table.get(topic) ?? [];
}
