// What the shape readers find: a question candidate, a heading, and the small helpers they share.
import { labelledQuestion } from './labels';

export type Shape = 'heading' | 'numbered' | 'bullet' | 'bare' | 'line' | 'details' | 'labelled' | 'table';

export interface Candidate {
  index: number;
  /** Index of the last line the question text occupies (a question may wrap). */
  endIndex: number;
  shape: Shape;
  text: string;
  hint?: string;
  headingLevel?: number;
  /** The answer when the shape bounds it (a `<details>` body, a table cell, nested bullets). */
  fixedAnswer?: string;
  /** Answer text on the question's own line: `**Q: …?** — answer`. */
  inlineAnswer?: string;
  /** The number of a numbered question, for its list. */
  number?: number;
  /**
   * A numbered line taken for its wording alone (it does not end in "?" and is not in a list of
   * questions): inside a heading question's answer it is one of the answer's steps.
   */
  weak?: boolean;
}

export interface Heading {
  index: number;
  level: number;
  text: string;
  /** Lines the heading occupies (an HTML heading may span several). */
  end: number;
}

export const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;

export const TABLE_ROW = /^\s*\|/;

export const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;

export function stripBold(text: string): string {
  return text.replace(/^\*\*(.*)\*\*$/, '$1').trim();
}

export function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}

/** The question a labelled, bold or numbered text carries, without its label. */
export function unlabel(text: string): string {
  return labelledQuestion(text)?.question ?? text;
}

/** The next line after `index` that holds content: blank lines and rules (`---`) skipped. */
export function nextContentLine(lines: readonly string[], index: number): number {
  let j = index + 1;
  while (j < lines.length && (isBlank(lines[j]) || RULE.test(lines[j]))) j++;
  return j;
}
