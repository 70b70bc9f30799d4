// Quiz and review figures on a synthetic library of 10,000 questions and a 50,000-review history.
import { measure, type BenchRow } from './harness';
import { Library } from '../src/core/library';
import { TOPICS, type TopicId } from '../src/core/taxonomy';
import type { Entry } from '../src/core/types';
import { generateQuiz } from '../src/core/quiz';
import { CONTENT_FORMAT, CONTENT_VERSION, CuratedContent } from '../src/core/content/curated';
import {
  applyReview, extendProgress, parseProgress, type Progress, progressFromLog, readStored, recentEvents, reviewSummary, serializeHead, serializeHistory,
  serializeProgress, serializeSyncHead, SYNC_BUDGET_CHARS,
} from '../src/core/progress';
import { createRng } from '../src/core/quiz/random';
import type { Rating, ReviewEvent } from '../src/core/schedule';

const WORDS = ('queryset select related prefetch join index cache signal receiver transaction atomic commit rollback lock row '
  + 'middleware request response view template form field model migration schema worker task broker retry queue celery '
  + 'serializer permission throttle token session cookie csrf header static media deploy gunicorn nginx async await loop '
  + 'channel socket test fixture factory mock coverage admin command locale translation tenant shard replica latency '
  + 'memory profile trace log metric alert scale partition batch stream cursor iterator defer only annotate aggregate').split(' ');

export function syntheticLibrary(size: number, seed = 1): Library {
  const rng = createRng(seed);
  const topics = TOPICS.map(t => t.id) as TopicId[];
  const sentence = (n: number) => Array.from({ length: n }, () => WORDS[rng.int(WORDS.length)]).join(' ');
  const entries: Entry[] = [];
  for (let i = 0; i < size; i++) {
    const main = topics[i % topics.length];
    const hasAnswer = i % 10 !== 9;
    const answer = hasAnswer
      ? `**${sentence(3)}** ${sentence(14)} (${i}). ${sentence(12)}.\n\n- ${sentence(6)}\n- ${sentence(6)}\n\n\`\`\`python\n${sentence(5)}\n\`\`\`\n\n${sentence(40)}.`
      : '';
    entries.push({
      id: `bench#${i}`, question: `How does ${sentence(4)} work (${i})?`, answer, hasAnswer,
      topics: i % 4 === 0 ? [main, topics[(i + 7) % topics.length]] : [main], keywords: [], section: 'Bench', source: { file: 'bench.md', line: i + 1 },
    });
  }
  return new Library(entries);
}

/** A review history of `events` reviews over `cards` questions spread across the last 400 days. */
export function syntheticLog(library: Library, cards: number, events: number, now: number, seed = 2): ReviewEvent[] {
  const rng = createRng(seed);
  const ids = library.canonical().slice(0, cards).map(e => e.id);
  const log: ReviewEvent[] = [];
  for (let i = 0; i < events; i++) {
    const questionId = ids[i < ids.length ? i : rng.int(ids.length)];
    const at = now - Math.floor(rng.next() * 400 * 86_400_000);
    const rating = ([1, 2, 3, 3, 3, 4] as Rating[])[rng.int(6)];
    log.push({ id: `ev${i}`, questionId, rating, at: new Date(at).toISOString(), mode: i % 2 ? 'flashcards' : 'multiple-choice' });
  }
  return log;
}

/** A curated bank over a synthetic library: one bank item per 5 questions, one cloze item per 20. */
export function syntheticContent(library: Library, seed = 3): CuratedContent {
  const rng = createRng(seed);
  const ids = library.canonical().map(e => e.id);
  const pick = () => ids[rng.int(ids.length)];
  const bank = Array.from({ length: Math.floor(ids.length / 5) }, (_, i) => ({
    id: `bank-${i}`, topic: 'transactions' as TopicId, questions: [pick(), pick()], django: '5.2', stem: `Stem ${i}?`, explanation: `Because ${i}.`,
    options: [0, 1, 2, 3].map(k => (k === i % 4 ? { text: `right ${i}`, correct: true as const } : { text: `wrong ${i}.${k}`, why: `why ${k}` })),
  }));
  const cloze = Array.from({ length: Math.floor(ids.length / 20) }, (_, i) => ({
    id: `cloze-${i}`, question: pick(), sentence: `____ does thing ${i}.`, answer: 'a()', options: ['a()', 'b()', 'c()', 'd()'],
  }));
  return new CuratedContent({ format: CONTENT_FORMAT, version: CONTENT_VERSION, bank, cloze, keyPoints: {}, reviews: {} });
}

/** The first quiz on a freshly loaded library and content (the item index is built then); a function of its own, so they are garbage once measured. */
function coldQuiz(now: number): BenchRow {
  const fresh = Array.from({ length: 7 }, (_, i) => { const library = syntheticLibrary(10_000, i + 100); return { library, content: syntheticContent(library, i + 100) }; });
  let f = 0; // the warm-up takes fresh[0]; each timed run gets a library never quizzed before
  return measure('quiz: 20 MC items, cold (10,000 questions)', 'first quiz on a freshly loaded library and bank: which items drill which questions, built once',
    i => { const { library, content } = fresh[f++ % fresh.length]; return generateQuiz(library, content, { scope: { kind: 'all' }, mode: 'multiple-choice', length: 20, seed: i, now }); }, 6, 1);
}

