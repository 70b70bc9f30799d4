import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { type BlindCheck, checkClassification, CLASSES, describeFigures, drawSample, figures, printItem, printKey } from '../tools/blindCheck';
import { fixtureLibrary } from '../fixtures/progress/library';
import { fixtureContent } from '../fixtures/quiz/content';
import { ROOT } from './helpers';

describe('blind check of the multiple-choice items', () => {
  const library = fixtureLibrary();
  const content = fixtureContent();
  const sample = drawSample(library, content, 60, 1);

  it('draws what Start Quiz draws for all topics, the same for the same seed', () => {
    assert.equal(sample.length, 7, 'every item of the fixture content');
    assert.deepEqual(drawSample(library, content, 60, 1), sample);
    assert.equal(drawSample(library, content, 3, 1).length, 3);
  });

  it('prints an item as the user reads it, without its key or id, and the key apart', () => {
    const n = sample.findIndex(i => i.id === 'tx-lock-outside');
    const text = printItem(n + 1, sample[n], content);
    // (The fixture's texts name their item; real ids would give the subject away, so the print has none.)
    assert.deepEqual(text.split('\n').slice(0, 2), [`── ${n + 1}. Multiple choice`, 'Stem of tx-lock-outside?']);
    assert.ok(!text.includes('(tx-lock-outside)'));
    const options = text.split('\n').filter(l => /^ {2}\d\. /.test(l));
    assert.equal(options.length, 4);
    const right = options.findIndex(l => l.endsWith('tx-lock-outside right'));
    assert.equal(printKey(n + 1, sample[n], content), `${n + 1}. ${right + 1}  (tx-lock-outside) Why tx-lock-outside is right.`);
  });

  const classification = (): BlindCheck => ({
    sample: { count: 60, seed: 1 }, checkedBy: 'a reviewer, blind', date: '2026-01-02',
    items: sample.map((item, i) => ({ n: i + 1, id: item.id, class: i < 5 ? 'clean' : i === 5 ? 'giveaway' : 'ambiguous', why: 'a reason of some length' })),
  });

  it('accepts a classification of exactly this sample and counts it', () => {
    assert.deepEqual(checkClassification(classification(), sample), []);
    const f = figures(classification());
    assert.deepEqual([f.total, f.counts.clean, f.counts.giveaway, f.counts.ambiguous, f.counts['wrong-key']], [7, 5, 1, 1, 0]);
    assert.equal(describeFigures(f), '7 items: 5 clean (71%), 1 giveaway, 1 ambiguous, 0 wrong key');
  });

  it('refuses a classification of another sample, an unknown class, a missing reason or a missing item', () => {
    const other = classification();
    [other.items[0], other.items[1]] = [other.items[1], other.items[0]];
    assert.match(checkClassification(other, sample).join('\n'), /items\[0\]: expected item 1 = .* \(the sample changed: classify it again\)/);
    const bad = classification();
    bad.items[2] = { ...bad.items[2], class: 'meh' as never, why: '' };
    bad.items.pop();
    const problems = checkClassification(bad, sample).join('\n');
    assert.match(problems, /items\[2\]: class must be one of clean, giveaway, ambiguous, wrong-key/);
    assert.match(problems, /items\[2\]: why/);
    assert.match(problems, /1 sampled item\(s\) not classified/);
  });

  it('every checked-in classification is well formed (whether it matches today\'s sample is for --check)', () => {
    const dir = path.join(ROOT, 'test', 'blind-check');
    const files = fs.readdirSync(dir).filter(f => f.endsWith('.json'));
    assert.ok(files.length > 0);
    for (const file of files) {
      const check = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as BlindCheck;
      assert.ok(Number.isInteger(check.sample.count) && Number.isInteger(check.sample.seed), file);
      assert.ok(check.checkedBy.trim() && /^\d{4}-\d{2}-\d{2}$/.test(check.date), file);
      check.items.forEach((item, i) => {
        assert.equal(item.n, i + 1, `${file} item ${i + 1}`);
        assert.ok(CLASSES.includes(item.class) && item.why.length >= 10, `${file} item ${i + 1}`);
      });
    }
  });
});
