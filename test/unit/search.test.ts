import assert from 'node:assert/strict';
import { Library } from '../../src/core/library';
import { Searcher } from '../../src/core/search';
import { contentIndex } from './helpers';

describe('search over the bundled library', () => {
  const library = Library.fromIndexes([contentIndex()]);
  const searcher = new Searcher(library);
  const top = (q: string) => searcher.search(q, 5)[0]?.entry;

  it('"N+1" ranks the N+1 question first', () => {
    assert.equal(top('N+1')?.question, "How does Django's ORM handle N+1 query problems, and what are the best practices to avoid them?");
  });

  it('"on_commit after rollback" ranks the on_commit question first', () => {
    assert.equal(top('on_commit after rollback')?.question, 'Explain transaction.atomic, on_commit, and select_for_update.');
  });

  it('"signals bulk_create" ranks the signals pitfalls question first', () => {
    assert.equal(top('signals bulk_create')?.question, 'What are Django signals, and when should you avoid using them?');
  });

  it('a word being typed matches by prefix', () => {
    assert.match(top('select_rel')!.question, /select_related/);
  });

  it('a typo still finds the question', () => {
    assert.ok(searcher.search('seleect_related', 5).some(r => /select_related/.test(r.entry.question)));
  });

  it('results are canonical entries; a variant\'s words find its canonical entry', () => {
    const results = searcher.search('select_related prefetch_related', 20);
    assert.ok(results.every(r => !r.entry.canonicalId));
    assert.ok(results.some(r => (r.entry.variantIds ?? []).length > 0));
  });

  it('nothing for an empty query or a query of stopwords', () => {
    assert.deepEqual(searcher.search('   '), []);
    assert.deepEqual(searcher.search('the of and'), []);
  });
});