export function quizBench(): BenchRow[] {
  const rows: BenchRow[] = [];
  const now = Date.UTC(2025, 2, 10, 12);
  const library = syntheticLibrary(10_000);
  const content = syntheticContent(library);
  rows.push({
    ...measure('quiz: 20 multiple-choice items (10,000 questions, 2,500 items)', 'all topics, seeded; the item index built once, in the warm-up',
      i => generateQuiz(library, content, { scope: { kind: 'all' }, mode: 'multiple-choice', length: 20, seed: i, now }), 100, 10),
    target: { p99: 50 },
  });
  rows.push(coldQuiz(now));

  const log = syntheticLog(library, 10_000, 50_000, now);
  const t0 = process.hrtime.bigint();
  const progress = progressFromLog(log);
  const foldMs = Number(process.hrtime.bigint() - t0) / 1e6;
  rows.push({ name: 'progress: fold 50,000 reviews through ts-fsrs', detail: '10,000 cards; done on import/migration/salvage only', p50: foldMs, p99: foldMs, mean: foldMs, runs: 1 });
  rows.push({
    ...measure('review summary (10,000 cards, 50,000 reviews)', 'due today/tomorrow, new, per-topic mastery, weakest, streak',
      () => reviewSummary(library, progress, now, { newCardLimit: 20 }), 30, 3),
    target: { p99: 100 },
  });
  rows.push(...storeRows(progress, now));
  return rows;
}

/**
 * The progress store at 50,000 reviews, as ProgressStore runs it (src/features/quiz/progressStore.ts),
 * minus the file writes: a history file holding the 50,000 reviews, this window's head over it.
 */
function storeRows(progress: Progress, now: number): BenchRow[] {
  const rows: BenchRow[] = [];
  const history = serializeHistory(progress);
  const baseLog = progress.log;
  const texts = [history.text, `${history.text} `];
  rows.push(measure('progress: load history file + head', `${(history.text.length / 1024 / 1024).toFixed(1)} MB, 50,000 reviews: JSON.parse, check (count + hash), validation`, i => {
    const h = readStored(texts[i % 2]);
    if (h.kind !== 'history') throw new Error('bench: the history file did not read back');
    return extendProgress(h.progress, [], h.progress.updatedAt);
  }, 6, 1));
  rows.push(measure('progress: write a new history file (once per 500 answers)', '50,000 reviews: hash + JSON', () => serializeHistory(progress), 6, 1));
  // What one answer costs in this window: record it, then the texts of the head and the Settings Sync mirror.
  let mine = progress;
  let k = 0;
  let head = '';
  let synced = '';
  const answer = (p: Progress, id: string) => applyReview(p, { id, questionId: `bench#${k % 10_000}`, rating: 3, at: new Date(now + k * 1000).toISOString(), mode: 'flashcards' });
  const save = (p: Progress) => {
    head = serializeHead(history.ref, recentEvents(p, baseLog)!, p.updatedAt);
    synced = serializeSyncHead(p);
  };
  rows.push({
    ...measure('progress: record one answer (50,000 reviews)', 'applyReview + the head (recent reviews over the history) + the Settings Sync mirror', () => {
      k++;
      mine = answer(mine, `w${k}`);
      save(mine);
    }, 200, 20),
    target: { p99: 20 },
  });
  // Another window answered since: read its head (its history is the same file, already read), add its reviews, then record ours.
  // Its heads are written before the timing: what the other window spends is not this window's cost.
  let theirs = progress;
  const otherHeads = Array.from({ length: 110 }, (_, i) => {
    theirs = applyReview(theirs, { id: `o${i}`, questionId: `bench#${(i * 7) % 10_000}`, rating: 1, at: new Date(now + 500 + i * 2000).toISOString(), mode: 'multiple-choice' });
    return serializeHead(history.ref, recentEvents(theirs, baseLog)!, theirs.updatedAt);
  });
  rows.push({
    ...measure('progress: record one answer after another window wrote', 'read its head (its history is already in ours) + add its reviews (ProgressStore.refresh), then as above', i => {
      const read = readStored(otherHeads[i]);
      if (read.kind !== 'head') throw new Error('bench: the head did not read back');
      mine = extendProgress(mine, read.events, read.updatedAt);
      k++;
      mine = answer(mine, `w${k}`);
      save(mine);
    }, 100, 10),
    target: { p99: 20 },
  });
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
  const before = serializeProgress(progress);
  rows.push({ name: 'progress: stored, 50,000 reviews (history file + head)', detail: `${bytes(history.text)} + ${bytes(head)} bytes; schema 1 stored ${bytes(before)}`, p50: NaN, p99: NaN, mean: NaN, runs: 0, value: bytes(history.text) + bytes(head), unit: 'KB' });
  rows.push({ name: 'progress: written per answer (the head)', detail: `${recentEvents(mine, baseLog)!.length} recent reviews`, p50: NaN, p99: NaN, mean: NaN, runs: 0, value: bytes(head), unit: 'KB' });
  rows.push({ name: 'progress: synced (globalState, Settings Sync)', detail: `the latest ${(JSON.parse(synced) as { log: unknown[] }).log.length} reviews; schema 1 synced ${bytes(before)}`, p50: NaN, p99: NaN, mean: NaN, runs: 0, value: bytes(synced), unit: 'KB', target: { mean: SYNC_BUDGET_CHARS } });
  rows.push(measure('progress: read a schema 1 document (before migration)', `${(before.length / 1024 / 1024).toFixed(1)} MB, 50,000 reviews, JSON.parse + full validation`, i => parseProgress(i % 2 ? before : `${before} `), 6, 1));
  return rows;
}
