// Quiz and review figures on a synthetic library of 10,000 questions and a 50,000-review history.
import { measure, type BenchRow } from './harness';
import { Library } from '../src/core/library';
import { TOPICS, type TopicId } from '../src/core/taxonomy';
import type { Entry } from '../src/core/types';
import { generateQuiz } from '../src/core/quiz';
import { CONTENT_FORMAT, CONTENT_VERSION, CuratedContent } from '../src/core/content/curated';
import { applyReview, parseProgress, prepareWrite, progressFromLog, reviewSummary, serializeProgress } from '../src/core/progress';
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
  const stored = serializeProgress(progress);
  // Alternate two texts so that the last-parse cache never answers: every run parses and validates.
  const texts = [stored, `${stored} `];
  rows.push(measure('progress: load stored document', `${(stored.length / 1024 / 1024).toFixed(1)} MB, 50,000 reviews, JSON.parse + full validation`, i => parseProgress(texts[i % 2]), 6, 1));
  let n = 0;
  rows.push(measure('progress: record one answer (applyReview)', '50,000-review document',
    () => applyReview(progress, { id: `new${n++}`, questionId: 'bench#5', rating: 3, at: new Date(now + n * 1000).toISOString(), mode: 'flashcards' }), 50, 5));
  // The save protocol as a window runs it: parse once, then per answer applyReview + read-merge-write + serialize.
  const loaded = parseProgress(stored).progress;
  let current = loaded;
  let text = stored;
  let k = 0;
  rows.push(measure('progress: answer → read-merge-write → serialize', 'store holds what this window last wrote (the usual case)', () => {
    const local = applyReview(current, { id: `w${k++}`, questionId: `bench#${k % 10_000}`, rating: 3, at: new Date(now + k * 1000).toISOString(), mode: 'flashcards' });
    current = prepareWrite(text, local).progress;
    text = serializeProgress(current);
  }, 20, 2));
  const mine = applyReview(loaded, { id: 'local-1', questionId: 'bench#7', rating: 3, at: new Date(now).toISOString(), mode: 'flashcards' });
  const other = JSON.stringify(applyReview(loaded, { id: 'other-1', questionId: 'bench#9', rating: 1, at: new Date(now + 500).toISOString(), mode: 'multiple-choice' }));
  const stores = [other, `${other} `];
  rows.push(measure('progress: read-merge-write, other window wrote', 'parse + validate stored 50,000 reviews, merge both new answers',
    i => prepareWrite(stores[i % 2], mine), 6, 1));
  return rows;
}
