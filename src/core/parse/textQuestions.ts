// Questions in running text: numbered lines, `Q:`-labelled lines, bold question paragraphs and blocks
// of unmarked question lines.
import { isCodeLine } from './answer';
import { endsLikeQuestion, isQuestionLike, trimDecorations } from './questions';
import { isContentsLink, labelledQuestion } from './labels';
import { type Candidate, HEADING, isBlank, stripBold, TABLE_ROW, unlabel } from './candidate';

export const NUMBERED = /^(\d{1,3})[a-z]?[.)](?:\s+|(?=[A-Za-z]))(\S.*)$/;

/** "124 Explain the role of cookies?": a numbered question that lost its dot. */
export const NUMBERED_NO_DOT = /^(\d{1,3})\s+([A-Z].*\?)\s*$/;

export const BOLD_LINE = /^(\*\*|__)(?!\s)(.+?)(\*\*|__)\s*$/;

/** `Q:`/`Q1.`/`Q#1.`/`Q-1` lines and bold question paragraphs (`**Q. …**`, `**What is …?**`). */
export function labelledLines(lines: readonly string[], skip: (i: number) => boolean): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (skip(i)) continue;
    const line = lines[i];
    if (HEADING.test(line) || /^\s*([*+-]|\d{1,3}[.)])\s/.test(line) || TABLE_ROW.test(line)) continue;
    const labelled = labelledQuestion(line);
    if (labelled) {
      out.push({ index: i, endIndex: i, shape: 'labelled', text: labelled.question, ...(labelled.inlineAnswer ? { inlineAnswer: labelled.inlineAnswer } : {}) });
      continue;
    }
    const bold = BOLD_LINE.exec(line.trim());
    if (bold && isQuestionLike(bold[2]) && !/:\s*$/.test(bold[2])) out.push({ index: i, endIndex: i, shape: 'labelled', text: bold[2] });
  }
  return out;
}

/**
 * Plain numbered questions: the number continues the current sequence (a small gap allowed) or restarts it at 1, and the
 * text asks something. Sub-steps inside answers are labels (`1. Celery Configuration:`) or statements.
 * In a list made of questions (no answers between the items, two in three asking) every item counts.
 */
export function numberedQuestions(lines: readonly string[], skip: (i: number) => boolean): Candidate[] {
  interface NumberedLine { index: number; num: number; text: string }
  const items: NumberedLine[] = [];
  lines.forEach((line, i) => {
    if (skip(i)) return;
    const m = NUMBERED.exec(line) ?? NUMBERED_NO_DOT.exec(line);
    if (m && !isContentsLink(m[2])) items.push({ index: i, num: Number(m[1]), text: m[2].trim() });
  });
  // Runs of items with nothing but blank or indented lines between them, numbered one after another.
  const inQuestionList = new Set<number>();
  for (let a = 0; a < items.length; ) {
    let b = a + 1;
    while (b < items.length && items[b].num === items[b - 1].num + 1 && onlyListLinesBetween(lines, items[b - 1].index, items[b].index)) b++;
    const run = items.slice(a, b);
    const asking = run.filter(r => isQuestionLike(unlabel(stripBold(r.text)))).length;
    if (run.length >= 3 && asking * 3 >= run.length * 2) for (const r of run) inQuestionList.add(r.index);
    a = b;
  }

  const out: Candidate[] = [];
  let expected = 1;
  for (const item of items) {
    const { index: i, num } = item;
    let text = item.text;
    let endIndex = i;
    // "1. **Title:**" with the question on the indented line below it.
    const title = /^\*\*(.+?)\*\*:?\s*$/.exec(text);
    const below = lines[i + 1];
    if (title && below !== undefined && /^\s{2,}\S/.test(below) && isQuestionLike(below.trim())) {
      const parts = [below.trim()];
      endIndex = i + 1;
      while (/^\s{2,}\S/.test(lines[endIndex + 1] ?? '') && !NUMBERED.test(lines[endIndex + 1].trim())) parts.push(lines[++endIndex].trim());
      text = parts.join(' ');
    }
    // A guide's numbering skips now and then (34, then 36); sub-steps restart low.
    if (!(num === 1 || (num >= expected && num <= expected + 5))) continue;
    if (!isQuestionLike(unlabel(stripBold(text))) && !(inQuestionList.has(i) && !/:\s*$/.test(text))) continue;
    // A question that wraps over a blank line: it stops mid-sentence and the text goes on in lower case.
    if (endIndex === i && !/[.?!:)"”]$/.test(text)) {
      let j = i + 1;
      while (j < lines.length && isBlank(lines[j]) && j - i <= 2) j++;
      if (j < lines.length && /^[a-z]/.test(lines[j].trim())) {
        text = `${text} ${lines[j].trim()}`;
        endIndex = j;
      }
    }
    const labelled = labelledQuestion(stripBold(text)) ?? labelledQuestion(text);
    const weak = !labelled && !inQuestionList.has(i) && !endsLikeQuestion(trimDecorations(text));
    out.push({ index: i, endIndex, shape: 'numbered', text: labelled?.question ?? text, number: num, ...(weak ? { weak } : {}), ...(labelled?.inlineAnswer ? { inlineAnswer: labelled.inlineAnswer } : {}) });
    expected = num + 1;
  }
  return out;
}

function onlyListLinesBetween(lines: readonly string[], from: number, to: number): boolean {
  for (let j = from + 1; j < to; j++) if (!isBlank(lines[j]) && !/^\s{2,}\S/.test(lines[j])) return false;
  return true;
}

/**
 * Lines of questions with no list markers, one per line ("How do you write unit tests?" under
 * "# Testing"): two or more in a row that ask, most of the block asking. Lines in between that do not
 * ask are their answers.
 */
export function questionLines(lines: readonly string[], skip: (i: number) => boolean, taken: ReadonlySet<number>): Candidate[] {
  const out: Candidate[] = [];
  const plain = (i: number) => {
    const t = lines[i]?.trim() ?? '';
    return !skip(i) && !taken.has(i) && t.length >= 8 && t.length <= 160 && /^[A-Z]/.test(t) && !HEADING.test(t) && !TABLE_ROW.test(t)
      && !/^([*+-]|\d{1,3}[.)])\s/.test(t) && !isCodeLine(t) && !labelledQuestion(t);
  };
  for (let i = 0; i < lines.length; i++) {
    if (!plain(i)) continue;
    let j = i;
    while (j + 1 < lines.length && plain(j + 1)) j++;
    const block = lines.slice(i, j + 1).map(l => l.trim());
    const asking = block.filter(t => isQuestionLike(t) && !/:\s*$/.test(t));
    if (asking.length >= 2 && asking.length * 3 >= block.length * 2) {
      block.forEach((t, k) => { if (asking.includes(t)) out.push({ index: i + k, endIndex: i + k, shape: 'line', text: t }); });
    }
    i = j;
  }
  return out;
}
