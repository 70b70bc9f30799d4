import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseGuide } from '../../src/core/parse/parseGuide';
import { buildIndex } from '../../src/core/parse/buildIndex';
import { Library } from '../../src/core/library';
import { CONTENT, FIXTURES, contentFiles, contentIndex, utf8 } from './helpers';

/** The hand-checked list of questions per guide: `line<TAB>question`. */
function expectedQuestions(guide: string): { line: number; question: string }[] {
  const tsv = fs.readFileSync(path.join(FIXTURES, 'guides', guide.replace(/\.md$/, '.questions.tsv')), 'utf8');
  return tsv.trim().split('\n').map(row => {
    const [line, question] = row.split('\t');
    return { line: Number(line), question: question.trim() };
  });
}

const COUNTS: Record<string, number> = {
  'python-django-complete-interview-guide.md': 5,
  'django-interview-answers-parts-7-16.md': 100,
  'django-core-algorithms-system-design-coding.md': 50,
  'django-interview-questions-prepare-to-shine.md': 57,
  'django-interview-questions-experienced-2026.md': 45,
};

function parseContent(guide: string) {
  return parseGuide(fs.readFileSync(path.join(CONTENT, guide), 'utf8'));
}

function question(guide: string, line: number) {
  const q = parseContent(guide).questions.find(x => x.line === line);
  assert.ok(q, `no question at ${guide}:${line}`);
  return q;
}

describe('guide parser on the bundled guides', () => {
  for (const [guide, count] of Object.entries(COUNTS)) {
    it(`${guide}: exactly ${count} questions, each at its line`, () => {
      const expected = expectedQuestions(guide);
      assert.equal(expected.length, count, 'fixture list and counted number disagree');
      const got = parseContent(guide).questions.map(q => ({ line: q.line, question: q.question }));
      assert.deepEqual(got, expected);
    });
  }

  it('the whole library holds 257 questions and no errors', () => {
    const idx = contentIndex();
    assert.equal(idx.entries.length, 257);
    assert.deepEqual(idx.errors, []);
  });
});

describe('guide parser: tricky cases', () => {
  const core = 'django-core-algorithms-system-design-coding.md';
  const scraped = 'django-interview-questions-experienced-2026.md';

  it('answer sub-steps are not questions, even when they carry the next question\'s number', () => {
    const lines = parseContent(core).questions.map(q => q.line);
    // `1. ATOMIC_REQUESTS:` (109), `2. Database Design:` (752), `1. Celery Configuration:` (991), `2. Using prefetch_related` (1548)
    for (const line of [109, 121, 752, 991, 1548]) assert.ok(!lines.includes(line), `line ${line} is a sub-step`);
  });

  it('a question that wraps over a blank line is joined and its answer starts after the continuation', () => {
    const q = question(core, 1633);
    assert.equal(q.question, 'How do you profile memory usage in a Django application? Write code to identify memory leaks in a view.');
    assert.ok(!q.answer.startsWith('memory leaks'));
    assert.match(q.answer, /tracemalloc/);
  });

  it('questions need not end in "?"', () => {
    assert.equal(question('django-interview-answers-parts-7-16.md', 948).question, 'Difference between is_authenticated and is_active');
    assert.equal(question(scraped, 90).question, 'Walk through the Django request lifecycle step by step.');
  });

  it('a table of contents, "Remember:" notes and code comments are not questions', () => {
    const guide = parseContent('python-django-complete-interview-guide.md');
    assert.ok(guide.questions.every(q => q.line >= 95), 'table of contents bullets are not questions');
    const shine = parseContent('django-interview-questions-prepare-to-shine.md');
    assert.ok(!shine.questions.some(q => /^Be prepared to answer follow-up/.test(q.question)));
    assert.ok(!parseContent(core).questions.some(q => q.question.startsWith('#')));
  });

  it('parts of a plain-text guide become sections and end the previous answer', () => {
    const last = question(core, 403);
    assert.equal(last.section, 'Core Concepts');
    assert.doesNotMatch(last.answer, /Data Structures and Algorithms/);
    assert.equal(question(core, 463).section, 'Data Structures and Algorithms');
    assert.equal(question(core, 1913).section, 'Behavioral Questions');
  });

  it('Markdown parts, levels and sub-sections are kept', () => {
    assert.equal(question('django-interview-answers-parts-7-16.md', 124).section, 'Django Performance, Scaling & Optimization – Interview Answers (Part 8)');
    const fundamentals = question('django-interview-questions-prepare-to-shine.md', 7);
    assert.equal(fundamentals.level, 'Fundamentals');
    const security = question('django-interview-questions-prepare-to-shine.md', 46);
    assert.equal(security.level, undefined);
    assert.equal(security.section, 'Deep Dive into Django Interview Questions › Security');
  });

  it('bullet questions keep their hint and have no answer', () => {
    const q = question('django-interview-questions-prepare-to-shine.md', 9);
    assert.equal(q.hint, 'Explain concepts like User model, permissions, and sessions.');
    assert.equal(q.answer, '');
  });

  it('fenced code stays fenced and gets a language when it is Python', () => {
    const q = question(core, 36);
    assert.match(q.answer, /```python\n# Good: 1 query with JOIN\nbooks = Book\.objects\.select_related\('author'\)\n```/);
  });

  it('code glued to prose is split and fenced without changing words', () => {
    const q = question(scraped, 57);
    assert.match(q.answer, /→ template or JSON response\n\nExample:\n\n```python\n# urls\.py\nurlpatterns = \[/);
    assert.match(q.answer, /\]\n# views\.py\ndef order_detail\(request, pk\):/);
    assert.match(q.answer, /return render\(request, "orders\/detail\.html", \{"order": order\}\)\n```\n\nFor API-only Django apps/);
  });

  it('table rows broken over two lines are joined', () => {
    const q = question(scraped, 139);
    assert.match(q.answer, /\| SecurityMiddleware \| Security-related headers and SSL redirects \|/);
  });

  it('a `# urls.py` comment above unfenced code is not a section heading', () => {
    assert.equal(question(scraped, 90).section, 'MVT architecture and the request lifecycle');
    assert.equal(question(scraped, 877).section, 'Celery, deployment, and async Django');
  });

  it('answers end before the next question and drop separators', () => {
    const q = question('django-interview-answers-parts-7-16.md', 8);
    assert.match(q.answer, /This separation made the code readable, maintainable, and testable\.$/);
  });
});

