// Checks the curated content (schema.ts) against the library it refers to. Every problem is a line that
// names the file and the item, so a reviewer can find it; an empty list means the content is sound.
import { isTopicId } from '../taxonomy';
import type { AnswerReview, BankItem, ClozeItem, Content, KeyPoints } from './schema';

/** What the content may refer to: the bundled questions and the rule ids. */
export interface ContentContext {
  questions: ReadonlyMap<string, { hasAnswer: boolean; answer: string }>;
  rules: ReadonlySet<string>;
}

/** Content as read from files: each item with the file it came from (relative to content/). */
export interface Located<T> {
  file: string;
  item: T;
}

export interface LocatedContent {
  bank: Located<BankItem>[];
  cloze: Located<ClozeItem>[];
  keyPoints: Located<KeyPoints>[];
  reviews: Located<AnswerReview>[];
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const VERDICTS = new Set(['ok', 'outdated', 'wrong', 'damaged', 'incomplete']);
const BLANK = '____';

export function unlocated(content: LocatedContent): Content {
  return {
    bank: content.bank.map(l => l.item),
    cloze: content.cloze.map(l => l.item),
    keyPoints: content.keyPoints.map(l => l.item),
    reviews: content.reviews.map(l => l.item),
  };
}

export function validateContent(content: LocatedContent, context: ContentContext): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const uniqueId = (where: string, id: unknown) => {
    if (typeof id !== 'string' || !ID.test(id)) problems.push(`${where}: id must be kebab-case, got ${JSON.stringify(id)}`);
    else if (ids.has(id)) problems.push(`${where}: duplicate id ${id}`);
    else ids.add(id);
  };
  const knownQuestion = (where: string, id: unknown) => {
    if (typeof id !== 'string' || !context.questions.has(id)) problems.push(`${where}: unknown guide question ${JSON.stringify(id)}`);
  };
  const text = (where: string, field: string, value: unknown, max = 2000) => {
    if (typeof value !== 'string' || !value.trim()) problems.push(`${where}: ${field} must be non-empty text`);
    else if (value.length > max) problems.push(`${where}: ${field} is longer than ${max} characters`);
  };

