// Reads one guide document into raw questions by its structure, never by file name. A question is a
// heading, `<summary>`, bullet, bold paragraph, numbered line, `Q:`-labelled line or table row shaped
// like one; in plain-text guides that use none of these, a bare line that asks. Its answer is what
// follows up to the next question or the next section at its level, with answer labels ("Ans -",
// "**Answer**:") dropped, HTML turned into Markdown and unfenced code fenced.
import { cleanQuestion, endsLikeQuestion, isQuestionLike, isTitleLike, opensLikeQuestion, trimDecorations } from './questions';
import { isCodeLine, tidyAnswer } from './answer';
import { readLines } from './lines';
import { detailsBlocks, htmlHeading } from './html';
import { dropAnswerLabel, isContentsLink, labelledQuestion } from './labels';
import { bulletQuestions } from './lists';
import { tableQuestions } from './tables';

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

type Shape = 'heading' | 'numbered' | 'bullet' | 'bare' | 'line' | 'details' | 'labelled' | 'table';

interface Candidate {
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

interface Heading {
  index: number;
  level: number;
  text: string;
  /** Lines the heading occupies (an HTML heading may span several). */
  end: number;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const NUMBERED = /^(\d{1,3})[a-z]?[.)](?:\s+|(?=[A-Za-z]))(\S.*)$/;
/** "124 Explain the role of cookies?": a numbered question that lost its dot. */
const NUMBERED_NO_DOT = /^(\d{1,3})\s+([A-Z].*\?)\s*$/;
const HEADING_NUMBER = /^(\d{1,3})[a-z]?([.)]\s*|\s+)(\S.*)$/;
const BOLD_LABEL = /^\*\*([^*]+?):?\*\*:?\s*$/;
const BOLD_LINE = /^(\*\*|__)(?!\s)(.+?)(\*\*|__)\s*$/;
const LEVEL_WORD = /^(fundamentals|basics?|beginner|junior|intermediate|mid-level|advanced|senior|expert|bonus)$/i;
const TABLE_ROW = /^\s*\|/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;

function stripBold(text: string): string {
  return text.replace(/^\*\*(.*)\*\*$/, '$1').trim();
}

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}

/** The question a labelled, bold or numbered text carries, without its label. */
function unlabel(text: string): string {
  return labelledQuestion(text)?.question ?? text;
}

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

/**
 * Headings decide last. A heading is a question when it carries a question label ("### Q1:"), asks
 * ("## Why …?", unless its siblings are numbered and it is not), or is numbered ("## 4. Topic") without
 * being the title of the questions right under it ("## 1. Models — 6 Questions" above a list).
 */
function decideHeadings(lines: readonly string[], headings: Heading[], candidates: Candidate[]): { questionLines: Set<number>; containers: number[] } {
  const questionLines = new Set<number>();
  const containers: number[] = [];
  // Levels where the guide numbers its question headings: there, an unnumbered heading is a section.
  const numberedAtLevel = new Map<number, number>();
  for (const h of headings) {
    const numbered = HEADING_NUMBER.exec(stripBold(h.text));
    if (numbered && numbered[2].trim() && isQuestionLike(numbered[3])) numberedAtLevel.set(h.level, (numberedAtLevel.get(h.level) ?? 0) + 1);
  }
  const numberedLevels = [...numberedAtLevel].filter(([, n]) => n >= 2).map(([level]) => level);
  // Whether the heading sits under a numbered question heading (the nearest heading above it at a higher level).
  const underNumberedQuestion = new Set<number>();
  const stack: Heading[] = [];
  for (const h of headings) {
    while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
    const parent = stack[stack.length - 1];
    const numbered = parent && HEADING_NUMBER.exec(stripBold(parent.text));
    if (numbered && numbered[2].trim() && isQuestionLike(numbered[3])) underNumberedQuestion.add(h.index);
    stack.push(h);
  }
  const starts = new Set(candidates.filter(c => !c.weak).map(c => c.index));
  const decided: Candidate[] = [];
  for (let k = headings.length - 1; k >= 0; k--) {
    const h = headings[k];
    if (h.end !== h.index) continue;
    const body = trimDecorations(stripBold(h.text));
    const labelled = labelledQuestion(body);
    const numbered = HEADING_NUMBER.exec(body);
    const next = nextContentLine(lines, h.index);
    const nextHeading = headings[k + 1]?.index === next ? headings[k + 1] : undefined;
    // The title of the questions right below it (a sibling question heading does not make it one).
    const titlesQuestions = starts.has(next) && !(nextHeading && nextHeading.level === h.level);
    let text: string | undefined;
    if (labelled) text = labelled.question;
    else if (numbered && numbered[2].trim() && !titlesQuestions) text = unlabel(numbered[3].trim());
    else if (numbered && !numbered[2].trim() && opensLikeQuestion(numbered[3])) text = numbered[3].trim();
    // Where a guide numbers its question headings, an unnumbered one is a closing section when short
    // ("## Want more?") and a sub-heading of the answer it sits in ("### Why use migrations?").
    else if (!numbered && isQuestionLike(body) && endsLikeQuestion(body) && !(underNumberedQuestion.has(h.index) || (numberedLevels.includes(h.level) && body.split(/\s+/).length < 4))) text = body;
    if (text === undefined) {
      if (titlesQuestions) containers.push(h.index);
      continue;
    }
    questionLines.add(h.index);
    starts.add(h.index);
    decided.push({ index: h.index, endIndex: h.index, shape: 'heading', text, headingLevel: h.level });
  }
  candidates.push(...decided);
  return { questionLines, containers };
}

