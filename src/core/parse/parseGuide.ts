// Reads one guide document into raw questions by its structure. Four shapes are recognised wherever
// they occur, never by file name: Markdown heading questions (`## 3. …`), plain numbered questions
// (`3. What are …`, numbering restarting per part), bold bullet questions (`* **…?** (hint)`) and
// plain bullet question lists, and bare question lines followed by prose (only in documents that
// use none of the other shapes, where every answer line would otherwise be a candidate).
import { endsLikeQuestion, isQuestionLike, isTitleLike } from './questions';
import { isCodeLine, tidyAnswer } from './answer';

export interface RawQuestion {
  question: string;
  /** 1-based line of the question. */
  line: number;
  answer: string;
  hint?: string;
  section: string;
  level?: string;
}

/** A non-question heading with the text under it: where unanswered questions can point. */
export interface GuideSection {
  title: string;
  line: number;
  text: string;
}

export interface ParsedGuide {
  questions: RawQuestion[];
  sections: GuideSection[];
}

type Shape = 'heading' | 'numbered' | 'bullet' | 'bare';

interface Candidate {
  index: number;
  /** Index of the last line the question text occupies (a question may wrap). */
  endIndex: number;
  shape: Shape;
  text: string;
  hint?: string;
  headingLevel?: number;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const NUMBERED = /^(\d{1,3})[.)]\s+(\S.*)$/;
const BOLD_BULLET = /^\s*[*+-]\s+\*\*(.+?)\*\*\s*(.*)$/;
const PLAIN_BULLET = /^[*+-]\s+(?!\*\*)(\S.*)$/;
const BOLD_LABEL = /^\*\*([^*]+?):?\*\*:?\s*$/;
const LEVEL_WORD = /^(fundamentals|basics?|beginner|junior|intermediate|mid-level|advanced|senior|expert|bonus)$/i;
const TABLE_ROW = /^\s*\|/;

function stripBold(text: string): string {
  return text.replace(/^\*\*(.*)\*\*$/, '$1').trim();
}

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}

