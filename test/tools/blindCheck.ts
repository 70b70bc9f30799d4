// The blind check of the multiple-choice items (issue #11): a sample drawn exactly as Start Quiz draws
// it (scope all, bank and cloze items), printed as the user reads it, and a checked-in classification
// of that sample (test/blind-check/*.json) — every item clean, giveaway, ambiguous or wrong key, with
// why. Pure functions here; quiz-sample.ts is the command line.
import type { Library } from '../../src/core/library';
import type { CuratedContent } from '../../src/core/content/curated';
import { generateQuiz, type QuizItem } from '../../src/core/quiz';

export const CLASSES = ['clean', 'giveaway', 'ambiguous', 'wrong-key'] as const;
export type BlindClass = (typeof CLASSES)[number];

/** A checked-in classification (test/blind-check/seed-N.json). */
export interface BlindCheck {
  sample: { count: number; seed: number };
  /** Who classified, and how (e.g. "read blind, answered, then compared with the key"). */
  checkedBy: string;
  /** ISO date of the check. */
  date: string;
  items: { n: number; id: string; class: BlindClass; why: string }[];
}

/** Exactly what Start Quiz → All topics → Multiple choice → `count` questions gives with this seed. */
export function drawSample(library: Library, content: CuratedContent, count: number, seed: number): QuizItem[] {
  return generateQuiz(library, content, { scope: { kind: 'all' }, mode: 'multiple-choice', length: count, seed }).session.items;
}

/** The item's Markdown as a reader takes it in: link targets dropped; everything else as written (code keeps its `__`). */
function plain(markdown: string): string {
  return markdown.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').trim();
}

/** One item as the quiz view shows it before it is answered: no key, no id. */
export function printItem(n: number, item: QuizItem, content: CuratedContent): string {
  const lines = [`── ${n}. ${item.kind === 'cloze' ? 'Fill in the blank' : 'Multiple choice'}`];
  if (item.kind === 'bank') {
    const bank = content.bankItem(item.id)!;
    lines.push(plain(bank.stem), '');
    item.order!.forEach((o, i) => lines.push(`  ${i + 1}. ${plain(bank.options[o].text)}`));
  } else {
    const cloze = content.clozeItem(item.id)!;
    lines.push('Which name fills the blank?', '', `  ${cloze.sentence}`, '');
    item.order!.forEach((o, i) => lines.push(`  ${i + 1}. ${cloze.options[o]}`));
  }
  return lines.join('\n');
}

/** The key, printed after every item: right option, the item's id and the explanation. */
export function printKey(n: number, item: QuizItem, content: CuratedContent): string {
  const right = item.correct! + 1;
  if (item.kind === 'bank') return `${n}. ${right}  (${item.id}) ${plain(content.bankItem(item.id)!.explanation)}`;
  const cloze = content.clozeItem(item.id)!;
  return `${n}. ${right}  (${item.id}) ${cloze.sentence.replace('____', cloze.answer)}`;
}

/** Why a classification file is not usable for this sample (empty when it is). */
export function checkClassification(value: unknown, sample: readonly QuizItem[]): string[] {
  const problems: string[] = [];
  const v = value as Partial<BlindCheck> | null;
  if (!v || typeof v !== 'object') return ['not an object'];
  if (typeof v.checkedBy !== 'string' || !v.checkedBy.trim()) problems.push('checkedBy: who classified, and how');
  if (typeof v.date !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v.date)) problems.push('date: YYYY-MM-DD');
  if (!Array.isArray(v.items)) return [...problems, 'items: one entry per sampled item'];
  v.items.forEach((item, i) => {
    const where = `items[${i}]`;
    if (!CLASSES.includes(item?.class as BlindClass)) problems.push(`${where}: class must be one of ${CLASSES.join(', ')}`);
    if (typeof item?.why !== 'string' || item.why.trim().length < 10) problems.push(`${where}: why (a sentence) is required`);
    const drawn = sample[i];
    if (!drawn) problems.push(`${where}: the sample has only ${sample.length} items`);
    else if (item?.n !== i + 1 || item.id !== drawn.id) problems.push(`${where}: expected item ${i + 1} = ${drawn.id}, the file says ${item?.n} = ${item?.id} (the sample changed: classify it again)`);
  });
  if (v.items.length < sample.length) problems.push(`${sample.length - v.items.length} sampled item(s) not classified (the sample changed: classify it again)`);
  return problems;
}

export interface BlindFigures {
  total: number;
  counts: Record<BlindClass, number>;
  /** Share of clean items, 0–1. */
  clean: number;
}

export function figures(check: BlindCheck): BlindFigures {
  const counts = Object.fromEntries(CLASSES.map(c => [c, 0])) as Record<BlindClass, number>;
  for (const item of check.items) counts[item.class]++;
  const total = check.items.length;
  return { total, counts, clean: total ? counts.clean / total : 0 };
}

export function describeFigures(f: BlindFigures): string {
  const pct = (n: number) => `${Math.round((100 * n) / Math.max(1, f.total))}%`;
  return `${f.total} items: ${f.counts.clean} clean (${pct(f.counts.clean)}), ${f.counts.giveaway} giveaway, ${f.counts.ambiguous} ambiguous, ${f.counts['wrong-key']} wrong key`;
}
