// The shape of one insight check: its table entry (what the editor, the CLI and the README show)
// and the pure function that finds it, behind a cheap text test that keeps files without the
// construct at the cost of one `includes`.
import type { Code } from './code';
import type { InsightDef, InsightFinding } from './types';

export interface InsightCheck {
  def: InsightDef;
  /** A cheap test on the masked text: false means the check cannot find anything in this file. */
  mayFind(masked: string): boolean;
  find(code: Code, fileName?: string): InsightFinding[];
}
