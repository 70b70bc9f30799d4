// The trie-factored alternation that the trigger regex (and the alias regex of each file) is built
// from: it matches exactly the words it was given, and factors shared prefixes.
import assert from 'node:assert/strict';
import { trieRegexSource } from '../../src/core/detect/triggers';

const whole = (words: string[]) => new RegExp(`^(?:${trieRegexSource(words)})$`);

describe('trieRegexSource', () => {
  const words = ['on_commit', 'on', 'one', 'only', 'atomic', 'a.b', 'x?', 'get', 'get_or_create', 'on'];

  it('matches each word and no other string', () => {
    const re = whole(words);
    for (const w of words) assert.ok(re.test(w), w);
    for (const other of ['o', 'on_', 'onl', 'ab', 'aXb', 'x', 'ge', 'get_or', 'atomics', '']) assert.ok(!re.test(other), other);
  });

  it('factors shared prefixes, branches in code-unit order, a word ending inside another made optional', () => {
    assert.equal(trieRegexSource(['on', 'one', 'on_commit']), 'on(?:_commit|e)?');
    assert.equal(trieRegexSource(['get', 'get_or_create', 'getattr']), 'get(?:_or_create|attr)?');
    assert.equal(trieRegexSource(['ab', 'a']), 'ab?');
    assert.equal(trieRegexSource(['a.b', 'x?']), '(?:a\\.b|x\\?)');
  });

  it('gives an empty source for no words', () => {
    assert.equal(trieRegexSource([]), '');
  });
});
