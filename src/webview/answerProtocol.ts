// The answer view's messages, shared by the extension and the webview script. Everything arriving from
// the webview is validated before use.
import { asRecord, isEntryId } from './validate';
import type { AnswerVerdict } from '../core/content/schema';

export interface AnswerLink {
  id: string;
  question: string;
}

export interface AnswerSource {
  /** e.g. `django-interview-answers-parts-7-16.md:124` */
  label: string;
}

/** A review note shown with an answer ("Since Django 5.1 …"). */
export interface ReviewNoteView {
  verdict: AnswerVerdict;
  /** e.g. "Outdated in the guide". */
  label: string;
  noteHtml: string;
}

/** Extension → webview: what to show. Strings are plain text except the `*Html` fields (markdown-it output, raw HTML off). */
export interface ShowAnswerMessage {
  type: 'show';
  id: string;
  question: string;
  topics: string[];
  section: string;
  level?: string;
  source: AnswerSource;
  answerHtml: string;
  /** Our re-rendering of an answer the scrape damaged (same words): shown first, the guide's own one key away. */
  repairedHtml?: string;
  /** The review's note where the answer is outdated, wrong, damaged or incomplete. */
  review?: ReviewNoteView;
  /** Set when the answer was reviewed against current Django and found right. */
  checked?: boolean;
  /** The 3–6 points a good answer makes. */
  keyPointsHtml?: string[];
  hintHtml?: string;
  seeAlso?: { label: string; id?: string };
  variants: (AnswerLink & { source: string })[];
  previous?: AnswerLink;
  next?: AnswerLink;
  position: { index: number; total: number; topic: string };
  actions: { quiz: boolean; markKnown: boolean; known: boolean };
}

export type ToWebview = ShowAnswerMessage;

/** Webview → extension. */
export type FromAnswerWebview =
  | { type: 'ready' }
  | { type: 'open'; id: string }
  | { type: 'openSource'; id: string }
  | { type: 'openSeeAlso'; id: string }
  | { type: 'quizTopic'; id: string }
  | { type: 'markKnown'; id: string };


export function parseAnswerMessage(value: unknown): FromAnswerWebview | undefined {
  const m = asRecord(value);
  if (!m) return undefined;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'open':
    case 'openSource':
    case 'openSeeAlso':
    case 'quizTopic':
    case 'markKnown':
      return isEntryId(m.id) ? { type: m.type, id: m.id } : undefined;
    default:
      return undefined;
  }
}

/** The state the webview keeps with setState, restored after a reload by the panel serializer. */
export interface AnswerViewState {
  id: string;
}

export function parseAnswerState(value: unknown): AnswerViewState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as Record<string, unknown>).id;
  return isEntryId(id) ? { id } : undefined;
}
