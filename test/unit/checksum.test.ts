import assert from 'node:assert/strict';
import { contentHash } from '../../src/core/progress/checksum';

describe('progress content hash', () => {
  it('starts from the FNV offset bases (empty text hashes to them)', () => {
    assert.equal(contentHash(''), '811c9dc5050c5d1f');
  });

  it('changes when one character, an order or a length changes', () => {
    const base = '{"id":"e-1a2b","q":"orm-select-related","r":3}';
    const variants = [base.replace('1a2b', '1a2c'), base.replace('"r":3', '"r":4'), base + base, base.slice(0, -1), base.split('').reverse().join('')];
    const hashes = new Set([base, ...variants].map(contentHash));
    assert.equal(hashes.size, variants.length + 1);
  });

  it('is 16 hex digits and stable', () => {
    assert.match(contentHash('é漢字'), /^[0-9a-f]{16}$/);
    assert.equal(contentHash('same text'), contentHash('same text'));
  });
});
