// Interview insights: the pitfalls interviewers ask about, found in the user's own code (issue 14).
// This file is the contract between the pure core (src/core/insights/, no `vscode`) and the editor
// layer (diagnostics, hovers, code actions, views, the study plan, the quiz scope) and the CLI.
import type { TopicId } from '../taxonomy';

/** One insight: a pitfall the code can show, explained the way an interviewer would probe it. */
export interface InsightDef {
  /** Stable code shown in the Problems view, e.g. 'DJC001'. Never reused for another insight. */
  id: string;
  /** Short title, e.g. 'N+1 query in a loop'. */
  title: string;
  topic: TopicId;
  /** What it finds, one sentence (README table, CLI --list). */
  finds: string;
  /** What goes wrong, in our own words (one or two sentences). */
  problem: string;
  /** The fix, one or two sentences. */
  fix: string;
  /** How an interviewer would phrase the question about this code. */
  interviewQuestion: string;
  /** Guide question ids (bundled library), best first; a unit test checks they exist. */
  questionIds: string[];
  /** The Django version the explanation holds for (checked against the docs). */
  djangoVersion: string;
}

/** A 0-based range, `end` exclusive (VS Code's Position/Range), on one or more lines. */
export interface InsightRange {
  line: number;
  start: number;
  endLine: number;
  end: number;
}

/** A text edit of a mechanical, safe quick fix. */
export interface InsightEdit extends InsightRange {
  newText: string;
}

export interface InsightFix {
  /** Code-action title, e.g. 'Defer with transaction.on_commit(lambda: …)'. */
  title: string;
  edits: InsightEdit[];
}

/** One pitfall found in one document. */
export interface InsightFinding {
  insightId: string;
  /** Where the diagnostic goes (the offending call / attribute / argument). */
  range: InsightRange;
  /** Specific to this code, e.g. '`order.customer` read for every order of the loop over `orders` (line 12), which has no select_related("customer")'. */
  message: string;
  /** Other lines that explain the finding (the loop's queryset, the enclosing atomic block, …). */
  related?: { range: InsightRange; message: string }[];
  /** Present only where the fix is mechanical and safe. */
  fix?: InsightFix;
}
