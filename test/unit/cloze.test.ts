import assert from 'node:assert/strict';
import { readContent } from '../../src/core/content/read';
import type { ClozeItem } from '../../src/core/content/schema';
import { answerUnits, clozeCandidates, type ClozeCandidate } from '../tools/cloze/candidates';
import { FAMILIES, type ApiFamily } from '../tools/cloze/families';
import { auditCloze, readClozeReview, REVIEW_FILE, type ClozeRejection } from '../tools/cloze/review';
import { CONTENT, contentIndex } from './helpers';

const LOADING: ApiFamily = { id: 'loading', reason: 'r', members: ['select_related()', 'prefetch_related()', 'only()', 'defer()'] };
const TX: ApiFamily = { id: 'tx', reason: 'r', members: ['[transaction.]atomic()', '[transaction.]on_commit()', 'cache.delete()', 'delete()'] };
const OPTIONS: ApiFamily = { id: 'opts', reason: 'r', members: ['null', 'blank', 'unique', 'default'] };

function candidates(answer: string, families: ApiFamily[] = [LOADING, TX, OPTIONS]): ClozeCandidate[] {
  return clozeCandidates([{ id: 'q', answer }], families);
}

describe('cloze candidates: splitting an answer', () => {
  it('gives sentences of prose and lines of code, without tables, imports or comment lines', () => {
    const units = answerUnits('Use atomic(). It rolls back, e.g. on errors.\n\n| a | b |\n|---|---|\n```python\nfrom x import y\n# comment\nwith transaction.atomic():\n    save()\n```\n- **Bold:** item');
    assert.deepEqual(units, [
      { text: 'Use atomic().', kind: 'prose' },
      { text: 'It rolls back, e.g. on errors.', kind: 'prose' },
      { text: 'with transaction.atomic():', kind: 'code' },
      { text: 'save()', kind: 'code' },
      { text: '**Bold:** item', kind: 'prose' },
    ]);
  });
});

describe('cloze candidates: finding names', () => {
  it('blanks a name with the rest of its family as options, dropping the code span around it', () => {
    const [c] = candidates('Use `select_related()` for foreign keys.');
    assert.equal(c.sentence, 'Use ____ for foreign keys.');
    assert.equal(c.answer, 'select_related()');
    assert.equal(c.family, 'loading');
    assert.deepEqual(c.others, ['prefetch_related()', 'only()', 'defer()']);
  });
  it('takes a plain word as a name only where it reads as code', () => {
    assert.deepEqual(candidates('Fetch only the columns you need with only() or `defer`.').map(c => c.answer), ['only()', 'defer']);
    assert.deepEqual(candidates('Set null=True where the database may hold no value.').map(c => c.answer), ['null']);
    assert.deepEqual(candidates('Leave null values and blank forms to the default handler of request.unique.').map(c => c.answer), []);
  });
  it('finds an optional qualifier with its name, and lets a qualified name hide the bare one inside it', () => {
    assert.deepEqual(candidates('Wrap it in transaction.atomic() and call cache.delete(key) after the commit.').map(c => c.answer), ['transaction.atomic()', 'cache.delete']);
    assert.deepEqual(candidates('Wrap it in atomic() around the work.').map(c => c.answer), ['atomic()']);
  });
  it('skips a name that occurs twice in the sentence, and a unit that is little more than the name', () => {
    assert.deepEqual(candidates('Use only() here and only() there, with defer() too.').map(c => c.answer), ['defer()']);
    assert.deepEqual(candidates('```\nwith atomic():\n```'), []);
  });
});

describe('cloze families (test/tools/cloze/families.ts)', () => {
  it('have unique kebab-case ids, a reason and at least four members, and no name is in two families', () => {
    const ids = new Set<string>();
    const owner = new Map<string, string>();
    for (const f of FAMILIES) {
      assert.match(f.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      assert.ok(!ids.has(f.id), `duplicate family ${f.id}`);
      ids.add(f.id);
      assert.ok(f.reason.length > 20, `${f.id}: reason`);
      assert.ok(f.members.length >= 4, `${f.id}: four options need four members`);
      for (const m of f.members) {
        // A required qualifier or a written call makes a different name (cache.delete is not QuerySet delete, save(commit=False) not save()).
        const name = m.replace(/\[[^\]]*\]/g, '').replace(/\(\)$/, '');
        assert.ok(!owner.has(name), `${name} is in ${owner.get(name)} and ${f.id}`);
        owner.set(name, f.id);
      }
    }
  });
});

describe('cloze review: every candidate from the bundled guides is decided', () => {
  const entries = contentIndex().entries.filter(e => e.hasAnswer);
  const all = clozeCandidates(entries, FAMILIES);
  const { content } = readContent(CONTENT);
  const items = content.cloze.map(l => l.item);
  const audit = auditCloze(all, items, readClozeReview(REVIEW_FILE));

  it('proposes candidates', () => {
    assert.ok(all.length > 100, `${all.length} candidates`);
  });
  it('leaves none unreviewed (a changed guide answer shows up here as a new candidate to read)', () => {
    assert.deepEqual(audit.unreviewed.map(c => `${c.question}: ${c.sentence} = ${c.answer}`), []);
  });
  it('has no decision that is both accepted and rejected, no stale rejection, no problem with a decision', () => {
    assert.deepEqual(audit.conflicting.map(c => c.sentence), []);
    assert.deepEqual(audit.stale.map(r => r.sentence), []);
    assert.deepEqual(audit.problems, []);
  });
  it('ships only generated candidates in content/quiz/cloze.json, with cloze- ids', () => {
    const generated = content.cloze.filter(l => l.file === 'quiz/cloze.json').map(l => l.item);
    assert.ok(generated.length > 0);
    assert.deepEqual(audit.unmatched.filter(i => generated.includes(i)).map(i => i.id), []);
    for (const item of generated) assert.match(item.id, /^cloze-/);
  });
});

describe('cloze review: the audit', () => {
  const candidate: ClozeCandidate = { question: 'q', family: 'queryset-loading', sentence: 'Use ____ for foreign keys.', answer: 'select_related()', others: [], kind: 'prose' };
  const item: ClozeItem = { id: 'cloze-x', question: 'q', sentence: '____ for foreign keys.', answer: 'select_related()', options: ['select_related()', 'prefetch_related()', 'only()', 'defer()'], family: 'queryset-loading', reason: 'r' };
  const rejection: ClozeRejection = { question: 'q', sentence: 'Use ____ for foreign keys.', answer: 'select_related()', why: 'duplicate', reason: 'same fact as another item' };

  it('accepts a candidate through an item that keeps part of its sentence with the blank in place', () => {
    const audit = auditCloze([candidate], [item], []);
    assert.equal(audit.accepted.length, 1);
    assert.deepEqual(audit.unreviewed, []);
  });
  it('reports an undecided candidate, a conflict, a stale rejection and an option from another family', () => {
    assert.equal(auditCloze([candidate], [], []).unreviewed.length, 1);
    assert.equal(auditCloze([candidate], [item], [rejection]).conflicting.length, 1);
    assert.equal(auditCloze([], [], [rejection]).stale.length, 1);
    const problems = auditCloze([candidate], [{ ...item, options: ['select_related()', 'atomic()', 'only()', 'defer()'] }], []).problems;
    assert.deepEqual(problems, ['cloze-x: option atomic() is not a member of queryset-loading']);
  });
  it('does not accept an item that blanks a different name of the same sentence', () => {
    const audit = auditCloze([candidate], [{ ...item, answer: 'prefetch_related()' }], []);
    assert.equal(audit.unreviewed.length, 1);
  });
});
