// Which curated items drill which guide questions, and quiz items made from them. An item's review goes
// on the card of its first guide question (its "card"); scopes reach items through every question an
// item drills. Question ids are resolved to the library's canonical entries, so an item written against
// a question that is folded into another one still counts for it.
import type { Library } from '../library';
import type { Entry } from '../types';
import type { CuratedContent } from '../content/curated';
import type { Rng } from './random';
import { OPTIONS_PER_ITEM, type QuizItem, type QuizSession } from './session';

export interface DrillItem {
  kind: 'bank' | 'cloze';
  id: string;
  /** The canonical guide question whose card records the answers. */
  card: string;
  /** Every canonical guide question the item drills (the card first). */
  drills: string[];
  /** Index of the right option in the content item's own order. */
  right: number;
}

export interface DrillIndex {
  items: DrillItem[];
  /** Canonical question id → the items that drill it. */
  byQuestion: Map<string, DrillItem[]>;
  /** Canonical question id → the items whose card it is. */
  byCard: Map<string, DrillItem[]>;
}

const cache = new WeakMap<Library, WeakMap<CuratedContent, DrillIndex>>();

export function canonicalOf(library: Library, id: string): Entry | undefined {
  const entry = library.get(id);
  return entry?.canonicalId ? library.get(entry.canonicalId) : entry;
}

/** The items of `content` whose questions are in `library` (none for users' own guides alone). */
export function drillIndex(library: Library, content: CuratedContent): DrillIndex {
  let byContent = cache.get(library);
  if (!byContent) cache.set(library, (byContent = new WeakMap()));
  const cached = byContent.get(content);
  if (cached) return cached;
  const items: DrillItem[] = [];
  const add = (kind: DrillItem['kind'], id: string, questions: readonly string[], right: number) => {
    const drills: string[] = [];
    for (const q of questions) {
      const entry = canonicalOf(library, q);
      if (entry && !drills.includes(entry.id)) drills.push(entry.id);
    }
    // The card is the first question's: if that one is not in the library, the item is left out rather
    // than recorded on another question than its author chose.
    if (drills.length && canonicalOf(library, questions[0])) items.push({ kind, id, card: drills[0], drills, right });
  };
  for (const b of content.bank) add('bank', b.id, b.questions, b.options.findIndex(o => o.correct === true));
  for (const c of content.cloze) add('cloze', c.id, [c.question], c.options.indexOf(c.answer));
  const byQuestion = new Map<string, DrillItem[]>();
  const byCard = new Map<string, DrillItem[]>();
  for (const item of items) {
    for (const q of item.drills) byQuestion.set(q, [...(byQuestion.get(q) ?? []), item]);
    byCard.set(item.card, [...(byCard.get(item.card) ?? []), item]);
  }
  const index = { items, byQuestion, byCard };
  byContent.set(content, index);
  return index;
}

/** A multiple-choice quiz item from a bank or cloze item, its four options shuffled. */
export function choiceItem(library: Library, item: DrillItem, rng: Rng): QuizItem {
  const entry = library.get(item.card)!;
  const order = rng.shuffle(Array.from({ length: OPTIONS_PER_ITEM }, (_, i) => i));
  return { kind: item.kind, id: item.id, questionId: entry.id, question: entry.question, topic: entry.topics[0], topics: [...entry.topics], order, correct: order.indexOf(item.right) };
}

/** A flashcard for a guide question, with the number of its key points (0 when it has none). */
export function cardItem(entry: Entry, content: CuratedContent): QuizItem {
  const points = content.keyPoints(entry.id, entry.variantIds)?.length ?? 0;
  return { kind: 'card', id: entry.id, questionId: entry.id, question: entry.question, topic: entry.topics[0], topics: [...entry.topics], points };
}

/**
 * Why a session (e.g. restored after a reload, or made before the content was updated) no longer fits
 * the content: an item gone, or its right option moved. Undefined when every item still fits.
 */
export function contentMismatch(session: QuizSession, content: CuratedContent): string | undefined {
  for (const [i, item] of session.items.entries()) {
    if (item.kind === 'card') continue;
    const source = item.kind === 'bank' ? content.bankItem(item.id) : content.clozeItem(item.id);
    if (!source) return `item ${i + 1} (${item.id}) is no longer in the item bank`;
    const right = item.kind === 'bank'
      ? content.bankItem(item.id)!.options.findIndex(o => o.correct === true)
      : content.clozeItem(item.id)!.options.indexOf(content.clozeItem(item.id)!.answer);
    if (!item.order || item.order[item.correct ?? -1] !== right) return `item ${i + 1} (${item.id}) was revised since the quiz began`;
  }
  return undefined;
}
