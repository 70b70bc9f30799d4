// Interview insights (issue 14): the pitfalls interviewers ask about, found in one document's analysis.
// Pure; never throws. The editor layer and the CLI read only this module and ./types.
import type { DocumentAnalysis } from '../detect/analysis';
import { Code } from './code';
import { CHECKS } from './table';
import { templateN1Def } from './templateFacts';
import type { InsightDef, InsightFinding } from './types';

export type { InsightDef, InsightFinding, InsightFix, InsightEdit, InsightRange } from './types';

/** The Python checks' insights, then DJC012, which templates show (see ./templateFacts; findInsights does not run it). */
export const INSIGHTS: readonly InsightDef[] = [...CHECKS.map(c => c.def), templateN1Def];

const BY_ID = new Map(INSIGHTS.map(d => [d.id, d]));

export function insightById(id: string): InsightDef | undefined {
  return BY_ID.get(id);
}

/**
 * The insights in a Python document, sorted by position. `fileName` (a path, any separators) lets
 * the settings insights (DJC010, DJC011) tell production settings from dev ones; without it they
 * stay quiet. Templates and degraded documents have none.
 */
export function findInsights(analysis: DocumentAnalysis, fileName?: string): InsightFinding[] {
  if (!analysis || analysis.kind !== 'python' || analysis.degraded || !analysis.context) return [];
  const out: InsightFinding[] = [];
  let code: Code | null = null;
  for (const check of CHECKS) {
    try {
      if (!check.mayFind(analysis.masked)) continue;
      code ??= new Code(analysis);
      out.push(...check.find(code, fileName));
    } catch {
      // A check that fails on odd code finds nothing there; the others still run.
    }
  }
  return out.sort((a, b) => a.range.line - b.range.line || a.range.start - b.range.start || a.insightId.localeCompare(b.insightId));
}
