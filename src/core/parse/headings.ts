// Headings decide last: which are questions, which are the titles of the questions below them, and
// which numbered lines inside a heading question's answer are only its steps.
import { isCodeLine } from './answer';
import { endsLikeQuestion, isQuestionLike, opensLikeQuestion, trimDecorations } from './questions';
import { labelledQuestion } from './labels';
import { type Candidate, type Heading, nextContentLine, stripBold, unlabel } from './candidate';

const HEADING_NUMBER = /^(\d{1,3})[a-z]?([.)]\s*|\s+)(\S.*)$/;

/**
 * Headings decide last. A heading is a question when it carries a question label ("### Q1:"), asks
 * ("## Why …?"; in a guide that numbers its question headings, not a short unnumbered one, nor one
 * inside a numbered question's answer), or is numbered ("## 4. Topic") without being the title of the
 * questions right under it ("## 1. Models — 6 Questions" above a list).
 */
export function decideHeadings(lines: readonly string[], headings: Heading[], candidates: Candidate[]): { questionLines: Set<number>; containers: number[] } {
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
export function dropStepsInsideHeadingAnswers(headings: readonly Heading[], sections: { questionLines: Set<number>; containers: number[] }, candidates: Candidate[]): void {
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

/** `# urls.py` above or inside unfenced code in a scraped guide is a code comment, not a heading. */
export function isCodeComment(lines: readonly string[], index: number): boolean {
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
