import assert from 'node:assert/strict';
import { buildIndex, NO_QUESTIONS } from '../../src/core/parse/buildIndex';
import { MAX_GUIDE_BYTES } from '../../src/core/parse/decode';
import { utf8 } from './helpers';

const GOOD = '## 1. What is a QuerySet?\n\nA lazy query.\n\n## 2. What does select_related do?\n\nA JOIN.\n';

describe('bad guide files', () => {
  const bad: [string, Uint8Array, RegExp][] = [
    ['empty.md', new Uint8Array(0), /empty/],
    ['blank.md', utf8('  \n\n\t\n'), /empty/],
    ['binary.md', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /binary/],
    ['huge.md', new Uint8Array(20 * 1024 * 1024).fill(0x61), /too large \(20\.0 MB/],
    ['latin1.md', Uint8Array.from([...utf8('## 1. Caf'), 0xe9, ...utf8('?\n')]), /not valid UTF-8 \(first bad byte at offset 9\)/],
    ['notes.md', utf8('# My notes\n\nJust some prose about Django.\n\n- a list item\n'), /no interview questions found/],
  ];
  for (const [file, bytes, message] of bad) {
    it(`${file}: a clear error naming the file, and the rest still loads`, () => {
      const idx = buildIndex([{ file: 'good.md', bytes: utf8(GOOD) }, { file, bytes }]);
      assert.equal(idx.entries.length, 2);
      assert.deepEqual(idx.guides, ['good.md']);
      assert.equal(idx.errors.length, 1);
      assert.equal(idx.errors[0].file, file);
      assert.match(idx.errors[0].message, message);
    });
  }

  it('the size limit is what the message says', () => {
    assert.equal(MAX_GUIDE_BYTES, 5 * 1024 * 1024);
    assert.match(NO_QUESTIONS, /'## 1\. Question'/);
  });

  it('broken Markdown still yields its questions', () => {
    const text = '## 1. What is a signal?\n\n```python\nunterminated fence\n\n## 2. Is this inside the fence?\n';
    const idx = buildIndex([{ file: 'broken.md', bytes: utf8(text) }]);
    assert.deepEqual(idx.entries.map(e => e.question), ['What is a signal?']);
    assert.match(idx.entries[0].answer, /unterminated fence/);
  });

  it('a user guide in each shape parses by structure', () => {
    const shapes = [
      '# Notes\n\n## 1. How do signals work\n\nThey dispatch.\n',
      'Part One\n\n1. What is a migration and why squash it?\n\nA schema change.\n\n1. Step one\n2. Step two\n',
      '**Basics:**\n\n* **What is Django?** (A web framework.)\n',
      'Intro line.\nWhat does on_commit do?\nIt defers work until commit.\n',
    ];
    const questions = shapes.map(s => buildIndex([{ file: 'u.md', bytes: utf8(s) }]).entries.map(e => e.question));
    assert.deepEqual(questions, [['How do signals work'], ['What is a migration and why squash it?'], ['What is Django?'], ['What does on_commit do?']]);
  });
});