  for (const { file, item } of content.bank) {
    const where = `${file} ${item?.id ?? '(no id)'}`;
    uniqueId(where, item.id);
    if (!isTopicId(item.topic)) problems.push(`${where}: unknown topic ${JSON.stringify(item.topic)}`);
    if (!Array.isArray(item.questions) || item.questions.length === 0) problems.push(`${where}: questions must list at least one guide question`);
    else for (const q of item.questions) knownQuestion(where, q);
    if (item.rule !== undefined && !context.rules.has(item.rule)) problems.push(`${where}: unknown rule ${JSON.stringify(item.rule)}`);
    text(where, 'django', item.django, 40);
    text(where, 'stem', item.stem);
    text(where, 'explanation', item.explanation, 800);
    text(where, 'reviewed', item.reviewed, 800);
    if (!Array.isArray(item.docs) || item.docs.length === 0 || item.docs.some(d => typeof d !== 'string' || !/^https:\/\//.test(d))) {
      problems.push(`${where}: docs must list the documentation addresses checked (https://…)`);
    }
    if (!Array.isArray(item.options) || item.options.length !== 4) {
      problems.push(`${where}: exactly four options`);
      continue;
    }
    const correct = item.options.filter(o => o.correct === true).length;
    if (correct !== 1) problems.push(`${where}: exactly one correct option, found ${correct}`);
    const seen = new Set<string>();
    item.options.forEach((o, i) => {
      text(`${where} option ${i + 1}`, 'text', o.text, 300);
      if (o.correct !== true) text(`${where} option ${i + 1}`, 'why', o.why, 500);
      const key = normalize(o.text ?? '');
      if (seen.has(key)) problems.push(`${where}: option ${i + 1} repeats another option`);
      seen.add(key);
    });
    if (correct === 1 && !item.overlapOk) problems.push(...giveaways(item).map(g => `${where}: ${g}`));
  }

  for (const { file, item } of content.cloze) {
    const where = `${file} ${item?.id ?? '(no id)'}`;
    uniqueId(where, item.id);
    knownQuestion(where, item.question);
    text(where, 'family', item.family, 80);
    text(where, 'reason', item.reason, 600);
    text(where, 'answer', item.answer, 80);
    if (typeof item.sentence !== 'string' || item.sentence.split(BLANK).length !== 2) {
      problems.push(`${where}: sentence must contain the blank ${BLANK} exactly once`);
    } else if (typeof item.answer === 'string') {
      const answer = context.questions.get(item.question)?.answer ?? '';
      if (!normalize(answer).includes(normalize(item.sentence.replace(BLANK, item.answer)))) {
        problems.push(`${where}: the sentence with its answer filled in is not in the guide answer of ${item.question}`);
      }
    }
    if (!Array.isArray(item.options) || item.options.length !== 4 || new Set(item.options).size !== 4) problems.push(`${where}: four distinct options`);
    else if (!item.options.includes(item.answer)) problems.push(`${where}: the options must include the answer`);
  }

  const pointed = new Set<string>();
  for (const { file, item } of content.keyPoints) {
    const where = `${file} ${item?.question}`;
    knownQuestion(where, item.question);
    if (pointed.has(item.question)) problems.push(`${where}: key points given twice`);
    pointed.add(item.question);
    if (item.from !== 'answer' && item.from !== 'ours') problems.push(`${where}: from must be "answer" or "ours"`);
    if (!Array.isArray(item.points) || item.points.length < 3 || item.points.length > 6) problems.push(`${where}: 3–6 points`);
    else item.points.forEach((p, i) => text(`${where} point ${i + 1}`, 'point', p, 200));
  }

  const reviewed = new Set<string>();
  for (const { file, item } of content.reviews) {
    const where = `${file} ${item?.question}`;
    knownQuestion(where, item.question);
    if (reviewed.has(item.question)) problems.push(`${where}: reviewed twice`);
    reviewed.add(item.question);
    if (!VERDICTS.has(item.verdict)) problems.push(`${where}: unknown verdict ${JSON.stringify(item.verdict)}`);
    text(where, 'reason', item.reason, 800);
    if (item.verdict !== 'ok') text(where, 'note', item.note, 1500);
    if (item.repaired !== undefined) {
      text(where, 'repaired', item.repaired, 20000);
      const answer = context.questions.get(item.question)?.answer;
      if (typeof item.repaired === 'string' && answer !== undefined) {
        const kept = wordsKept(answer, item.repaired);
        if (kept < REPAIRED_MIN_KEPT) problems.push(`${where}: the repaired rendering keeps only ${(kept * 100).toFixed(1)}% of the answer's words (the answer changed, or the repair dropped text)`);
      }
    }
  }
  return problems;
}

/** Which guide questions have no key points, and which answered ones have no review. */
export function coverage(content: Content, context: ContentContext): { noKeyPoints: string[]; unreviewed: string[] } {
  const pointed = new Set(content.keyPoints.map(k => k.question));
  const reviewed = new Set(content.reviews.map(r => r.question));
  const noKeyPoints: string[] = [];
  const unreviewed: string[] = [];
  for (const [id, q] of context.questions) {
    if (!pointed.has(id)) noKeyPoints.push(id);
    if (q.hasAnswer && !reviewed.has(id)) unreviewed.push(id);
  }
  return { noKeyPoints, unreviewed };
}

/** A repaired rendering keeps the guide's words; below this share of them, it no longer renders that answer. */
export const REPAIRED_MIN_KEPT = 0.97;

/**
 * The share of the answer's words (with repeats) found in the repaired rendering. A word the scrape had
 * glued to its neighbour ("andon_commit") counts as kept when the repair's letters contain it.
 */
export function wordsKept(answer: string, repaired: string): number {
  const tokens = (s: string) => s.toLowerCase().match(/[a-z0-9_]{2,}/g) ?? [];
  const wanted = tokens(answer);
  if (wanted.length === 0) return 1;
  const available = new Map<string, number>();
  for (const t of tokens(repaired)) available.set(t, (available.get(t) ?? 0) + 1);
  const letters = repaired.toLowerCase().replace(/[^a-z0-9_]/g, '');
  let missing = 0;
  for (const t of wanted) {
    const n = available.get(t) ?? 0;
    if (n > 0) available.set(t, n - 1);
    else if (!letters.includes(t)) missing++;
  }
  return 1 - missing / wanted.length;
}

function normalize(s: string): string {
  return s.toLowerCase().replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim();
}

const STOP = new Set('the a an and or of to in on for with is are be by as at it its this that which what when why how does do you your from into not can than then there their will would should could use used using django'.split(' '));

/** Identifiers a reader spots: `select_related`, `F()`, `transaction.atomic`, `ModelForm`. */
function codeTokens(s: string): Set<string> {
  const out = new Set<string>();
  for (const m of s.matchAll(/[A-Za-z_][\w.]*(?:\(\))?/g)) {
    const t = m[0];
    if (/[_.]|\(\)|[a-z][A-Z]/.test(t)) out.add(t.replace(/\(\)$/, '').toLowerCase());
  }
  return out;
}

function words(s: string): Set<string> {
  const out = new Set<string>();
  for (const m of s.toLowerCase().matchAll(/[a-z][a-z0-9]{3,}/g)) if (!STOP.has(m[0])) out.add(m[0].replace(/(?:ing|ed|es|s)$/, ''));
  return out;
}

/**
 * The tells a test-wise candidate uses without knowing Django: the right option alone repeats an
 * identifier of the stem, shares clearly more of its words than any wrong option, or is much longer.
 */
export function giveaways(item: BankItem): string[] {
  const problems: string[] = [];
  const right = item.options.find(o => o.correct === true)!;
  const wrong = item.options.filter(o => o !== right);
  const stemCode = codeTokens(item.stem.replace(/```[\s\S]*?```/g, ' '));
  for (const t of stemCode) {
    if (codeTokens(right.text).has(t) && !wrong.some(o => codeTokens(o.text).has(t))) {
      problems.push(`giveaway: only the right option repeats the stem's \`${t}\``);
    }
  }
  const stemWords = words(item.stem.replace(/```[\s\S]*?```/g, ' '));
  const shared = (o: { text: string }) => [...words(o.text)].filter(w => stemWords.has(w)).length;
  const rightShared = shared(right);
  const bestWrong = Math.max(...wrong.map(shared));
  if (rightShared >= 2 && rightShared - bestWrong >= 2) problems.push(`giveaway: the right option shares ${rightShared} of the stem's words, the wrong ones at most ${bestWrong}`);
  const longestWrong = Math.max(...wrong.map(o => o.text.length));
  if (right.text.length > 1.5 * longestWrong && right.text.length - longestWrong > 25) problems.push(`giveaway: the right option is much longer than every wrong one (${right.text.length} vs ${longestWrong} characters)`);
  return problems;
}
