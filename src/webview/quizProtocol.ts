// The quiz view's messages. The session is plain JSON (core/quiz/session); the webview keeps it in its
// state so a reload restores the quiz. The current item's texts come rendered with it (`view`): the
// `*Html` fields are markdown-it output (raw HTML off) or our own escaped markup, everything else is
// plain text. Everything from the webview is validated before use.
import { asRecord, isEntryId } from './validate';
import type { QuizSession, QuizResult } from '../core/quiz/session';
import type { ReviewNoteView } from './answerProtocol';
import { isRating, type Rating } from '../core/schedule/types';

export interface QuizViewState {
  session: QuizSession;
}

/** The guide question an item drills, to open its answer. */
export interface QuestionLink {
  id: string;
  question: string;
}

export type ItemView =
  | {
    kind: 'bank';
    stemHtml: string;
    /** In the order shown. */
    optionsHtml: string[];
    /** Per option shown: why it is wrong ('' for the right one). */
    whyHtml: string[];
    explanationHtml: string;
    link: QuestionLink;
  }
  | {
    kind: 'cloze';
    /** The sentence, its blank as `<span class="blank">`. */
    sentenceHtml: string;
    optionsHtml: string[];
    /** The sentence with the right name filled in. */
    filledHtml: string;
    link: QuestionLink;
  }
  | {
    kind: 'card';
    answerHtml: string;
    /** Set when the answer shown is our re-rendering of a damaged one. */
    repaired?: boolean;
    review?: ReviewNoteView;
    keyPointsHtml: string[];
    /** How the ticks become a grade, in words. */
    gradeRule: string;
  }
  | {
    /** A flashcard of the pitfalls quiz: the user's own lines and the interviewer's question about them. */
    kind: 'pitfall';
    insightId: string;
    title: string;
    /** `path:line` (1-based), to show and to open. */
    where: string;
    path: string;
    line: number;
    /** The lines, highlighted (a `<pre class="code">`). */
    codeHtml: string;
    /** 1-based number of the first line shown, and how many are shown (for the line-number gutter). */
    firstLine: number;
    lineCount: number;
    messageHtml: string;
    interviewQuestion: string;
    problemHtml: string;
    fixHtml: string;
    /** The insight's guide questions, best first (the first is the card graded). */
    links: QuestionLink[];
  };

/** Extension → webview. */
export interface QuizStateMessage {
  type: 'state';
  session: QuizSession;
  scopeLabel: string;
  /** The current item's texts (absent once the quiz is finished). */
  view?: ItemView;
  /** Flashcards with key points: the grade the ticks propose (Enter confirms it). */
  proposal?: Rating;
  result?: QuizResult & { dueTomorrow: number; dueToday: number; newToday: number };
}

export type FromQuizWebview =
  | { type: 'ready' }
  | { type: 'choose'; index: number; choice: number }
  | { type: 'reveal'; index: number }
  | { type: 'tick'; index: number; point: number }
  | { type: 'grade'; index: number; rating: Rating }
  | { type: 'confirm'; index: number }
  | { type: 'next'; index: number }
  | { type: 'end' }
  | { type: 'again' }
  | { type: 'newQuiz' }
  | { type: 'open'; id: string }
  | { type: 'openFile'; path: string; line: number };

const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 1000;
const isSmall = (v: unknown, max: number): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < max;

export function parseQuizMessage(value: unknown): FromQuizWebview | undefined {
  const m = asRecord(value);
  if (!m) return undefined;
  switch (m.type) {
    case 'ready':
    case 'end':
    case 'again':
    case 'newQuiz':
      return { type: m.type };
    case 'choose':
      return isIndex(m.index) && isSmall(m.choice, 4) ? { type: 'choose', index: m.index, choice: m.choice } : undefined;
    case 'tick':
      return isIndex(m.index) && isSmall(m.point, 20) ? { type: 'tick', index: m.index, point: m.point } : undefined;
    case 'reveal':
    case 'next':
    case 'confirm':
      return isIndex(m.index) ? { type: m.type, index: m.index } : undefined;
    case 'grade':
      return isIndex(m.index) && isRating(m.rating) ? { type: 'grade', index: m.index, rating: m.rating } : undefined;
    case 'open':
      return isEntryId(m.id) ? { type: 'open', id: m.id } : undefined;
    case 'openFile':
      return typeof m.path === 'string' && m.path.length > 0 && m.path.length < 1000 && !m.path.split('/').includes('..') && Number.isInteger(m.line) && (m.line as number) >= 0
        ? { type: 'openFile', path: m.path, line: m.line as number } : undefined;
    default:
      return undefined;
  }
}
