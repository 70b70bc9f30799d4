// Questions kept in Markdown tables: a header with a "Question" column ("| # | Question |"), and an
// "Answer" column when the guide gives one.

export interface TableQuestion {
  index: number;
  question: string;
  answer: string;
}

const ROW = /^\s*\|.*\|\s*$/;
const SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const QUESTION_HEADER = /^(q|qs?\.?|questions?|interview questions?)$/i;
const ANSWER_HEADER = /^(a|answers?|short answers?|explanation|solution)$/i;

function cells(row: string): string[] {
  return row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map(c => c.trim());
}

export function tableQuestions(lines: readonly string[], skip: (i: number) => boolean): TableQuestion[] {
  const out: TableQuestion[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (skip(i) || !ROW.test(lines[i]) || !SEPARATOR.test(lines[i + 1])) continue;
    const header = cells(lines[i]).map(c => c.replace(/\*\*/g, ''));
    const q = header.findIndex(c => QUESTION_HEADER.test(c));
    if (q < 0) continue;
    const a = header.findIndex(c => ANSWER_HEADER.test(c));
    let j = i + 2;
    for (; j < lines.length && !skip(j) && ROW.test(lines[j]); j++) {
      const row = cells(lines[j]);
      const question = row[q] ?? '';
      if (question.replace(/[*`_\s]/g, '') === '') continue;
      out.push({ index: j, question, answer: a >= 0 ? (row[a] ?? '') : '' });
    }
    i = j - 1;
  }
  return out;
}
