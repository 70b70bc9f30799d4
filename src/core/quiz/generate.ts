// Quiz generation: the guide questions a scope offers, then for multiple choice the reviewed bank and
// cloze items that drill them, for flashcards the questions themselves. All driven by a seed.
import type { Library } from '../library';
import { isTopicId } from '../taxonomy';
import type { Entry } from '../types';
import type { DayOptions } from '../schedule/days';
import { type DateLike, toMs } from '../schedule/types';
import { emptyProgress, type Progress } from '../progress/model';
import { questionMastery, reviewSummary } from '../progress/review';
import type { CuratedContent } from '../content/curated';
import { createRng, randomSeed, type Rng, seedFrom } from './random';
import { checkScope } from './restore';
import { cardItem, choiceItem, type DrillIndex, type DrillItem, drillIndex } from './items';
import { createSession, MAX_QUIZ_LENGTH, QUIZ_MODES, type QuizItem, type QuizMode, type QuizScope, type QuizSession } from './session';

export interface QuizRequest {
  scope: QuizScope;
  mode: QuizMode;
  /** Number of items (clamped to 1–200; fewer when the scope has fewer). */
  length: number;
  /** Same seed + same library, content and progress → same quiz. Random when omitted. */
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
  /** Guide questions the scope offered. */
  poolSize: number;
  /** Multiple choice: how many of those questions no bank or cloze item drills. */
  withoutItems: number;
  /** Why the quiz is empty, for the user (set only when there are no items). */
  empty?: string;
  /** Set when the scope has questions but no multiple-choice items: flashcards would work. */
  offerFlashcards?: boolean;
}

export const DEFAULT_NEW_CARD_LIMIT = 20;

export function generateQuiz(library: Library, content: CuratedContent, request: QuizRequest): QuizBuild {
  const seed = request.seed === undefined ? randomSeed() : seedFrom(request.seed);
  const rng = createRng(seed);
  const now = toMs(request.now ?? Date.now());
  const mode = request.mode;
  const length = Math.max(1, Math.min(MAX_QUIZ_LENGTH, Number.isFinite(request.length) ? Math.floor(request.length) : 10));
  const sessionId = request.sessionId ?? `${now.toString(36)}-${seed.toString(36)}`;
  const scopeProblem = checkScope(request.scope);
  const badMode = !QUIZ_MODES.includes(mode);
  if (scopeProblem || badMode) {
    // Requests may come from a webview message: refuse bad ones with a reason instead of throwing.
    const session = createSession({ id: sessionId, mode: badMode ? 'flashcards' : mode, scope: { kind: 'all' }, seed, createdAt: now, items: [] });
    return { session, poolSize: 0, withoutItems: 0, empty: badMode ? `Unknown quiz mode ${JSON.stringify(String(mode))}.` : `Invalid quiz scope: ${scopeProblem}.` };
  }
  const drills = drillIndex(library, content);
  const { entries, ordered, empty: scopeEmpty } = scopePool(library, request, now, mode === 'multiple-choice' ? drills : undefined);
  let items: QuizItem[];
  let withoutItems = 0;
  if (mode === 'flashcards') {
    items = (ordered ? entries.slice(0, length) : lazyTake(entries, length, rng)).map(e => cardItem(e, content));
  } else {
    withoutItems = entries.filter(e => !drills.byQuestion.has(e.id)).length;
    items = (ordered ? orderedChoices(entries, drills, length, rng) : sampledChoices(entries, drills, length, rng)).map(d => choiceItem(library, d, rng));
  }
  const finalItems = ordered ? rng.shuffle(items) : items;
  const session = createSession({ id: sessionId, mode, scope: JSON.parse(JSON.stringify(request.scope)) as QuizScope, seed, createdAt: now, items: finalItems });
  const build: QuizBuild = { session, poolSize: entries.length, withoutItems };
  if (!finalItems.length) {
    if (scopeEmpty) build.empty = scopeEmpty;
    else {
      const which = entries.length === 1 ? 'The question in this scope has no' : `None of the ${entries.length} questions in this scope has a`;
      build.empty = `${which} multiple-choice item yet. Flashcards work for every question.`;
      build.offerFlashcards = true;
    }
  }
  return build;
}

