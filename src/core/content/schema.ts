// The curated content that sits beside the guides (DESIGN §1.7, §1.8): the multiple-choice item bank,
// reviewed cloze items, key points per guide question, and the review of every guide answer.
// Written and reviewed by us, kept as JSON under content/ (the guides themselves are never edited),
// validated by `validateContent` in the unit suite and at build time.
import type { TopicId } from '../taxonomy';

/** One option of a bank item. Exactly one option of an item is `correct`; every other one says `why` it is wrong. */
export interface BankOption {
  /** Markdown (inline code allowed), one line. */
  text: string;
  correct?: true;
  /** Required on wrong options: why a candidate who knows Django rejects it (1–2 sentences). */
  why?: string;
}

/**
 * A single-best-answer multiple-choice item (content/quiz/bank/*.json, each file a JSON array).
 * Four plausible options, exactly one defensible right answer, none guessable from the stem's words.
 */
export interface BankItem {
  /** Stable kebab-case id, unique across the bank (progress is keyed on it): `signals-update-skips-post-save`. */
  id: string;
  /** Main topic (DESIGN §6). */
  topic: TopicId;
  /** The bundled guide question ids this item drills (at least one; `node dist/cli.js index --json`). */
  questions: string[];
  /** The detection rule it drills, when there is one (`src/core/detect/rules.ts`). */
  rule?: string;
  /** Django versions the item holds for, e.g. `>=4.2`, `>=5.1`, `5.2`. */
  django: string;
  /** Markdown: the question, often a small scenario or a fenced ```python fragment. */
  stem: string;
  /** Exactly four, in a natural order (they are shuffled when asked). */
  options: BankOption[];
  /** Why the right option is right (1–3 sentences), shown after answering. */
  explanation: string;
  /** Where each fact was checked: Django documentation addresses (with #anchor where there is one). */
  docs: string[];
  /** The reviewer's note: why this is a fair test (one defensible answer, no option guessable by words). */
  reviewed: string;
  /**
   * Set only when the lexical giveaway check flags the item and it is fine anyway: why (e.g. every
   * option names an API, the shared word is the subject of all four).
   */
  overlapOk?: string;
}

/**
 * A cloze item (content/quiz/cloze.json or content/quiz/cloze/*.json, each a JSON array): a sentence or code line of a guide answer with
 * one API name blanked, options from the same family of APIs. Only items read and accepted are shipped.
 */
export interface ClozeItem {
  /** Stable kebab-case id, unique across the bank and the cloze items. */
  id: string;
  /** The guide question whose answer holds the sentence. */
  question: string;
  /** The sentence as the answer has it, with the blanked name written as `____` exactly once. */
  sentence: string;
  /** What fills the blank, as the answer writes it (e.g. `select_for_update()`). */
  answer: string;
  /** Four names: the answer and three from the same family, none of which would make the sentence true. */
  options: string[];
  /** The API family the options come from, e.g. `queryset-locking-and-joins`. */
  family: string;
  /** Why it was accepted: the sentence is true only with the answer, and is worth knowing. */
  reason: string;
}

/** Key points for one guide question (content/keypoints/*.json, each file a JSON array). */
export interface KeyPoints {
  question: string;
  /** 3–6 short points (one line each) a good answer must make. */
  points: string[];
  /** `answer`: taken from the guide's answer (and checked); `ours`: written by us (no or insufficient answer). */
  from: 'answer' | 'ours';
  /** Reviewer's note: anything about how the points were chosen (optional). */
  note?: string;
}

export type AnswerVerdict = 'ok' | 'outdated' | 'wrong' | 'damaged' | 'incomplete';

/** The review of one guide answer against current Django (content/notes/*.json, each file a JSON array). */
export interface AnswerReview {
  question: string;
  verdict: AnswerVerdict;
  /** Why this verdict: for `ok`, what was checked; otherwise what is wrong, outdated or damaged. */
  reason: string;
  /** Markdown shown with the answer ("Since Django 5.1 …"); required unless the verdict is `ok`. */
  note?: string;
  /** Markdown: the answer re-rendered where scraping damaged it (same words; code fenced and re-indented, labels restored). */
  repaired?: string;
  /** Django documentation addresses checked. */
  docs?: string[];
}

export interface Content {
  bank: BankItem[];
  cloze: ClozeItem[];
  keyPoints: KeyPoints[];
  reviews: AnswerReview[];
}
