import assert from 'node:assert/strict';
import { editDistanceWithin } from '../../src/core/editDistance';

describe('bounded edit distance', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    assert.equal(editDistanceWithin('select_related', 'select_related', 2), 0);
    assert.equal(editDistanceWithin('seleect_related', 'select_related', 2), 1);
    assert.equal(editDistanceWithin('selcet_related', 'select_related', 2), 1);
    assert.equal(editDistanceWithin('celery', 'celary', 2), 1);
    assert.equal(editDistanceWithin('cache', 'caches', 1), 1);
  });
  it('gives up beyond the bound', () => {
    assert.equal(editDistanceWithin('signal', 'serializer', 2), 3);
    assert.equal(editDistanceWithin('abc', 'abcdef', 2), 3);
  });
});