/** Marks lines inside (and on) fenced code blocks. */
function fencedLines(lines: string[]): boolean[] {
  const fenced = new Array<boolean>(lines.length).fill(false);
  let open: string | null = null;
  lines.forEach((line, i) => {
    const m = /^\s*(```+|~~~+)/.exec(line);
    if (open) {
      fenced[i] = true;
      if (m && m[1][0] === open[0] && m[1].length >= open.length) open = null;
    } else if (m) {
      fenced[i] = true;
      open = m[1];
    }
  });
  return fenced;
}

export function parseGuide(text: string): ParsedGuide {
  const lines = text.split(/\r\n|\r|\n/);
  const fenced = fencedLines(lines);
  const candidates: Candidate[] = [];
  const headings: { index: number; level: number; text: string }[] = [];
  const labels: { index: number; text: string }[] = [];

  // Markdown headings: numbered or question-like ones are questions, the rest are sections.
  lines.forEach((line, i) => {
    if (fenced[i]) return;
    const h = HEADING.exec(line);
    if (h && !isCodeComment(lines, i)) {
      const body = stripBold(h[2]);
      const numbered = NUMBERED.exec(body);
      if (numbered) candidates.push({ index: i, endIndex: i, shape: 'heading', text: numbered[2].trim(), headingLevel: h[1].length });
      else if (isQuestionLike(body) && endsLikeQuestion(body)) candidates.push({ index: i, endIndex: i, shape: 'heading', text: body, headingLevel: h[1].length });
      else headings.push({ index: i, level: h[1].length, text: body.replace(/:$/, '') });
      return;
    }
    const label = BOLD_LABEL.exec(line.trim());
    if (label) labels.push({ index: i, text: label[1].trim() });
  });

  // Plain numbered questions: the number continues the current sequence or restarts it at 1, and the
  // text asks something. Sub-steps inside answers are labels (`1. Celery Configuration:`) or statements.
  let expected = 1;
  lines.forEach((line, i) => {
    if (fenced[i]) return;
    const m = NUMBERED.exec(line);
    if (!m) return;
    const num = Number(m[1]);
    let text = m[2].trim();
    let endIndex = i;
    if (!(num === expected || num === 1) || !isQuestionLike(text)) return;
    // A question that wraps over a blank line: it stops mid-sentence and the text goes on in lower case.
    if (!/[.?!:)"”]$/.test(text)) {
      let j = i + 1;
      while (j < lines.length && isBlank(lines[j]) && j - i <= 2) j++;
      if (j < lines.length && /^[a-z]/.test(lines[j].trim())) {
        text = `${text} ${lines[j].trim()}`;
        endIndex = j;
      }
    }
    candidates.push({ index: i, endIndex, shape: 'numbered', text });
    expected = num + 1;
  });

  // Bullet questions: bold ones with an optional hint, and plain lists made of questions.
  let run: { index: number; text: string }[] = [];
  const flushRun = () => {
    const asking = run.filter(item => isQuestionLike(item.text));
    if (run.length >= 2 && asking.length * 3 >= run.length * 2) {
      for (const item of asking) candidates.push({ index: item.index, endIndex: item.index, shape: 'bullet', text: item.text });
    }
    run = [];
  };
  lines.forEach((line, i) => {
    if (fenced[i]) return flushRun();
    const bold = BOLD_BULLET.exec(line);
    if (bold) {
      flushRun();
      const question = bold[1].trim();
      if (isQuestionLike(question)) {
        const hint = bold[2].trim().replace(/^\((.*)\)$/s, '$1').trim();
        candidates.push({ index: i, endIndex: i, shape: 'bullet', text: question, ...(hint ? { hint } : {}) });
      }
      return;
    }
    const plain = PLAIN_BULLET.exec(line);
    if (plain) run.push({ index: i, text: plain[1].trim() });
    else if (!isBlank(line) || run.length === 0) flushRun();
  });
  flushRun();

  // Bare question lines: the document's own shape only when it uses no other.
  if (candidates.length === 0) {
    lines.forEach((line, i) => {
      if (fenced[i] || TABLE_ROW.test(line) || /^\s*([*+-]|\d+[.)])\s/.test(line) || HEADING.test(line)) return;
      const t = line.trim();
      if (t.length <= 160 && isQuestionLike(t) && !/^[a-z]/.test(t) && !/[=(]\s*$/.test(t)) {
        candidates.push({ index: i, endIndex: i, shape: 'bare', text: t });
      }
    });
  }

  candidates.sort((a, b) => a.index - b.index);

  // Part titles of plain-text guides: where numbering restarts (or a bare question follows a title line),
  // the title line just above is the part's section and ends the previous answer.
  const titles = new Map<number, string>();
  const partTitleLines: number[] = [];
  for (const c of candidates) {
    const restart = c.shape === 'numbered' && /^1[.)]\s/.test(lines[c.index]);
    if (!restart && c.shape !== 'bare') continue;
    let proseSkipped = 0;
    for (let j = c.index - 1; j >= 0; j--) {
      const t = lines[j].trim();
      if (t === '') continue;
      if (isTitleLike(t) && !fenced[j]) {
        titles.set(c.index, t);
        partTitleLines.push(j);
        break;
      }
      // A part may carry one descriptive sentence between its title and its first question.
      if (!restart || proseSkipped++ > 0) break;
    }
  }

  // Everything that ends an answer: the next question, a heading, a part title, a bold label.
  const stops = new Set<number>([...candidates.map(c => c.index), ...headings.map(h => h.index), ...labels.map(l => l.index), ...partTitleLines]);
  const sortedStops = [...stops].sort((a, b) => a - b);
  const nextStop = (after: number) => sortedStops.find(s => s > after) ?? lines.length;

  const questions: RawQuestion[] = [];
  let section = '';
  let level: string | undefined;
  let sub = '';
  let hi = 0;
  let li = 0;
  let titleSection = '';
  for (const c of candidates) {
    // Section context: the last heading and bold label before the question.
    while (hi < headings.length && headings[hi].index < c.index) {
      const h = headings[hi++];
      if (h.level <= 2 || !section) { section = h.text; sub = ''; level = undefined; }
    }
    while (li < labels.length && labels[li].index < c.index) {
      const label = labels[li++].text;
      if (LEVEL_WORD.test(label)) { level = label; sub = ''; } else sub = label;
    }
    if (titles.has(c.index)) titleSection = titles.get(c.index)!;
    const where = [section, titleSection, sub].filter(Boolean).join(' › ');

    const end = c.shape === 'bullet' ? bulletAnswerEnd(lines, c.index) : nextStop(c.endIndex);
    const body = lines.slice(c.endIndex + 1, end);
    questions.push({
      question: stripBold(c.text),
      line: c.index + 1,
      answer: tidyAnswer(body.join('\n')),
      ...(c.hint ? { hint: c.hint } : {}),
      section: where,
      ...(level ? { level } : {}),
    });
  }

  return { questions, sections: collectSections(lines, headings, candidates) };
}

/** `# urls.py` above unfenced code in a scraped guide is a code comment, not a heading. */
function isCodeComment(lines: string[], index: number): boolean {
  if (!/^#\s/.test(lines[index])) return false;
  if (/\.py\b|^#\s+[a-z]/.test(lines[index])) return true;
  const next = lines.slice(index + 1).find(l => l.trim() !== '');
  return next !== undefined && isCodeLine(next) && !/^#/.test(next);
}

/** A bullet question's answer is only what is indented under it. */
function bulletAnswerEnd(lines: string[], index: number): number {
  let j = index + 1;
  while (j < lines.length && (/^\s{2,}\S/.test(lines[j]) || (isBlank(lines[j]) && /^\s{2,}\S/.test(lines[j + 1] ?? '')))) j++;
  return j;
}

function collectSections(lines: string[], headings: { index: number; text: string }[], candidates: Candidate[]): GuideSection[] {
  const starts = [...headings.map(h => h.index), ...candidates.map(c => c.index)].sort((a, b) => a - b);
  return headings.map(h => {
    const end = starts.find(s => s > h.index) ?? lines.length;
    return { title: h.text, line: h.index + 1, text: lines.slice(h.index + 1, end).join('\n') };
  }).filter(s => s.text.trim().length > 0);
}
