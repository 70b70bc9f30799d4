// The review of the cloze candidates: which were accepted (shipped as ClozeItems) and which rejected,
// with why. auditCloze pairs every candidate with its decision, so nothing ships unread and nothing
// generated goes unreviewed.
import fs from 'node:fs';
import path from 'node:path';
import type { ClozeItem } from '../../../src/core/content/schema';
import { BLANK, candidateKey, type ClozeCandidate } from './candidates';
import { FAMILIES } from './families';

export const REVIEW_FILE = path.resolve(__dirname, '../../../..', 'test', 'fixtures', 'cloze-review.json');

/**
 * Why a candidate was not shipped:
 * - `ambiguous`: another option of the family also makes the sentence true, or nothing in the sentence rules it out;
 * - `giveaway`: the rest of the sentence names or spells out the answer;
 * - `fragment`: does not read on its own (a code line without its context, half a sentence);
 * - `trivia`: true but not worth knowing (an example's variable, a name choice);
 * - `guide-wrong`: the sentence is wrong or outdated for Django 5.2;
 * - `not-the-api`: the matched word is not the API here (a variable, a plain English word);
 * - `duplicate`: the same fact as an accepted item.
 */
export type RejectionKind = 'ambiguous' | 'giveaway' | 'fragment' | 'trivia' | 'guide-wrong' | 'not-the-api' | 'duplicate';
export const REJECTION_KINDS: readonly RejectionKind[] = ['ambiguous', 'giveaway', 'fragment', 'trivia', 'guide-wrong', 'not-the-api', 'duplicate'];

export interface ClozeRejection {
  question: string;
  /** The candidate's sentence, blank included, exactly as the generator proposed it. */
  sentence: string;
  answer: string;
  why: RejectionKind;
  /** One line: what makes it unfit. */
  reason: string;
}

export function readClozeReview(file: string): ClozeRejection[] {
  if (!fs.existsSync(file)) return [];
  const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(value)) throw new Error(`${file}: expected a JSON array of rejections`);
  return value as ClozeRejection[];
}

/** Code spans and bold marks do not change a sentence; spacing neither. */
function plain(s: string): string {
  return s.replace(/`|\*\*/g, '').replace(/\s+/g, ' ').trim();
}

/** `transaction.atomic()` -> `atomic`: how an option and a family member are recognised as the same API. */
export function bareName(option: string): string {
  return option.replace(/[[\]]/g, '').replace(/\(.*\)$/, '').replace(/^.*\./, '');
}

/** An accepted item belongs to a candidate when it blanks the same name at the same place of the same sentence (possibly shortened). */
export function acceptedFor(candidate: ClozeCandidate, item: ClozeItem): boolean {
  return item.question === candidate.question && item.answer === candidate.answer && item.sentence.includes(BLANK) && plain(candidate.sentence).includes(plain(item.sentence));
}

export interface ClozeAudit {
  accepted: { candidate: ClozeCandidate; item: ClozeItem }[];
  rejected: (ClozeRejection & { candidate: ClozeCandidate })[];
  unreviewed: ClozeCandidate[];
  /** Both accepted and rejected: a decision must be one or the other. */
  conflicting: ClozeCandidate[];
  /** Review entries that no longer match a candidate (the guide or the generator changed). */
  stale: ClozeRejection[];
  /** Accepted items that no candidate proposes any more (or never did). */
  unmatched: ClozeItem[];
  /** Problems with a decision itself: an unknown kind, an empty reason, options outside the family. */
  problems: string[];
}

export function auditCloze(candidates: readonly ClozeCandidate[], items: readonly ClozeItem[], rejections: readonly ClozeRejection[]): ClozeAudit {
  const byKey = new Map(rejections.map(r => [candidateKey(r), r]));
  const audit: ClozeAudit = { accepted: [], rejected: [], unreviewed: [], conflicting: [], stale: [], unmatched: [], problems: [] };
  const used = new Set<string>();
  for (const candidate of candidates) {
    const item = items.find(i => acceptedFor(candidate, i));
    const rejection = byKey.get(candidateKey(candidate));
    if (rejection) used.add(candidateKey(rejection));
    if (item && rejection) audit.conflicting.push(candidate);
    else if (item) audit.accepted.push({ candidate, item });
    else if (rejection) audit.rejected.push({ ...rejection, candidate });
    else audit.unreviewed.push(candidate);
  }
  audit.stale = rejections.filter(r => !used.has(candidateKey(r)));
  audit.unmatched = items.filter(i => !candidates.some(c => acceptedFor(c, i)));
  for (const r of rejections) {
    if (!REJECTION_KINDS.includes(r.why)) audit.problems.push(`rejection of "${r.sentence}": unknown kind ${JSON.stringify(r.why)}`);
    if (typeof r.reason !== 'string' || r.reason.trim().length < 10) audit.problems.push(`rejection of "${r.sentence}": reason missing`);
  }
  for (const { candidate, item } of audit.accepted) {
    const family = FAMILIES.find(f => f.id === item.family);
    if (!family || item.family !== candidate.family) {
      audit.problems.push(`${item.id}: family ${item.family} is not the candidate's (${candidate.family})`);
      continue;
    }
    const names = new Set(family.members.map(bareName));
    for (const option of item.options) {
      if (!names.has(bareName(option))) audit.problems.push(`${item.id}: option ${option} is not a member of ${family.id}`);
    }
  }
  return audit;
}
