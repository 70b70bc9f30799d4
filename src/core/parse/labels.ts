// The labels guides put in front of questions ("Q:", "Q1.", "Q#3.", "Q-4", "**Q.**") and answers
// ("A:", "Ans -", "Ans :-", "**Answer**:", "Sol:", ">>>"). A question label makes a line a question
// whatever its wording; an answer label is dropped from the answer it opens.
import { isQuestionLike } from './questions';

const Q_PREFIX = /^(?:Q\s*#\s*\d{1,3}\s*[.:)-]?|Q\s*-\s*\d{1,3}\s*[.:)-]?|Q\s*\d{1,3}\s*[.:)]|Q\s*[.:)]|Question\s*\d{0,3}\s*[.:)])\s*/i;

export interface LabelledQuestion {
  question: string;
  /** Text after the question on the same line: `**Q: …?** — the answer`. */
  inlineAnswer?: string;
}

/** The question of a `Q`-labelled line, plain or in bold; undefined for any other line. */
export function labelledQuestion(line: string): LabelledQuestion | undefined {
  let t = line.trim();
  const bold = t.startsWith('**');
  if (bold) t = t.slice(2).trimStart();
  // In bold, a bare "Q " before a capital is a label too: "**Q What is …?**".
  const labelled = Q_PREFIX.exec(t);
  const m = labelled ?? (bold ? /^Q\s+(?=[A-Z"“'(])/.exec(t) : null);
  if (!m) return undefined;
  let rest = t.slice(m[0].length);
  let inlineAnswer: string | undefined;
  if (bold) {
    // "**Q:** question", "**Q. question**", or "**Q: question?** — answer".
    rest = rest.replace(/^\*\*\s*/, '');
    const close = rest.indexOf('**');
    if (close >= 0) {
      const after = rest.slice(close + 2).trim();
      rest = rest.slice(0, close);
      if (after) {
        if (/^(<br\s*\/?>\s*)?$/i.test(after)) {
          // "**Q:** question <br>": the line break is layout.
        } else if (/^[—–-]|^:/.test(after)) inlineAnswer = after.replace(/^[—–:-]+\s*/, '');
        else rest = `${rest} ${after}`;
      }
    }
  }
  rest = rest.replace(/\s*<br\s*\/?>\s*$/i, '').trim();
  // A bare "Q " is only a label when what follows asks: "**Q Expressions**" is a title.
  if (rest.length < 3 || (!labelled && !isQuestionLike(rest))) return undefined;
  return inlineAnswer ? { question: rest, inlineAnswer } : { question: rest };
}

const ANSWER_LABEL = new RegExp(
  String.raw`^\s*(?:>>>\s*|(?:\*\*|__)?\s*(?:` +
    [
      String.raw`A\s*(?:\*\*|__)?\s*(?::-?|\)|\s-\s)`,
      String.raw`Answer\s*(?:\*\*|__)?\s*(?::-|[:.)]|\s[-–—]\s|[-–—]\s)`,
      String.raw`Ans\s*(?:\*\*|__)?\s*(?::-|[:.)]|\s[-–—]|[-–—]\s|(?=\s))`,
      String.raw`Sol(?:ution)?\s*(?:\*\*|__)?\s*(?::-?|[.)]|\s-\s)`,
    ].join('|') +
    String.raw`)\s*(?:\*\*|__)?)\s*`,
);

/** The answer without the label that opens it ("Ans :- ", "**Answer**:", "A: "), if it has one. */
export function dropAnswerLabel(answer: string): string {
  const lines = answer.split('\n');
  const first = lines.findIndex(l => l.trim() !== '');
  if (first < 0) return answer;
  const m = ANSWER_LABEL.exec(lines[first]);
  if (!m) return answer;
  const rest = lines[first].slice(m[0].length);
  if (rest.trim() === '') lines.splice(first, 1);
  else lines[first] = rest;
  return lines.join('\n');
}

/** A line that is only an answer label, or starts with one: it opens an answer. */
export function isAnswerLabelLine(line: string): boolean {
  return ANSWER_LABEL.test(line.replace(/^\s*[-*+]\s+/, ''));
}

/** A list item whose text is only a link to a place in the same document: a table of contents entry. */
export function isContentsLink(text: string): boolean {
  return /^\s*\[[^\]]+\]\(#[^)]*\)\s*$/.test(text);
}
