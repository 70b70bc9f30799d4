// "Pitfalls in this workspace" (issue 14): the insight findings of a whole project, grouped by insight,
// for the study plan and the pitfalls quiz. Pure: callers feed it each file's text and findings.
import type { HoverQuestion } from '../detect/hover';
import { answerPreview } from '../detect/rank';
import type { Library } from '../library';
import type { TopicId } from '../taxonomy';
import { insightById } from './index';
import type { InsightFinding, InsightRange } from './types';

/** The finding's lines with a little context, as the user wrote them (for the quiz). */
export interface CodeSnippet {
  /** 0-based line of `lines[0]`. */
  firstLine: number;
  lines: string[];
}

/** One finding in one file of the workspace. `path` is relative to the workspace folder, '/'-separated. */
export interface WorkspaceFinding {
  path: string;
  insightId: string;
  range: InsightRange;
  message: string;
  snippet: CodeSnippet;
}

/** One insight's findings across the workspace. */
export interface InsightPlan {
  insightId: string;
  title: string;
  topic: TopicId;
  /** How many files have at least one. */
  files: number;
  /** By path, then line. */
  findings: WorkspaceFinding[];
  /** The insight's guide questions that are in the library, best first. */
  questions: HoverQuestion[];
}

export const SNIPPET_CONTEXT = 2;
const MAX_SNIPPET_LINES = 14;
const MAX_LINE_CHARS = 200;

/** The lines of `range` with `context` lines either side, at most 14 lines of at most 200 characters; `text` may come split into lines already. */
export function codeSnippet(text: string | readonly string[], range: InsightRange, context = SNIPPET_CONTEXT): CodeSnippet {
  const all = typeof text === 'string' ? splitLines(text) : text;
  const first = Math.max(0, Math.min(range.line, all.length - 1) - context);
  const last = Math.min(all.length - 1, Math.max(range.endLine, range.line) + context, first + MAX_SNIPPET_LINES - 1);
  const lines = all.slice(first, last + 1).map(l => (l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS - 1)}…` : l));
  // Blank context lines at either end say nothing.
  let start = 0;
  let end = lines.length;
  while (start < end - 1 && first + start < range.line && !lines[start].trim()) start++;
  while (end > start + 1 && first + end - 1 > range.endLine && !lines[end - 1].trim()) end--;
  return { firstLine: first + start, lines: lines.slice(start, end) };
}

/** One file's findings with their snippets (the file's text is split into lines once, not once per finding). */
export function toWorkspaceFindings(path: string, text: string, findings: readonly InsightFinding[]): WorkspaceFinding[] {
  if (!findings.length) return [];
  const lines = splitLines(text);
  return findings.map(f => ({ path, insightId: f.insightId, range: { ...f.range }, message: f.message, snippet: codeSnippet(lines, f.range) }));
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The guide questions of an insight that the library has, as links with a preview. */
export function insightQuestions(library: Library | null, insightId: string): HoverQuestion[] {
  const def = insightById(insightId);
  if (!def || !library) return [];
  const out: HoverQuestion[] = [];
  for (const id of def.questionIds) {
    const entry = library.get(id);
    if (entry && !out.some(q => q.id === entry.id)) out.push({ id: entry.id, question: entry.question, preview: entry.curatedPreview ?? answerPreview(entry) });
  }
  return out;
}

/** Findings grouped by insight: most findings first, then by id; each group's findings by path and line. */
export function groupByInsight(findings: readonly WorkspaceFinding[], library: Library | null): InsightPlan[] {
  const groups = new Map<string, WorkspaceFinding[]>();
  for (const f of findings) {
    if (!insightById(f.insightId)) continue;
    const group = groups.get(f.insightId);
    if (group) group.push(f);
    else groups.set(f.insightId, [f]);
  }
  const plans: InsightPlan[] = [];
  for (const [insightId, list] of groups) {
    const def = insightById(insightId)!;
    const sorted = [...list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.range.line - b.range.line || a.range.start - b.range.start));
    plans.push({ insightId, title: def.title, topic: def.topic, files: new Set(sorted.map(f => f.path)).size, findings: sorted, questions: insightQuestions(library, insightId) });
  }
  return plans.sort((a, b) => b.findings.length - a.findings.length || (a.insightId < b.insightId ? -1 : 1));
}
