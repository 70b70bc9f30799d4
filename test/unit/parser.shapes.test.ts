import assert from 'node:assert/strict';
import { parseGuide, type RawQuestion } from '../../src/core/parse/parseGuide';
import { buildIndex } from '../../src/core/parse/buildIndex';
import { Library } from '../../src/core/library';
import { generateQuiz } from '../../src/core/quiz/generate';
import { CuratedContent } from '../../src/core/content/curated';
import { shapeFixture, shapeFixtures } from './shapes';
import { utf8 } from './helpers';

function parsed(file: string): RawQuestion[] {
  return parseGuide(shapeFixture(file).text).questions;
}

function question(file: string, line: number): RawQuestion {
  const q = parsed(file).find(x => x.line === line);
  assert.ok(q, `no question at ${file}:${line}`);
  return q;
}

describe('guide shapes: every question, each with its answer', () => {
  for (const fixture of shapeFixtures()) {
    it(`${fixture.file}: exactly its ${fixture.expected.length} questions, at their lines, answered where the guide answers`, () => {
      const got = parseGuide(fixture.text).questions;
      assert.deepEqual(got.map(q => `${q.line}\t${q.question}`), fixture.expected.map(e => `${e.line}\t${e.question}`));
      assert.deepEqual(got.map(q => `${q.line}\t${q.answer.trim() ? 'yes' : 'no'}`), fixture.expected.map(e => `${e.line}\t${e.answered ? 'yes' : 'no'}`));
    });
  }

  it('the header comment of every fixture is no question, and neither is one with question shapes in it', () => {
    for (const fixture of shapeFixtures()) {
      const end = fixture.text.split(/\r?\n/).findIndex(l => l.includes('-->')) + 1;
      assert.ok(end > 1, `${fixture.file} starts with its header comment`);
      assert.ok(parseGuide(fixture.text).questions.every(q => q.line > end), fixture.file);
    }
    const commented = '<!--\n## 1. What is a QuerySet?\n**Q. Why?**\nQ: What is it?\n-->\n# Notes\n\nNothing to ask.\n';
    assert.deepEqual(parseGuide(commented).questions, []);
  });

  it('answer labels are dropped, whichever way they are written', () => {
    assert.match(question('bold-q-ans.md', 42).answer, /^It is a thin wrapper/);
    assert.match(question('bold-q-ans.md', 46).answer, /^No, it is a framework/);
    assert.match(question('bold-q-ans.md', 51).answer, /^`startproject` creates this layout:/);
    assert.match(question('chat-answer-labels-crlf.md', 17).answer, /^MVT stands for Model-View-Template\./);
    assert.match(question('q-dash-ans.txt', 11).answer, /^Django is a Python framework/);
    assert.match(question('q-dash-ans.txt', 28).answer, /^a Python class that subclasses models\.Model/);
    assert.match(question('q-hash-answer.md', 28).answer, /^As functions that take a request/);
    assert.match(question('qa-pairs.md', 17).answer, /^It creates a database index/);
    assert.match(question('qa-pairs.md', 26).answer, /^- Function views are explicit/);
    assert.match(question('bullets-nested-answer.md', 30).answer, /^Abstract base classes share fields/);
    assert.match(question('plain-text-ans.md', 16).answer, /^Django is a free, open-source/);
    assert.match(question('q-heading-answer-label.md', 18).answer, /^\*\*Django MTV:\*\*/);
  });

  it('an answer ends at the next question or section, never running into a closing note', () => {
    assert.doesNotMatch(question('qa-pairs.md', 62).answer, /Practise each answer aloud/);
    assert.match(question('qa-pairs.md', 62).answer, /Retry-After/);
    assert.doesNotMatch(question('indented-code-headings.md', 41).answer, /Views and requests/);
    assert.doesNotMatch(question('numbered-no-blank.md', 14).answer, /What is the difference between a project/);
    assert.match(question('numbered-no-blank.md', 57).answer, /Upgrades across several versions take planning\.$/);
    assert.doesNotMatch(question('topic-headings.md', 67).answer, /settings\.py/);
    // The last answer of a file without a final newline is whole.
    assert.match(question('chat-answer-labels-crlf.md', 109).answer, /without a lost update between two requests\.$/);
    assert.match(question('q-dash-ans.txt', 58).answer, /only a cookie with the session key\.$/);
  });

  it('sub-headings, bold labels and numbered steps inside an answer stay in it', () => {
    const first = question('numbered-headings.md', 24).answer;
    assert.match(first, /### Key Points/);
    assert.match(first, /### Code Example\n\n```python\nqs = Order\.objects\.filter\(paid=True\)/);
    const slow = question('q-heading-answer-label.md', 41).answer;
    for (const part of ['**Finding them:**', '**1. N+1 queries:**', '**3. Missing indexes:**', 'QuerySet.explain()']) assert.ok(slow.includes(part), part);
    assert.match(question('plain-question-headings.md', 15).answer, /#### Reference:\s+https:\/\/docs\.djangoproject\.com/);
    assert.match(question('plain-question-headings.md', 31).answer, /### Example/);
    assert.match(question('details-html-headings.md', 22).answer, /#### Conclusion:\n\nThe admin is meant for trusted staff/);
    assert.match(question('bold-q-ans.md', 108).answer, /\*\*require_POST:\*\* rejects every method/);
    const steps = question('plain-text-ans.md', 36).answer;
    assert.match(steps, /3\. Proxy models: the same table/);
  });

  it('HTML is turned into Markdown and <details> tags stay out of answers', () => {
    const html = parsed('details-inline-html.md');
    for (const q of html) assert.doesNotMatch(q.answer, /<\/?(p|i|details|summary)>|&nbsp;/, q.question);
    assert.equal(question('details-inline-html.md', 14).answer, '*✎  A Python package with one responsibility (models, views, templates, migrations) that a project switches on in INSTALLED_APPS.*');
    assert.match(question('details-inline-html.md', 17).answer, /^☒ \.\/manage\.py makemigrations\n\n☐ \.\/manage\.py migrate/);
    assert.match(question('topic-headings.md', 13).answer, /\*\*Abstract base classes\*\*\n\n1\. The parent declares fields/);
    assert.match(question('topic-headings.md', 13).answer, /A proxy \(\*a stand-in for another model\*\)/);
    for (const q of parsed('details-numbered.md')) assert.doesNotMatch(q.answer, /<\/?details>|<summary>|^---/, q.question);
    assert.match(question('details-numbered.md', 42).answer, /^\| Aspect +\| \*\*Django\*\*/);
  });

  it('code pasted without fences is fenced, as in the bundled guides', () => {
    const hello = question('plain-text-ans.md', 102).answer;
    assert.match(hello, /```python\nfrom django\.http import HttpResponse\n\ndef home\(request\):\n\nreturn HttpResponse\(‘Hello world!’\)\n```/);
    assert.match(hello, /```bash\nnotes:~\$ django-admin startproject hello\n```/);
    assert.match(question('indented-code-headings.md', 29).answer, /\n {4}# THE BUG: one query for the orders, then one per customer\n/);
  });

  it('tables, contents lists and link lists give questions only where they ask', () => {
    const toc = parsed('toc-linked-questions.md');
    assert.ok(toc.every(q => q.line >= 31), 'the contents entries are links, not questions');
    assert.equal(question('toc-linked-questions.md', 104).answer.startsWith('```python\nfrom django.contrib.auth.decorators import login_required'), true);
    const table = parsed('table-questions.md');
    assert.equal(table.length, 16);
    assert.equal(table[0].section, '🌟 Core Django');
    assert.equal(question('table-questions.md', 59).question, 'only() vs defer()');
  });

  it('a question nested under a topic bullet is read with its topic when it needs it', () => {
    assert.equal(question('question-bullets-nested.md', 26).question, 'Django — What is it?');
    assert.equal(question('question-bullets-nested.md', 31).question, 'What is an app?');
  });

  it('level headings and section labels name where a question sits', () => {
    assert.equal(question('bold-q-ans.md', 93).level, 'Intermediate');
    assert.equal(question('bold-q-ans.md', 93).section, 'Intermediate');
    assert.equal(question('details-numbered.md', 97).section, 'Models and the ORM');
    assert.equal(question('q-heading-answer-label.md', 73).section, '2. DATA INTEGRITY');
  });

  it('Windows line endings read exactly like Unix ones', () => {
    const crlf = shapeFixture('chat-answer-labels-crlf.md').text;
    assert.ok(crlf.includes('\r\n'));
    assert.deepEqual(parseGuide(crlf), parseGuide(crlf.replace(/\r\n/g, '\n')));
  });

  it('every question of the corpus reaches the library, and each is quizzable as a flashcard', () => {
    const idx = buildIndex(shapeFixtures().map(f => ({ file: f.file, bytes: f.bytes })));
    assert.deepEqual(idx.errors, []);
    const expectedTotal = shapeFixtures().reduce((n, f) => n + f.expected.length, 0);
    assert.equal(idx.entries.length, expectedTotal);
    const library = new Library(idx.entries);
    for (const fixture of shapeFixtures()) {
      const ids = idx.entries.filter(e => e.source.file === fixture.file).map(e => e.id);
      const quiz = generateQuiz(library, CuratedContent.empty(), { scope: { kind: 'ids', ids }, mode: 'flashcards', length: 200, seed: 1 });
      const inQuiz = new Set(quiz.session.items.map(i => i.id));
      for (const id of ids) {
        const e = library.get(id)!;
        assert.ok(inQuiz.has(e.canonicalId ?? e.id), `${fixture.file}: ${e.question}`);
      }
    }
    // A question asked twice in one guide (a question list, then its answered heading) folds onto the answered one.
    const asked = idx.entries.filter(e => e.source.file === 'chat-export-headings.md' && e.question.startsWith('Where does Django keep session data'));
    assert.equal(asked.length, 2);
    const canonical = asked.find(e => !e.canonicalId)!;
    assert.equal(canonical.hasAnswer, true);
  });

  it('each file is reported: questions found and how many have an answer', () => {
    const idx = buildIndex(shapeFixtures().map(f => ({ file: f.file, bytes: f.bytes })));
    for (const fixture of shapeFixtures()) {
      const report = idx.reports!.find(r => r.file === fixture.file)!;
      assert.deepEqual([report.questions, report.answered], [fixture.expected.length, fixture.expected.filter(e => e.answered).length], fixture.file);
      assert.equal(report.hint, undefined, fixture.file);
    }
  });
});

describe('guide reports: why a file yields nothing, and a hint when it yields little', () => {
  it('a file without questions says which lines looked like questions and which shapes are read', () => {
    const idx = buildIndex([{ file: 'prose.md', bytes: utf8('# Notes\n\nDjango is fun.\nWhy not?\n') }]);
    assert.equal(idx.entries.length, 0);
    assert.match(idx.reports![0].problem!, /^no interview questions found; questions are read from headings that ask or are numbered/);
    assert.match(idx.reports![0].problem!, /\(1 line ends in '\?' but none is in one of these shapes\)$/);
    assert.equal(idx.errors[0].message, idx.reports![0].problem);
  });

  it('a large guide with few questions gets the hint; a normal one does not', () => {
    const filler = 'Django keeps request handling, data access and presentation apart.\n'.repeat(400);
    const sparse = `## 1. What is a QuerySet?\n\nA lazy query.\n\n${filler}`;
    const report = buildIndex([{ file: 'sparse.md', bytes: utf8(sparse) }]).reports![0];
    assert.equal(report.questions, 1);
    // 35 + 400 × 67 = 26,835 bytes: 26 KB.
    assert.match(report.hint!, /^only 1 question found in 26 KB; questions are read from /);
    const unread = `## 1. What is a QuerySet?\n\nA lazy query.\n\n${'> Why is the sky blue?\n'.repeat(6)}`;
    assert.match(buildIndex([{ file: 'quoted.md', bytes: utf8(unread) }]).reports![0].hint!, /^only 1 question found in \d+ bytes \(6 other lines end in '\?'\)/);
    const fine = buildIndex([{ file: 'fine.md', bytes: utf8('## 1. What is a view?\n\nA callable.\n\n## 2. What is a URLconf?\n\nA list of routes.\n') }]).reports![0];
    assert.deepEqual(fine, { file: 'fine.md', bytes: 80, questions: 2, answered: 2 });
  });
});
