// The study plan view's data and messages. All strings are shown as text, never as HTML.
import { asRecord, isEntryId } from './validate';
import { isTopicId, type TopicId } from '../core/taxonomy';

export interface StudyPlanView {
  root: string;
  filesScanned: number;
  constructs: number;
  topics: {
    topic: TopicId;
    label: string;
    constructs: number;
    files: number;
    rules: { title: string; count: number }[];
    examples: { path: string; line: number; title: string }[];
    questions: { id: string; question: string; preview: string }[];
  }[];
  /** "Pitfalls in this workspace": the insight findings grouped by insight (lines 0-based). */
  pitfalls: {
    insightId: string;
    title: string;
    files: number;
    findings: { path: string; line: number; message: string }[];
    questions: { id: string; question: string; preview: string }[];
  }[];
  /** False when the user turned insights off (djangoCoach.insights.severity = off). */
  insights: boolean;
  errors: { path: string; message: string }[];
  skipped: number;
  quiz: boolean;
}

export type FromStudyPlan =
  | { type: 'ready' }
  | { type: 'open'; id: string }
  | { type: 'openFile'; path: string; line: number }
  | { type: 'quizTopic'; topic: TopicId }
  | { type: 'quizPitfalls' }
  | { type: 'rescan' };


export function parseStudyPlanMessage(value: unknown): FromStudyPlan | undefined {
  const m = asRecord(value);
  if (!m) return undefined;
  switch (m.type) {
    case 'ready':
    case 'rescan':
    case 'quizPitfalls':
      return { type: m.type };
    case 'open':
      return isEntryId(m.id) ? { type: 'open', id: m.id } : undefined;
    case 'openFile':
      return typeof m.path === 'string' && m.path.length < 1000 && !m.path.split('/').includes('..') && Number.isInteger(m.line) && (m.line as number) >= 0
        ? { type: 'openFile', path: m.path, line: m.line as number } : undefined;
    case 'quizTopic':
      return isTopicId(m.topic) ? { type: 'quizTopic', topic: m.topic } : undefined;
    default:
      return undefined;
  }
}
