// What reading one guide file gave: its questions and how many have an answer, why a file gave nothing,
// and a hint when a guide gives suspiciously few questions for its size.
import type { GuideReport } from '../types';
import type { ParsedGuide } from './parseGuide';
import { fencedLines } from './lines';
import { trimDecorations } from './questions';

/** The shapes the parser reads questions from, for messages to people whose guide yields few. */
export const SHAPES_UNDERSTOOD =
  "headings that ask or are numbered ('## 1. Question', '### Q1: …'), '<details><summary>' questions, bold 'Q.' paragraphs and 'Q:', 'Q1.', 'Q-1' lines " +
  "(answers may start 'A:', 'Ans -', '**Answer**:'), numbered or bulleted questions (with a nested '- **Answer:**' item or not), " +
  "tables with a 'Question' column, and in plain text, lines ending in '?'";

export const NO_QUESTIONS = `no interview questions found; questions are read from ${SHAPES_UNDERSTOOD}`;

/** A guide this large yielding fewer questions than one per this many bytes gets a hint. */
const BYTES_PER_QUESTION = 8 * 1024;
const LARGE_GUIDE = 20 * 1024;

/** Lines outside code that end in "?" (an emoji or arrow after it allowed). */
function askingLines(text: string): number[] {
  const lines = text.split(/\r\n|\r|\n/);
  const fenced = fencedLines(lines);
  const out: number[] = [];
  lines.forEach((line, i) => {
    if (!fenced[i] && /\?\W*$/.test(trimDecorations(line).replace(/[*_`]+$/, ''))) out.push(i + 1);
  });
  return out;
}

export function guideReport(file: string, bytes: number, text: string, parsed: ParsedGuide): GuideReport {
  const questions = parsed.questions.length;
  const answered = parsed.questions.filter(q => q.answer.trim().length > 0).length;
  const taken = new Set(parsed.questions.map(q => q.line));
  const untaken = askingLines(text).filter(l => !taken.has(l)).length;
  const report: GuideReport = { file, bytes, questions, answered };
  if (questions === 0) {
    report.problem = untaken > 0 ? `${NO_QUESTIONS} (${untaken} line${untaken === 1 ? ' ends' : 's end'} in '?' but none is in one of these shapes)` : NO_QUESTIONS;
    return report;
  }
  const fewForSize = bytes >= LARGE_GUIDE && bytes / questions > BYTES_PER_QUESTION;
  const manyLeft = untaken >= 5 && untaken > questions;
  if (fewForSize || manyLeft) {
    const size = bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
    report.hint = `only ${questions} question${questions === 1 ? '' : 's'} found in ${size}${untaken ? ` (${untaken} other line${untaken === 1 ? ' ends' : 's end'} in '?')` : ''}; questions are read from ${SHAPES_UNDERSTOOD}`;
  }
  return report;
}

/** One line per file for logs: "guide.md: 24 questions, 22 with an answer". */
export function describeReport(r: GuideReport): string {
  if (r.problem) return `${r.file}: skipped, ${r.problem}`;
  return `${r.file}: ${r.questions} question${r.questions === 1 ? '' : 's'}, ${r.answered} with an answer${r.hint ? `; ${r.hint}` : ''}`;
}
