// The hover's one-sentence preview for an answer the review found wanting (computed at build time and
// kept with the question in dist/index.json, so the hover never loads the curated content): a wrong or
// outdated answer is not quoted, its correction is, marked as such; a damaged one is previewed from its
// repaired rendering. An answer whose own preview says nothing (no answer, or a bare lead-in such as
// "Add to settings.py MIDDLEWARE:" followed by code) is previewed from its first key point.
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

/** A preview that tells the reader nothing about the answer: empty, or a lead-in ending with a colon. */
export function weakPreview(preview: string): boolean {
  return preview.trim() === '' || preview.trimEnd().endsWith(':');
}

/** The first key point as a preview, marked as ours (the guide's own text said nothing quotable). */
export function keyPointPreview(points: readonly string[] | undefined): string | undefined {
  const first = points?.[0] && answerPreview({ answer: points[0] }, 140);
  return first ? `Key point: ${first}` : undefined;
}