/**
 * Items for an unordered scope, sampled at random: first one item per guide question (so a short quiz
 * spreads over the scope), then the remaining items of those questions.
 */
function sampledChoices(entries: readonly Entry[], drills: DrillIndex, length: number, rng: Rng): DrillItem[] {
  const inScope = new Set(entries.map(e => e.id));
  const candidates = drills.items.filter(d => d.drills.some(q => inScope.has(q)));
  const shuffled = rng.shuffle(candidates);
  const picked: DrillItem[] = [];
  const covered = new Set<string>();
  for (const d of shuffled) {
    if (picked.length >= length) break;
    if (covered.has(d.card)) continue;
    covered.add(d.card);
    picked.push(d);
  }
  for (const d of shuffled) {
    if (picked.length >= length) break;
    if (!picked.includes(d)) picked.push(d);
  }
  return picked;
}

/** Items for a scope in priority order (due, weakest): per question, an item recorded on its card first, else one that drills it. */
function orderedChoices(entries: readonly Entry[], drills: DrillIndex, length: number, rng: Rng): DrillItem[] {
  const picked: DrillItem[] = [];
  for (const entry of entries) {
    if (picked.length >= length) break;
    const own = (drills.byCard.get(entry.id) ?? []).filter(d => !picked.includes(d));
    const other = (drills.byQuestion.get(entry.id) ?? []).filter(d => !picked.includes(d));
    const choices = own.length ? own : other;
    if (choices.length) picked.push(choices[rng.int(choices.length)]);
  }
  return picked;
}

/** "Again with the missed ones": the items answered wrong (or cards graded Again), in a new order with their options reshuffled. */
export function retryMissed(session: QuizSession, options: { seed?: number | string; now?: DateLike } = {}): QuizBuild {
  const seed = options.seed === undefined ? (session.seed + 1) >>> 0 : seedFrom(options.seed);
  const rng = createRng(seed);
  const now = toMs(options.now ?? Date.now());
  const missed = session.items.filter((_, i) => session.answers[i] && !session.answers[i]!.correct);
  const items = rng.shuffle(missed).map(item => {
    const copy: QuizItem = { ...item, topics: [...item.topics] };
    if (item.order) {
      const right = item.order[item.correct!];
      copy.order = rng.shuffle(item.order);
      copy.correct = copy.order.indexOf(right);
    }
    return copy;
  });
  const ids = [...new Set(missed.map(i => i.questionId))].slice(0, MAX_QUIZ_LENGTH);
  const next = createSession({ id: `${now.toString(36)}-${seed.toString(36)}`, mode: session.mode, scope: { kind: 'ids', ids }, seed, createdAt: now, items });
  return { session: next, poolSize: ids.length, withoutItems: 0, ...(items.length ? {} : { empty: 'Nothing was missed.' }) };
}

/**
 * The guide questions a scope offers. `ordered` scopes (due, weakest) come in priority order and are
 * cut to length before shuffling; the others are sampled at random. For multiple choice (`drills`
 * given), the due scope offers as new cards only questions that have an item recorded on their card.
 */
export function scopePool(library: Library, request: QuizRequest, now: number, drills?: DrillIndex): { entries: Entry[]; ordered: boolean; empty?: string } {
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
        eligibleNew: drills ? (e: Entry) => drills.byCard.has(e.id) : undefined,
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
    case 'pitfalls':
      // Its items come from a workspace scan (pitfallQuiz in ./pitfalls), not from the library.
      return withEmpty([], false, 'The pitfalls quiz is built from a scan of the workspace: choose "Pitfalls in this workspace" in Start Quiz.');
    default:
      return withEmpty([], false, 'Unknown quiz scope.');
  }
}

function withEmpty(entries: Entry[], ordered: boolean, message: string): { entries: Entry[]; ordered: boolean; empty?: string } {
  return entries.length ? { entries, ordered } : { entries, ordered, empty: message };
}

/** `n` items in random order, shuffling only as far as needed. */
function lazyTake<T>(items: readonly T[], n: number, rng: Rng): T[] {
  const a = [...items];
  const count = Math.min(n, a.length);
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(a.length - i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, count);
}
