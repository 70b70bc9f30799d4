// The hover model: exactly what the editor's hover shows for a position. The VS Code layer only
// formats it (and adds the command links).
import type { Library } from '../library';
import type { TopicId } from '../taxonomy';
import { detectAt, type Detection, type DocumentAnalysis } from './analysis';
import { constructName, HOVER_QUESTIONS, rankQuestions } from './rank';
import { ruleById } from './rules';

export interface HoverQuestion {
  id: string;
  question: string;
  preview: string;
}

export interface HoverModel {
  /** The construct's range: 0-based line, 0-based start and exclusive end within it. */
  range: { line: number; start: number; end: number };
  ruleId: string;
  /** Short label of the construct, e.g. `transaction.on_commit`. */
  title: string;
  topics: TopicId[];
  /** What interviewers probe about the construct (one line). */
  probe: string;
  /** The questions a candidate would answer about the construct, best first (at most 3; none when the library has none). */
  questions: HoverQuestion[];
  /** Said instead of questions when there are none: the library has nothing on the construct. */
  nothing?: string;
  /** The query of the hover's "search the guides" link, shown with `nothing`. */
  search: string;
}

/** The hover content for one detection; `text`: the detected text (what the code writes there). */
export function hoverForDetection(detection: Detection, library: Library, text?: string): HoverModel | null {
  const rule = ruleById(detection.ruleId);
  if (!rule) return null;
  const questions = rankQuestions(library, rule, HOVER_QUESTIONS, text).map(({ id, question, preview }) => ({ id, question, preview }));
  // A rule some of whose names have questions: say which name has none, and search for it.
  const partly = text !== undefined && !questions.length && rankQuestions(library, rule).length > 0;
  const subject = partly ? constructName(text) : rule.title;
  const search = partly ? constructName(text) : rule.keywords[0] ?? rule.title;
  return {
    range: { line: detection.line, start: detection.start, end: detection.end },
    ruleId: rule.id,
    title: rule.title,
    topics: detection.topics,
    probe: rule.probe,
    questions,
    ...(questions.length ? {} : { nothing: `No question in the loaded guides covers ${subject} yet.` }),
    search,
  };
}

/** The text a detection covers. */
export function detectedText(analysis: DocumentAnalysis, detection: Detection): string {
  const start = analysis.lineStarts[detection.line];
  return analysis.text.slice(start + detection.start, start + detection.end);
}

/** What the hover shows at a position (0-based line and character), or null where it shows nothing. Never throws. */
export function hoverAt(analysis: DocumentAnalysis, library: Library, line: number, character: number): HoverModel | null {
  try {
    const detection = detectAt(analysis, line, character);
    return detection ? hoverForDetection(detection, library, detectedText(analysis, detection)) : null;
  } catch {
    return null;
  }
}
