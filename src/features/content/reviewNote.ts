// A reviewed answer's note as the webviews show it, and which rendering of the answer to show.
import type { ShippedReview } from '../../core/content/curated';
import type { AnswerVerdict } from '../../core/content/schema';
import type { Entry } from '../../core/types';
import { engine } from '../../lazyEngine';
import type { ReviewNoteView } from '../../webview/answerProtocol';

const LABELS: Record<Exclude<AnswerVerdict, 'ok'>, string> = {
  outdated: 'Outdated in the guide',
  wrong: 'Wrong in the guide',
  damaged: 'Damaged in the guide',
  incomplete: 'Incomplete in the guide',
};

export function reviewNoteView(review: ShippedReview | undefined): ReviewNoteView | undefined {
  if (!review || review.verdict === 'ok' || !review.note) return undefined;
  return { verdict: review.verdict, label: LABELS[review.verdict], noteHtml: engine().renderMarkdown(review.note) };
}

/** The answer to show: our repaired rendering where the scrape damaged the guide's, else the guide's own. */
export function answerMarkdown(entry: Entry, review: ShippedReview | undefined): { markdown: string; repaired: boolean } {
  if (review?.repaired) return { markdown: review.repaired, repaired: true };
  return { markdown: entry.answer, repaired: false };
}
