// Reads one guide document into raw questions by its structure, never by file name. A question is a
// heading, `<summary>`, bullet, bold paragraph, numbered line, `Q:`-labelled line or table row shaped
// like one; in plain-text guides that use none of these, a bare line that asks. Its answer is what
// follows up to the next question or the next section at its level, with answer labels ("Ans -",
// "**Answer**:") dropped, HTML turned into Markdown and unfenced code fenced.
import { cleanQuestion, isQuestionLike, isTitleLike } from './questions';
import { tidyAnswer } from './answer';
import { readLines } from './lines';
import { detailsBlocks, htmlHeading } from './html';
import { dropAnswerLabel, labelledQuestion } from './labels';
import { bulletQuestions } from './lists';
import { tableQuestions } from './tables';
import { type Candidate, HEADING, type Heading, isBlank, nextContentLine, RULE, stripBold, TABLE_ROW, unlabel } from './candidate';
import { decideHeadings, dropStepsInsideHeadingAnswers, isCodeComment } from './headings';
import { labelledLines, numberedQuestions, questionLines } from './textQuestions';

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

const BOLD_LABEL = /^\*\*([^*]+?):?\*\*:?\s*$/;

const LEVEL_WORD = /^(fundamentals|basics?|beginner|junior|intermediate|mid-level|advanced|senior|expert|bonus)$/i;

export function parseGuide(text: string): ParsedGuide {
  const { lines, fenced } = readLines(text);

  // `<details>` blocks whose summary asks (or is numbered) are questions; their lines belong to them.
  const owned = new Array<boolean>(lines.length).fill(false);
  const containerLines = new Set<number>();
  const candidates: Candidate[] = [];
  for (const d of detailsBlocks(lines, fenced)) {
    if (owned[d.start]) continue;
    const numbered = /^(\d{1,3})[.)]\s*(\S.*)$/.exec(d.summary);
    const question = unlabel(numbered ? numbered[2] : d.summary);
    if (numbered || labelledQuestion(d.summary) || isQuestionLike(question)) {
      for (let i = d.start; i <= d.end; i++) owned[i] = true;
      candidates.push({ index: d.summaryLine, endIndex: d.summaryLine, shape: 'details', text: question, fixedAnswer: d.body });
    } else {
      // A details block that only folds other content ("Click to expand questions") ends answers.
      containerLines.add(d.start).add(d.summaryLine).add(d.end);
    }
  }
  const skip = (i: number) => fenced[i] || owned[i];

  // Headings: decided once every other question is known (a numbered heading above questions is a section).
  const headings: Heading[] = [];
  const labels: { index: number; text: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (skip(i)) continue;
    const h = HEADING.exec(lines[i]);
    if (h && !isCodeComment(lines, i)) {
      headings.push({ index: i, level: h[1].length, text: h[2], end: i });
      continue;
    }
    const html = htmlHeading(lines, i);
    if (html) {
      headings.push({ index: i, level: html.level, text: html.text, end: html.end });
      i = html.end;
      continue;
    }
    const label = BOLD_LABEL.exec(lines[i].trim());
    if (label) labels.push({ index: i, text: label[1].trim() });
  }

  candidates.push(...labelledLines(lines, skip));
  candidates.push(...numberedQuestions(lines, skip));
  for (const b of bulletQuestions(lines, skip)) {
    candidates.push({ index: b.index, endIndex: b.index, shape: 'bullet', text: b.text, ...(b.hint ? { hint: b.hint } : {}), fixedAnswer: b.answer });
  }
  for (const t of tableQuestions(lines, skip)) candidates.push({ index: t.index, endIndex: t.index, shape: 'table', text: t.question, fixedAnswer: t.answer });

  const sections = decideHeadings(lines, headings, candidates);
  dropStepsInsideHeadingAnswers(headings, sections, candidates);
  if (candidates.length) candidates.push(...questionLines(lines, skip, new Set(candidates.map(c => c.index))));

  // Bare question lines: the document's own shape only when it uses no other.
  if (candidates.length === 0) {
    lines.forEach((line, i) => {
      if (skip(i) || TABLE_ROW.test(line) || /^\s*([*+-]|\d+[.)])\s/.test(line) || HEADING.test(line)) return;
      const t = line.trim();
      if (t.length <= 160 && isQuestionLike(t) && !/^[a-z]/.test(t) && !/[=(]\s*$/.test(t)) {
        candidates.push({ index: i, endIndex: i, shape: 'bare', text: t });
      }
    });
  }

  candidates.sort((a, b) => a.index - b.index);
  // One question per line, whichever shape found it first.
  for (let k = candidates.length - 1; k > 0; k--) if (candidates[k].index === candidates[k - 1].index) candidates.splice(k, 1);
  const starts = new Set(candidates.map(c => c.index));

  // Part titles of plain-text guides: where numbering restarts (or a bare question follows a title line),
  // the title line just above is the part's section and ends the previous answer.
  const titles = new Map<number, string>();
  const partTitleLines: number[] = [];
  for (const c of candidates) {
    const restart = c.shape === 'numbered' && c.number === 1;
    if (!restart && c.shape !== 'bare') continue;
    let proseSkipped = 0;
    for (let j = c.index - 1; j >= 0; j--) {
      const t = lines[j].trim();
      if (t === '') continue;
      if (isTitleLike(t) && !fenced[j] && !starts.has(j)) {
        titles.set(c.index, t);
        partTitleLines.push(j);
        break;
      }
      // A part may carry one descriptive sentence between its title and its first question.
      if (!restart || proseSkipped++ > 0) break;
    }
  }

  // A bold label ("**Basics:**") names the questions under it; elsewhere it is part of an answer.
  const sectionLabels = labels.filter(l => starts.has(nextContentLine(lines, l.index)));
  const stops = [...new Set([...candidates.map(c => c.index), ...sectionLabels.map(l => l.index), ...partTitleLines, ...containerLines, ...sections.containers])].sort((a, b) => a - b);
  const sectionHeadings = headings.filter(h => !sections.questionLines.has(h.index));

  const questions: RawQuestion[] = [];
  let section = '';
  let level: string | undefined;
  let sub = '';
  let hi = 0;
  let li = 0;
  let titleSection = '';
  const bodies: { candidate: Candidate; startsAfterBlank: boolean; answer: string }[] = [];
  for (const c of candidates) {
    // Section context: the last heading and section label before the question.
    while (hi < sectionHeadings.length && sectionHeadings[hi].index < c.index) {
      const h = sectionHeadings[hi++];
      if (h.level <= 2 || !section) {
        section = stripBold(h.text).replace(/:$/, '');
        sub = '';
        // "## Basics", "## Intermediate": a heading that names a level sets it.
        level = LEVEL_WORD.test(section) ? section : undefined;
      }
    }
    while (li < sectionLabels.length && sectionLabels[li].index < c.index) {
      const label = sectionLabels[li++].text;
      if (LEVEL_WORD.test(label)) { level = label; sub = ''; } else sub = label;
    }
    if (titles.has(c.index)) titleSection = titles.get(c.index)!;
    const where = [section, titleSection, sub].filter(Boolean).join(' › ');

    let raw: string;
    let startsAfterBlank = false;
    if (c.fixedAnswer !== undefined) raw = c.fixedAnswer;
    else {
      const end = answerEnd(c, stops, sectionHeadings, lines.length);
      const body = cutAtRule(lines.slice(c.endIndex + 1, end), fenced, c.endIndex + 1);
      startsAfterBlank = isBlank(body[0]);
      raw = [c.inlineAnswer ?? '', ...body].join('\n');
    }
    const answer = tidyAnswer(dropAnswerLabel(raw));
    bodies.push({ candidate: c, startsAfterBlank, answer });
    questions.push({
      question: cleanQuestion(stripBold(c.text)),
      line: c.index + 1,
      answer,
      ...(c.hint ? { hint: c.hint } : {}),
      section: where,
      ...(level ? { level } : {}),
    });
  }
  dropListEpilogue(bodies, questions);

  return { questions, sections: collectSections(lines, sectionHeadings, candidates) };
}