describe('index building', () => {
  it('answerless questions link to where their subject is covered', () => {
    const idx = contentIndex();
    const prompt = idx.entries.find(e => e.question.startsWith('When would you prefer prefetch_related'))!;
    assert.equal(prompt.hasAnswer, false);
    assert.ok(prompt.seeAlso, 'has a link');
    assert.match(prompt.seeAlso!.section, /select_related/);
    const unanswered = idx.entries.filter(e => !e.hasAnswer);
    assert.equal(unanswered.length, 62);
    // Questions on subjects no guide covers (GraphQL, data science, ML) stay unlinked rather than misdirected.
    assert.ok(unanswered.filter(e => e.seeAlso).length >= 50);
    const lines = new Map(contentFiles().map(({ file, bytes }) => [file, new TextDecoder().decode(bytes).split('\n')]));
    for (const e of unanswered) {
      if (!e.seeAlso) continue;
      const target = lines.get(e.seeAlso.file)?.[e.seeAlso.line - 1] ?? '';
      assert.ok(target.includes(e.seeAlso.section.slice(0, 20)), `${e.question} -> ${e.seeAlso.file}:${e.seeAlso.line}`);
    }
  });

  it('ids are stable when an unrelated part of a guide changes', () => {
    const guide = fs.readFileSync(path.join(CONTENT, 'django-interview-answers-parts-7-16.md'), 'utf8');
    const before = buildIndex([{ file: 'g.md', bytes: utf8(guide) }]).entries;
    const edited = guide
      .replace('# Django Architecture', 'A new introduction paragraph.\n\n## 0. A brand new question?\n\nWith an answer.\n\n# Django Architecture')
      .replace('Once, I built an e-commerce application using Django.', 'Once, I built a marketplace.');
    const after = buildIndex([{ file: 'g.md', bytes: utf8(edited) }]).entries;
    assert.equal(after.length, before.length + 1);
    for (const e of before) {
      const same = after.find(a => a.question === e.question && a.source.line !== 0 && a.answer.length > 0 === e.answer.length > 0 && a.section === e.section);
      assert.ok(same, e.question);
      assert.equal(same!.id, e.id);
    }
  });

  it('every entry has 1–3 topics and some keywords', () => {
    for (const e of contentIndex().entries) {
      assert.ok(e.topics.length >= 1 && e.topics.length <= 3, e.question);
      assert.equal(new Set(e.topics).size, e.topics.length);
    }
  });

  it('main topics match a hand-checked sample', () => {
    const sample: [string, string][] = [
      ['What are Django signals, and when should you avoid using them?', 'signals'],
      ['Explain transaction.atomic, on_commit, and select_for_update.', 'transactions'],
      ["How does Django's ORM handle N+1 query problems, and what are the best practices to avoid them?", 'query-optimization'],
      ['How do Django migrations work and how do you deploy them safely?', 'migrations'],
      ['How do you handle CSRF in Django?', 'security'],
      ['How do you design role-based access control?', 'authorization'],
      ['Why do we need Celery in Django?', 'celery-tasks'],
      ['How do you test Django apps with pytest-django?', 'testing'],
      ['Implement a Trie data structure for autocomplete functionality in a Django search feature.', 'algorithms'],
      ['Design a scalable URL shortener service using Django. What are the key architectural decisions you would make?', 'system-design'],
      ['Tell me about a time when you had to mentor junior developers on Django best practices. How did you approach it?', 'career-behavioral'],
      ['What caching layers does Django support?', 'caching'],
      ['How do DRF serializers work and what pitfalls hit experienced teams?', 'drf-apis'],
      ['What is the difference between null=True and blank=True?', 'models'],
      ['How do F() and Q() objects help in Django queries?', 'orm-queries'],
      ['What is middleware and what are common production uses?', 'middleware'],
      ['Discuss how you would implement i18n and l10n features in a Django application.', 'i18n'],
      ['How do you customize Django Admin for production teams?', 'admin-commands'],
      ['WSGI vs ASGI — when does Django use each?', 'architecture'],
      ['How do you structure settings for dev, staging, and production?', 'settings-config'],
    ];
    const idx = contentIndex();
    for (const [q, topic] of sample) {
      const e = idx.entries.find(x => x.question === q);
      assert.ok(e, q);
      assert.equal(e!.topics[0], topic, q);
    }
  });

  it('the same question asked twice (worded the same or nearly) folds into one canonical entry', () => {
    const idx = contentIndex();
    const at = (file: string, line: number) => idx.entries.find(e => e.source.file === file && e.source.line === line)!;
    const answers = 'django-interview-answers-parts-7-16.md';
    const pairs: [string, number, string, number][] = [
      [answers, 611, answers, 19], // "How does Django handle a request from URL to response?" twice, word for word
      [answers, 1129, answers, 212], // "How do you handle file uploads efficiently?" twice
      [answers, 8, answers, 589], // "… MTV architecture with a real example" / "with an example"
      [answers, 1096, answers, 146], // "… database queries in views?" / "… database queries?"
      ['django-interview-questions-experienced-2026.md', 921, answers, 30], // "… a large Django codebase" / "project"
      [answers, 157, 'django-interview-questions-prepare-to-shine.md', 16], // "How do you design caching" / "handle caching"
    ];
    for (const [cf, cl, vf, vl] of pairs) {
      const canonical = at(cf, cl);
      const variant = at(vf, vl);
      assert.equal(variant.canonicalId, canonical.id, variant.question);
      assert.deepEqual(canonical.variantIds, [variant.id], canonical.question);
      assert.equal(canonical.canonicalId, undefined);
    }
    assert.equal(idx.entries.filter(e => e.canonicalId).length, pairs.length, 'nothing else is folded');
  });

  it('"also asked as" gives the repeats and the questions asked alike, from the canonical entry or a repeat', () => {
    const lib = Library.fromIndexes([contentIndex()]);
    const answers = 'django-interview-answers-parts-7-16';
    const ids = (id: string) => lib.alsoAskedAs(lib.get(id)!).map(e => e.id);
    assert.deepEqual(ids(`${answers}#8e6f3124`), [`${answers}#8e6f3124-2`]);
    assert.deepEqual(ids(`${answers}#8e6f3124-2`), [`${answers}#8e6f3124`]);
    const signals = ids('django-core-algorithms-system-design-coding#14410351');
    assert.equal(signals.length, 4);
    assert.ok(signals.includes(`${answers}#bb11705f`) && signals.includes(`${answers}#57136da2`));
    assert.deepEqual(ids('django-core-algorithms-system-design-coding#493eba97'), [], 'the recursion exercise asks something else');
  });

  it('questions asked alike with different asks stay entries of their own, linked both ways', () => {
    const idx = contentIndex();
    const byQ = (q: string) => idx.entries.find(e => e.question === q)!;
    const signals = [
      'What are Django signals, and when should you avoid using them?',
      'What are Django signals? Where have you used them in real projects?',
      'What are Django signals, and how have you used them?',
      'When should you use Django signals — and when should you avoid them?',
      'What are Django signals and how can they be used?',
    ].map(byQ);
    for (const e of signals) {
      assert.equal(e.canonicalId, undefined, e.question);
      assert.deepEqual([...e.relatedIds!].sort(), signals.filter(o => o !== e).map(o => o.id).sort(), e.question);
    }
    // Six signal questions in the guides, six entries on the topic (the sixth is the recursion exercise).
    assert.equal(idx.entries.filter(e => !e.canonicalId && e.topics.includes('signals')).length, 6);
    const sr = [byQ('Explain select_related vs prefetch_related.'), byQ('When would you prefer prefetch_related over select_related and why?')];
    assert.ok(sr.every(e => !e.canonicalId) && sr[0].relatedIds!.includes(sr[1].id) && sr[1].relatedIds!.includes(sr[0].id));
    // Same subject, different question: not even related.
    const design = byQ('How do you design background jobs?');
    const failed = byQ('How do you handle failed background jobs?');
    assert.ok(!design.canonicalId && !failed.canonicalId && !(design.relatedIds ?? []).includes(failed.id));
  });
});
