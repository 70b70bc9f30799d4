// The quiz view's messages. The session is plain JSON (core/quiz/session); the webview keeps it in its
// state so a reload restores the quiz. Everything from the webview is validated before use.
import { asRecord, isEntryId } from './validate';
import type { QuizSession, QuizResult } from '../core/quiz/session';
import { isRating, type Rating } from '../core/schedule/types';

export interface QuizViewState {
  session: QuizSession;
}

/** Extension → webview. `answersHtml` holds markdown-it output (raw HTML off) per question id. */
export interface QuizStateMessage {
  type: 'state';
  session: QuizSession;
  scopeLabel: string;
  answersHtml: Record<string, string>;
  result?: QuizResult & { dueTomorrow: number; dueToday: number; newToday: number };
}

export type FromQuizWebview =
  | { type: 'ready' }
  | { type: 'choose'; index: number; choice: number }
  | { type: 'reveal'; index: number }
  | { type: 'grade'; index: number; rating: Rating }
  | { type: 'next'; index: number }
  | { type: 'end' }
  | { type: 'again' }
  | { type: 'newQuiz' }
  | { type: 'open'; id: string };

const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 1000;

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
      return isIndex(m.index) && Number.isInteger(m.choice) && (m.choice as number) >= 0 && (m.choice as number) < 4 ? { type: 'choose', index: m.index, choice: m.choice as number } : undefined;
    case 'reveal':
    case 'next':
      return isIndex(m.index) ? { type: m.type, index: m.index } : undefined;
    case 'grade':
      return isIndex(m.index) && isRating(m.rating) ? { type: 'grade', index: m.index, rating: m.rating } : undefined;
    case 'open':
      return isEntryId(m.id) ? { type: 'open', id: m.id } : undefined;
    default:
      return undefined;
  }
}
