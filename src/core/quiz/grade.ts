// The grade a flashcard proposes from the key points the learner ticked as covered. Ticks measure how
// complete the recalled answer was, not how effortless, so the proposal never goes beyond Good: Easy
// stays the learner's own call (key 4).
import type { Rating } from '../schedule/types';

/** The rule, in the words the quiz view and the README use. */
export const GRADE_RULE = 'Good when you covered at least 4 in 5 of the points, Hard when at least half, Again otherwise; Easy (4) is yours to give.';

export function proposedGrade(covered: number, total: number): Rating {
  if (!(total > 0)) return 1;
  const share = Math.max(0, Math.min(covered, total)) / total;
  if (share >= 0.8) return 3;
  if (share >= 0.5) return 2;
  return 1;
}
