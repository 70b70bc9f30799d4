// The curated content as the extension reads it at run time (dist/content.json): what the quiz, the
// flashcards and the answer view need, without the reviewers' audit fields (docs, reasons, notes on
// fairness), which stay in content/ for the next reviewer. Built by src/build/buildContent.ts.
import type { AnswerVerdict, BankItem, ClozeItem, Content } from './schema';

export const CONTENT_FORMAT = 'django-coach.content';
export const CONTENT_VERSION = 1;

export type ShippedBankItem = Pick<BankItem, 'id' | 'topic' | 'questions' | 'django' | 'stem' | 'explanation'> & {
  rule?: string;
  options: { text: string; correct?: true; why?: string }[];
};
export type ShippedClozeItem = Pick<ClozeItem, 'id' | 'question' | 'sentence' | 'answer' | 'options'>;
export interface ShippedReview {
  verdict: AnswerVerdict;
  note?: string;
  repaired?: string;
}

/** dist/content.json. */
export interface ContentFile {
  format: typeof CONTENT_FORMAT;
  version: typeof CONTENT_VERSION;
  bank: ShippedBankItem[];
  cloze: ShippedClozeItem[];
  /** Guide question id → its key points. */
  keyPoints: Record<string, string[]>;
  /** Guide question id → the review of its answer. */
  reviews: Record<string, ShippedReview>;
}

/** What ships of validated content (the build validates first). */
export function contentFile(content: Content): ContentFile {
  const keyPoints: Record<string, string[]> = {};
  for (const k of content.keyPoints) keyPoints[k.question] = [...k.points];
  const reviews: Record<string, ShippedReview> = {};
  for (const r of content.reviews) {
    reviews[r.question] = { verdict: r.verdict, ...(r.note ? { note: r.note } : {}), ...(r.repaired ? { repaired: r.repaired } : {}) };
  }
  return {
    format: CONTENT_FORMAT,
    version: CONTENT_VERSION,
    bank: content.bank.map(b => ({
      id: b.id, topic: b.topic, questions: [...b.questions], ...(b.rule ? { rule: b.rule } : {}), django: b.django, stem: b.stem,
      options: b.options.map(o => ({ text: o.text, ...(o.correct ? { correct: true as const } : { why: o.why }) })),
      explanation: b.explanation,
    })),
    cloze: content.cloze.map(c => ({ id: c.id, question: c.question, sentence: c.sentence, answer: c.answer, options: [...c.options] })),
    keyPoints,
    reviews,
  };
}

/** Lookups over the shipped content. Users' own guides have none: every lookup then answers "nothing". */
export class CuratedContent {
  private readonly bankById = new Map<string, ShippedBankItem>();
  private readonly clozeById = new Map<string, ShippedClozeItem>();
  private readonly points = new Map<string, string[]>();
  private readonly reviewOf = new Map<string, ShippedReview>();

  constructor(readonly file: ContentFile) {
    for (const b of file.bank) this.bankById.set(b.id, b);
    for (const c of file.cloze) this.clozeById.set(c.id, c);
    for (const [q, p] of Object.entries(file.keyPoints)) this.points.set(q, p);
    for (const [q, r] of Object.entries(file.reviews)) this.reviewOf.set(q, r);
  }

  static empty(): CuratedContent {
    return new CuratedContent({ format: CONTENT_FORMAT, version: CONTENT_VERSION, bank: [], cloze: [], keyPoints: {}, reviews: {} });
  }

  get bank(): readonly ShippedBankItem[] {
    return this.file.bank;
  }

  get cloze(): readonly ShippedClozeItem[] {
    return this.file.cloze;
  }

  bankItem(id: string): ShippedBankItem | undefined {
    return this.bankById.get(id);
  }

  clozeItem(id: string): ShippedClozeItem | undefined {
    return this.clozeById.get(id);
  }

  /** Key points of a guide question; a folded variant's own points stand in for its canonical question's (`alsoIds`). */
  keyPoints(questionId: string, alsoIds: readonly string[] = []): string[] | undefined {
    for (const id of [questionId, ...alsoIds]) {
      const p = this.points.get(id);
      if (p) return p;
    }
    return undefined;
  }

  review(questionId: string): ShippedReview | undefined {
    return this.reviewOf.get(questionId);
  }
}

const VERDICTS: readonly AnswerVerdict[] = ['ok', 'outdated', 'wrong', 'damaged', 'incomplete'];

/**
 * Reads dist/content.json. It is our own build output, but a damaged or foreign file must not take
 * quizzes down: anything that is not the expected shape is reported and the content is left empty
 * (flashcards and the answers keep working; multiple choice says it has no items).
 */
export function parseContentFile(json: string): { content: CuratedContent; problem?: string } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return { content: CuratedContent.empty(), problem: `not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const problem = shapeProblem(data);
  return problem ? { content: CuratedContent.empty(), problem } : { content: new CuratedContent(data as ContentFile) };
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isTextList = (v: unknown, n?: number): v is string[] => Array.isArray(v) && (n === undefined || v.length === n) && v.every(isText);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function shapeProblem(data: unknown): string | undefined {
  if (!isRecord(data) || data.format !== CONTENT_FORMAT) return 'not a Django Interview Coach content file';
  if (data.version !== CONTENT_VERSION) return `content version ${String(data.version)} is not ${CONTENT_VERSION}`;
  if (!Array.isArray(data.bank) || !Array.isArray(data.cloze) || !isRecord(data.keyPoints) || !isRecord(data.reviews)) return 'bank, cloze, keyPoints or reviews missing';
  for (const b of data.bank as unknown[]) {
    if (!isRecord(b) || !isText(b.id) || !isText(b.stem) || !isText(b.explanation) || !isTextList(b.questions) || !Array.isArray(b.options) || b.options.length !== 4) return `bank item ${isRecord(b) ? String(b.id) : '?'} is malformed`;
    if (!(b.options as unknown[]).every(o => isRecord(o) && isText(o.text) && (o.correct === true || isText(o.why)))) return `bank item ${String(b.id)} has a malformed option`;
    if ((b.options as { correct?: unknown }[]).filter(o => o.correct === true).length !== 1) return `bank item ${String(b.id)} needs exactly one right option`;
  }
  for (const c of data.cloze as unknown[]) {
    if (!isRecord(c) || !isText(c.id) || !isText(c.question) || !isText(c.sentence) || !isText(c.answer) || !isTextList(c.options, 4) || !c.options.includes(c.answer)) return `cloze item ${isRecord(c) ? String(c.id) : '?'} is malformed`;
  }
  for (const [q, p] of Object.entries(data.keyPoints)) if (!isTextList(p)) return `key points of ${q} are malformed`;
  for (const [q, r] of Object.entries(data.reviews)) {
    if (!isRecord(r) || !VERDICTS.includes(r.verdict as AnswerVerdict) || (r.note !== undefined && !isText(r.note)) || (r.repaired !== undefined && !isText(r.repaired))) return `the review of ${q} is malformed`;
  }
  return undefined;
}