/** Where a question's answer ends: the next question or section stop; for a heading, a heading at its level or above. */
function answerEnd(c: Candidate, stops: readonly number[], headings: readonly Heading[], total: number): number {
  const s = firstAfter(stops, x => x, c.endIndex);
  const end = s < stops.length ? stops[s] : total;
  for (let k = firstAfter(headings, h => h.index, c.endIndex); k < headings.length && headings[k].index < end; k++) {
    if (c.headingLevel === undefined || headings[k].level <= c.headingLevel) return headings[k].index;
  }
  return end;
}

/** The position of the first element whose key is after `index` (binary search over a sorted array). */
function firstAfter<T>(sorted: readonly T[], key: (t: T) => number, index: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(sorted[mid]) > index) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A thematic break (`---`) after some answer text ends the answer: what follows belongs to no question. */
function cutAtRule(body: string[], fenced: readonly boolean[], offset: number): string[] {
  let seen = false;
  for (let k = 0; k < body.length; k++) {
    if (fenced[offset + k]) { seen = true; continue; }
    if (RULE.test(body[k]) && !/^\s*[-*_]{3,}\s*\S/.test(body[k])) {
      if (seen) return body.slice(0, k);
    } else if (!isBlank(body[k])) seen = true;
  }
  return body;
}

/**
 * In a numbered list of questions without answers, the text after the last item closes the list
 * ("Take your time…"); it is not that question's answer.
 */
function dropListEpilogue(bodies: { candidate: Candidate; startsAfterBlank: boolean; answer: string }[], questions: RawQuestion[]): void {
  let emptyRun = 0;
  for (let k = 0; k < bodies.length; k++) {
    const { candidate, startsAfterBlank, answer } = bodies[k];
    const previous = bodies[k - 1]?.candidate;
    const sibling = candidate.shape === 'numbered' && previous?.shape === 'numbered' && previous.number !== undefined && candidate.number === previous.number + 1;
    if (sibling && emptyRun >= 2 && answer && startsAfterBlank) {
      questions[k].answer = '';
      bodies[k].answer = '';
    }
    emptyRun = candidate.shape === 'numbered' && !bodies[k].answer ? (sibling ? emptyRun + 1 : 1) : 0;
  }
}

function collectSections(lines: readonly string[], headings: readonly Heading[], candidates: readonly Candidate[]): GuideSection[] {
  const starts = [...headings.map(h => h.index), ...candidates.map(c => c.index)].sort((a, b) => a - b);
  return headings.map(h => {
    const k = firstAfter(starts, s => s, h.index);
    const end = k < starts.length ? starts[k] : lines.length;
    return { title: stripBold(h.text).replace(/:$/, ''), line: h.index + 1, text: lines.slice(h.end + 1, end).join('\n') };
  }).filter(s => s.text.trim().length > 0);
}
