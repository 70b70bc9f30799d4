// The "pitfalls in this workspace" quiz (issue 14): one flashcard per insight finding in the user's own
// code. The front shows the user's lines and the interviewer's question; the back, the insight's
// problem and fix with links to the guide answers. Each grade is recorded on the card of the insight's
// first guide question that the library has, so the pitfall is scheduled and counted for mastery with
// the question it drills (the Review view, the due count and weakest topics all see it) rather than on
// a card of its own that nothing else in the extension would know about.
import { insightById } from '../insights/index';
import type { WorkspaceFinding } from '../insights/workspace';
import type { Library } from '../library';
import { type DateLike, toMs } from '../schedule/types';
import type { QuizBuild } from './generate';
import { canonicalOf } from './items';
import { createRng, randomSeed, type Rng, seedFrom } from './random';
import { createSession, MAX_QUIZ_LENGTH, type QuizItem } from './session';

export interface PitfallQuizRequest {
  /** Number of items (clamped to 1–200; fewer when there are fewer findings). */
  length: number;
  seed?: number | string;
  now?: DateLike;
  sessionId?: string;
  /** How many Python files the scan read (for the message when nothing was found). */
  filesScanned?: number;
}

/** A flashcards session over the findings, or an empty build that says why. */
export function pitfallQuiz(library: Library, findings: readonly WorkspaceFinding[], request: PitfallQuizRequest): QuizBuild {
  const seed = request.seed === undefined ? randomSeed() : seedFrom(request.seed);
  const rng = createRng(seed);
  const now = toMs(request.now ?? Date.now());
  const length = Math.max(1, Math.min(MAX_QUIZ_LENGTH, Number.isFinite(request.length) ? Math.floor(request.length) : 10));
  const items: QuizItem[] = [];
  for (const f of findings) {
    const item = pitfallItem(library, f);
    if (item) items.push(item);
  }
  const picked = spread(items, length, rng);
  const session = createSession({ id: request.sessionId ?? `${now.toString(36)}-${seed.toString(36)}`, mode: 'flashcards', scope: { kind: 'pitfalls' }, seed, createdAt: now, items: picked });
  const build: QuizBuild = { session, poolSize: new Set(picked.map(i => i.questionId)).size, withoutItems: 0 };
  if (!picked.length) {
    const files = request.filesScanned === undefined ? 'its files' : `its ${request.filesScanned} file${request.filesScanned === 1 ? '' : 's'}`;
    build.empty = findings.length
      ? 'The pitfalls found in this workspace have no guide question in the library to quiz on.'
      : `No pitfalls found in this workspace: the interview insights found nothing in ${files}. Nothing to quiz on — which is good news.`;
  }
  return build;
}

/** A card for one finding, or undefined when its insight or guide question is unknown. */
export function pitfallItem(library: Library, f: WorkspaceFinding): QuizItem | undefined {
  const def = insightById(f.insightId);
  const entry = def?.questionIds.map(id => canonicalOf(library, id)).find(e => e !== undefined);
  if (!def || !entry) return undefined;
  return {
    kind: 'card', id: entry.id, questionId: entry.id, question: entry.question, topic: entry.topics[0], topics: [...entry.topics], points: 0,
    pitfall: { insightId: f.insightId, path: f.path, line: f.range.line, message: f.message, firstLine: f.snippet.firstLine, lines: [...f.snippet.lines] },
  };
}

/** `length` items in random order, each insight's first finding before any insight's second. */
function spread(items: QuizItem[], length: number, rng: Rng): QuizItem[] {
  const shuffled = rng.shuffle(items);
  const seen = new Set<string>();
  const first: QuizItem[] = [];
  const rest: QuizItem[] = [];
  for (const item of shuffled) {
    const key = item.pitfall!.insightId;
    (seen.has(key) ? rest : first).push(item);
    seen.add(key);
  }
  return first.concat(rest).slice(0, length);
}
