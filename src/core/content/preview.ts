// The hover's one-sentence preview for an answer the review found wanting (computed at build time and
// kept with the question in dist/index.json, so the hover never loads the curated content): a wrong or
// outdated answer is not quoted, its correction is, marked as such; a damaged one is previewed from its
// repaired rendering.
import { answerPreview } from '../detect/rank';
import type { ShippedReview } from './curated';

const MARK = { wrong: 'Corrected', outdated: 'Updated' } as const;

export function curatedPreview(review: ShippedReview): string | undefined {
  if ((review.verdict === 'wrong' || review.verdict === 'outdated') && review.note) {
    const correction = answerPreview({ answer: review.note }, 140);
    return correction ? `${MARK[review.verdict]}: ${correction}` : undefined;
  }
  if (review.repaired) return answerPreview({ answer: review.repaired }) || undefined;
  return undefined;
}