/**
 * Inside the answer of a heading question, numbered lines taken for their wording alone are the
 * answer's steps ("2. When direct code is clearer", "1. **Define the view**: …").
 */
function dropStepsInsideHeadingAnswers(headings: readonly Heading[], sections: { questionLines: Set<number>; containers: number[] }, candidates: Candidate[]): void {
  const containers = new Set(sections.containers);
  const regions: [number, number][] = [];
  headings.forEach((h, k) => {
    if (!sections.questionLines.has(h.index)) return;
    let to = Infinity;
    for (let j = k + 1; j < headings.length; j++) {
      const o = headings[j];
      if (o.level <= h.level || sections.questionLines.has(o.index) || containers.has(o.index)) { to = o.index; break; }
    }
    regions.push([h.index, to]);
  });
  if (!regions.length) return;
  // Regions follow one another without overlapping: one pass over both, in line order.
  const weak = new Set<Candidate>();
  let r = 0;
  for (const c of [...candidates].filter(x => x.weak).sort((a, b) => a.index - b.index)) {
    while (r < regions.length && regions[r][1] <= c.index) r++;
    if (r < regions.length && c.index > regions[r][0] && c.index < regions[r][1]) weak.add(c);
  }
  if (weak.size) candidates.splice(0, candidates.length, ...candidates.filter(c => !weak.has(c)));
}

/**
 * Lines of questions with no list markers, one per line ("How do you write unit tests?" under
 * "# Testing"): two or more in a row that ask, most of the block asking. Lines in between that do not
 * ask are their answers.
 */
function questionLines(lines: readonly string[], skip: (i: number) => boolean, taken: ReadonlySet<number>): Candidate[] {
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

/** The next line after `index` that holds content: blank lines and rules (`---`) skipped. */
function nextContentLine(lines: readonly string[], index: number): number {
  let j = index + 1;
  while (j < lines.length && (isBlank(lines[j]) || RULE.test(lines[j]))) j++;
  return j;
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

/** `Q:`/`Q1.`/`Q#1.`/`Q-1` lines and bold question paragraphs (`**Q. …**`, `**What is …?**`). */
function labelledLines(lines: readonly string[], skip: (i: number) => boolean): Candidate[] {
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
function numberedQuestions(lines: readonly string[], skip: (i: number) => boolean): Candidate[] {
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

/** `# urls.py` above or inside unfenced code in a scraped guide is a code comment, not a heading. */
function isCodeComment(lines: readonly string[], index: number): boolean {
  const line = lines[index];
  if (!/^#\s/.test(line)) return false;
  if (/\.py\b/.test(line) && !isQuestionLike(line.slice(1))) return true;
  // "# path('now/', views.now)": lower case with code in it. "# what is async" over prose is a heading.
  if (/^#\s+[a-z]/.test(line) && /[()=[\]{}'"‘’,]/.test(line)) return true;
  for (let j = index + 1; j < lines.length; j++) {
    if (lines[j].trim() === '') continue;
    return isCodeLine(lines[j]) && !/^#/.test(lines[j]);
  }
  return false;
}

function collectSections(lines: readonly string[], headings: readonly Heading[], candidates: readonly Candidate[]): GuideSection[] {
  const starts = [...headings.map(h => h.index), ...candidates.map(c => c.index)].sort((a, b) => a - b);
  return headings.map(h => {
    const k = firstAfter(starts, s => s, h.index);
    const end = k < starts.length ? starts[k] : lines.length;
    return { title: stripBold(h.text).replace(/:$/, ''), line: h.index + 1, text: lines.slice(h.end + 1, end).join('\n') };
  }).filter(s => s.text.trim().length > 0);
}
