// The independent review of the item bank (test/fixtures/bank-review.json) is keyed on item ids, as the
// learners' progress is: an id the review kept must stay in the bank, and an id it removed must never come back.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readContent } from '../../src/core/content/read';
import { CONTENT, FIXTURES } from './helpers';

interface ReviewEntry {
  id: string;
  file: string;
  verdict: string;
  changed: string;
  why: string;
  after: 'clean' | 'removed';
}

const review = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'bank-review.json'), 'utf8')) as { verdicts: Record<string, string>; items: ReviewEntry[] };
const bankIds = new Set(readContent(CONTENT).content.bank.map(l => l.item.id));

describe('item bank review (test/fixtures/bank-review.json)', () => {
  it('gives every entry a known verdict, a reason, and says what changed', () => {
    const bad = review.items.filter(e => !(e.verdict in review.verdicts) || !e.why.trim() || !e.changed.trim() || (e.after !== 'clean' && e.after !== 'removed'));
    assert.deepEqual(bad.map(e => e.id), []);
  });
  it('reviews each id once', () => {
    const seen = new Set<string>();
    const twice = review.items.filter(e => seen.has(e.id) || !seen.add(e.id)).map(e => e.id);
    assert.deepEqual(twice, []);
  });
  it('keeps every id it kept, so progress stays attached to it', () => {
    assert.deepEqual(review.items.filter(e => e.after === 'clean' && !bankIds.has(e.id)).map(e => e.id), []);
  });
  it('never lets a removed id back into the bank', () => {
    assert.deepEqual(review.items.filter(e => e.after === 'removed' && bankIds.has(e.id)).map(e => e.id), []);
  });
});
