// Detection against the fixture project in test/fixtures/detect/shop: every construct the code finds
// must be annotated next to it (see that folder's README), every annotation must be found, and every
// rule of the table has at least one annotated positive case. Unannotated lines are the negatives.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyzeDocument, detectAt, detectDocument, type Detection } from '../../src/core/detect/analysis';
import { RULES, ruleById } from '../../src/core/detect/rules';
import { fixtureFiles, readAnnotations, SHOP, type Expected } from '../fixtures/detect/annotations';

const plain = (d: Detection): Expected => ({ line: d.line, start: d.start, end: d.end, ruleId: d.ruleId });
const show = (list: Expected[], lines: string[]) => list.map(e => `${e.line + 1}:${e.start}-${e.end} ${e.ruleId} [${lines[e.line].slice(e.start, e.end)}]`);

describe('detection on the fixture project', () => {
  const files = fixtureFiles().map(rel => path.join(SHOP, rel));

  it('has fixtures to run on', () => {
    assert.ok(files.length >= 25, `${files.length} fixture files`);
  });

  for (const file of files) {
    const rel = path.relative(SHOP, file).split(path.sep).join('/');
    it(`${rel}: finds exactly the annotated constructs`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const lines = text.split('\n');
      const expected = readAnnotations(text);
      for (const e of expected) assert.ok(ruleById(e.ruleId), `${rel}:${e.line + 1}: unknown rule ${e.ruleId}`);
      const actual = detectDocument(text, rel).map(plain);
      assert.deepEqual(show(actual, lines), show(expected, lines));
    });
  }

  it('every rule in the table has an annotated positive case', () => {
    const seen = new Set(files.flatMap(f => readAnnotations(fs.readFileSync(f, 'utf8')).map(e => e.ruleId)));
    assert.deepEqual(RULES.map(r => r.id).filter(id => !seen.has(id)), []);
  });

  it('every detection reports its rule\'s one topic', () => {
    for (const file of files) {
      for (const d of detectDocument(fs.readFileSync(file, 'utf8'), file)) assert.deepEqual(d.topics, [ruleById(d.ruleId)!.topic]);
    }
  });

  it('detectAt finds each annotated construct from its first, middle and last character, examining only that line', () => {
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const analysis = analyzeDocument(text, file); // fresh: no whole-file result to fall back on
      for (const e of readAnnotations(text)) {
        for (const ch of [e.start, (e.start + e.end) >> 1, e.end - 1]) {
          const d = detectAt(analysis, e.line, ch);
          assert.deepEqual(d && plain(d), e, `${path.basename(file)}:${e.line + 1}:${ch}`);
        }
      }
    }
  });

  it('detectAt finds nothing on unannotated positions: comment and blank lines, and between constructs', () => {
    const text = fs.readFileSync(path.join(SHOP, 'orders/signals.py'), 'utf8');
    const analysis = analyzeDocument(text, 'signals.py');
    const lines = text.split('\n');
    const post = lines.findIndex(l => l.startsWith('@receiver(post_save'));
    assert.equal(detectAt(analysis, post, 0), null, 'the @ itself is not part of the span');
    assert.equal(detectAt(analysis, post, 19)?.ruleId, 'post-save', 'just after post_save (VS Code word-range end)');
    assert.equal(detectAt(analysis, post, 22), null, 'on sender=');
    assert.equal(detectAt(analysis, post + 1, 3), null, 'on the annotation comment');
    assert.equal(detectAt(analysis, lines.length + 5, 0), null, 'past the end');
    assert.equal(detectAt(analysis, -1, 0), null);
  });
});
