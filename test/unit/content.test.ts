import assert from 'node:assert/strict';
import { readContent } from '../../src/core/content/read';
import { giveaways, validateContent, wordsKept } from '../../src/core/content/validate';
import type { BankItem } from '../../src/core/content/schema';
import { CONTENT, contentContext } from './helpers';

describe('curated content (content/quiz, content/keypoints, content/notes)', () => {
  it('reads, and every item is valid against the bundled questions and rules', () => {
    const { content, problems } = readContent(CONTENT);
    const all = [...problems, ...validateContent(content, contentContext())];
    assert.deepEqual(all, []);
  });
});

function item(stem: string, right: string, wrong: [string, string, string]): BankItem {
  return {
    id: 'x', topic: 'orm-queries', questions: ['q'], django: '5.2', stem, explanation: 'e', docs: ['https://docs.djangoproject.com/'], reviewed: 'r',
    options: [{ text: right, correct: true }, ...wrong.map(text => ({ text, why: 'w' }))],
  };
}

describe('giveaway check on bank items', () => {
  it('flags an item whose right option alone repeats an identifier of the stem', () => {
    const found = giveaways(item('What do `F()` expressions avoid?', 'Race conditions, because `F()` updates in SQL', ['Extra joins', 'Template escaping', 'Migrations conflicts']));
    assert.equal(found.length, 1);
    assert.match(found[0], /only the right option repeats the stem's `f`/);
  });
  it('does not flag when the wrong options name the stem identifier too', () => {
    const found = giveaways(item('What does `F("n") + 1` in `update()` do?', '`F()` makes the database add 1 to the current value', ['`F()` reads the value into Python first', '`F()` locks the row until commit', '`F()` casts the column to text']));
    assert.deepEqual(found, []);
  });
  it('flags an item whose right option shares clearly more of the stem words', () => {
    const found = giveaways(item('Which setting wraps each request in a database transaction?', 'A setting that wraps each request in a database transaction', ['CONN_MAX_AGE', 'DEBUG_PROPAGATE_EXCEPTIONS', 'USE_TZ']));
    assert.ok(found.some(f => /shares \d+ of the stem's words/.test(f)), found.join('\n'));
  });
  it('flags a right option much longer than every wrong one', () => {
    const found = giveaways(item('Pick one.', 'A long and careful answer that hedges every case and explains the mechanism in detail', ['Short', 'Brief one', 'Tiny']));
    assert.ok(found.some(f => /much longer/.test(f)), found.join('\n'));
  });
});

describe('repaired renderings keep the guide answer\'s words', () => {
  it('counts words glued by the scrape as kept, and dropped text as lost', () => {
    assert.equal(wordsKept('Wrap it in atomic andon_commit the task', 'Wrap it in `atomic` and `on_commit` the task'), 1);
    const answer = 'Use blank=True for strings. Why avoid null=True on strings? Two empty values: NULL and the empty string.';
    const kept = wordsKept(answer, 'Use `blank=True` for strings.');
    assert.ok(kept < 0.5, String(kept));
  });
});
