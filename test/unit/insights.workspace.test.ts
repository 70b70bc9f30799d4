// "Pitfalls in this workspace" (issue 14): the study plan's pitfalls, the snippets the quiz shows, the
// pitfalls quiz (cards, spread, the empty workspace, restore after a reload) and the view messages.
import assert from 'node:assert/strict';
import path from 'node:path';
import { StudyPlanBuilder } from '../../src/core/detect/scan';
import { scanDirectory } from '../../src/core/detect/scanFs';
import { insightById } from '../../src/core/insights/index';
import { codeSnippet, type WorkspaceFinding } from '../../src/core/insights/workspace';
import { Library } from '../../src/core/library';
import { generateQuiz, pitfallQuiz, restoreSession, scopeLabel, checkScope } from '../../src/core/quiz';
import { CuratedContent } from '../../src/core/content/curated';
import { parseStudyPlanMessage } from '../../src/webview/studyPlanProtocol';
import { parseQuizMessage } from '../../src/webview/quizProtocol';
import { escapeMarkdownKeepCode } from '../../src/features/markdownText';
import { contentIndex, ROOT } from './helpers';

const library = new Library(contentIndex().entries);
const COUNTER = 'from polls.models import Poll\n\n\ndef vote(pk):\n    poll = Poll.objects.get(pk=pk)\n    poll.votes += 1\n    poll.save()\n\n\nX = 1\n';
const COUNTER_TWICE = COUNTER + 'def unvote(pk):\n    poll = Poll.objects.get(pk=pk)\n    poll.votes -= 1\n    poll.save()\n';
const NULL_STRING = 'from django.db import models\n\nclass Book(models.Model):\n    title = models.CharField(max_length=10, null=True)\n';

function plan(files: Record<string, string>, insights = true) {
  const b = new StudyPlanBuilder('p', { insights });
  for (const [p, text] of Object.entries(files)) b.addFile(p, text);
  return b.build(library);
}

describe('pitfalls in this workspace: the study plan', () => {
  it('groups the findings by insight, most first, each finding by path and line with its snippet, and lists the insight\'s questions', () => {
    const p = plan({ 'shop/views.py': COUNTER, 'blog/models.py': NULL_STRING, 'accounts/votes.py': COUNTER_TWICE });
    assert.deepEqual(p.pitfalls.map(g => [g.insightId, g.files, g.findings.map(f => `${f.path}:${f.range.line + 1}`)]), [
      ['DJC007', 2, ['accounts/votes.py:6', 'accounts/votes.py:13', 'shop/views.py:6']],
      ['DJC009', 1, ['blog/models.py:4']],
    ]);
    const [counter] = p.pitfalls;
    assert.equal(counter.title, insightById('DJC007')!.title);
    assert.deepEqual(counter.questions.map(q => q.id), insightById('DJC007')!.questionIds);
    assert.ok(counter.questions.every(q => q.question.length > 0 && q.preview.length > 0));
    // Two lines of context either side, blank ones at the ends dropped.
    assert.deepEqual(counter.findings[2].snippet, { firstLine: 3, lines: ['def vote(pk):', '    poll = Poll.objects.get(pk=pk)', '    poll.votes += 1', '    poll.save()'] });
    assert.equal(p.insights, true);
  });

  it('leaves the pitfalls out when insights are off, and has none for a clean project', () => {
    const off = plan({ 'shop/views.py': COUNTER }, false);
    assert.deepEqual([off.pitfalls, off.insights], [[], false]);
    assert.deepEqual(plan({ 'shop/views.py': 'x = 1\n' }).pitfalls, []);
  });

  it('finds the sample project\'s pitfalls where the sample puts them (catalog/promotions.py)', () => {
    const sample = scanDirectory(path.join(ROOT, 'sample-project'), library);
    const at = (id: string) => sample.pitfalls.find(g => g.insightId === id)?.findings.map(f => `${f.path}:${f.range.line + 1}`);
    assert.deepEqual(at('DJC007'), ['catalog/promotions.py:25']);
    assert.deepEqual(at('DJC009'), ['catalog/promotions.py:11']);
  });
});

describe('pitfalls in this workspace: snippets', () => {
  const text = ['a = 1', '', 'b = 2', 'c = 3', 'd = 4', '', 'e = 5'].join('\n');
  it('takes the finding\'s lines with two lines of context, clipped at the file\'s ends, blank lines at the ends dropped', () => {
    assert.deepEqual(codeSnippet(text, { line: 3, start: 0, endLine: 3, end: 1 }), { firstLine: 2, lines: ['b = 2', 'c = 3', 'd = 4'] });
    assert.deepEqual(codeSnippet(text, { line: 0, start: 0, endLine: 0, end: 1 }), { firstLine: 0, lines: ['a = 1', '', 'b = 2'] });
    assert.deepEqual(codeSnippet(text, { line: 6, start: 0, endLine: 6, end: 1 }), { firstLine: 4, lines: ['d = 4', '', 'e = 5'] });
  });
  it('caps long findings and long lines', () => {
    const long = Array.from({ length: 40 }, (_, i) => `x${i} = ${'y'.repeat(i === 5 ? 500 : 1)}`).join('\n');
    const s = codeSnippet(long, { line: 5, start: 0, endLine: 30, end: 1 });
    assert.equal(s.firstLine, 3);
    assert.equal(s.lines.length, 14);
    assert.equal(s.lines[2].length, 200);
    assert.ok(s.lines[2].endsWith('…'));
  });
});

describe('pitfalls in this workspace: the quiz', () => {
  const p = plan({ 'shop/views.py': COUNTER, 'blog/models.py': NULL_STRING, 'accounts/votes.py': COUNTER_TWICE });
  const findings: WorkspaceFinding[] = p.pitfalls.flatMap(g => g.findings);

  it('makes one flashcard per finding, recorded on the card of the insight\'s first guide question, with the user\'s lines', () => {
    const build = pitfallQuiz(library, findings, { length: 10, seed: 3 });
    const s = build.session;
    assert.equal(build.empty, undefined);
    assert.deepEqual([s.mode, s.scope, s.items.length], ['flashcards', { kind: 'pitfalls' }, 4]);
    for (const item of s.items) {
      const def = insightById(item.pitfall!.insightId)!;
      assert.equal(item.kind, 'card');
      assert.equal(item.questionId, def.questionIds[0]);
      assert.equal(item.question, library.get(def.questionIds[0])!.question);
      assert.equal(item.points, 0);
    }
    const card = s.items.find(i => i.pitfall!.path === 'blog/models.py')!;
    assert.deepEqual({ ...card.pitfall, message: '' }, { insightId: 'DJC009', path: 'blog/models.py', line: 3, message: '', firstLine: 2, lines: ['class Book(models.Model):', '    title = models.CharField(max_length=10, null=True)'] });
    assert.equal(build.poolSize, 2);
  });

  it('a short quiz takes every insight once before any insight twice, and the same seed gives the same quiz', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const two = pitfallQuiz(library, findings, { length: 2, seed }).session.items.map(i => i.pitfall!.insightId).sort();
      assert.deepEqual(two, ['DJC007', 'DJC009'], `seed ${seed}`);
    }
    assert.deepEqual(pitfallQuiz(library, findings, { length: 3, seed: 9, now: 0 }).session, pitfallQuiz(library, findings, { length: 3, seed: 9, now: 0 }).session);
  });

  it('says clearly when the workspace has no pitfalls', () => {
    const build = pitfallQuiz(library, [], { length: 10, filesScanned: 31 });
    assert.equal(build.session.items.length, 0);
    assert.match(build.empty!, /^No pitfalls found in this workspace: .* its 31 files/);
    assert.match(pitfallQuiz(new Library([]), findings, { length: 10 }).empty!, /no guide question in the library/);
  });

  it('survives a window reload (the session in the webview state), and refuses a damaged pitfall', () => {
    const s = pitfallQuiz(library, findings, { length: 10, seed: 3 }).session;
    const restored = restoreSession(JSON.parse(JSON.stringify(s)));
    assert.deepEqual(restored.session, s);
    const bad = JSON.parse(JSON.stringify(s));
    bad.items[0].pitfall.insightId = '<script>';
    bad.items[1].pitfall.extra = 1;
    bad.items[2].pitfall.lines = 'x';
    const refused = restoreSession(bad);
    assert.equal(refused.session, undefined);
    assert.ok(refused.errors.some(e => /items\[0\]: pitfall insightId/.test(e)), refused.errors.join('\n'));
    assert.ok(refused.errors.some(e => /items\[1\]: pitfall has unknown field "extra"/.test(e)), refused.errors.join('\n'));
    assert.ok(refused.errors.some(e => /items\[2\]: pitfall lines/.test(e)), refused.errors.join('\n'));
  });

  it('has a label and a valid scope; built from the library alone it explains where the quiz comes from', () => {
    assert.equal(scopeLabel({ kind: 'pitfalls' }), 'Pitfalls in this workspace');
    assert.equal(checkScope({ kind: 'pitfalls' }), undefined);
    assert.match(checkScope({ kind: 'pitfalls', ids: [] })!, /unknown fields/);
    const build = generateQuiz(library, CuratedContent.empty(), { scope: { kind: 'pitfalls' }, mode: 'flashcards', length: 5 });
    assert.match(build.empty!, /Pitfalls in this workspace/);
  });
});

describe('pitfalls in this workspace: view messages', () => {
  it('the study plan asks for the pitfalls quiz; the quiz opens a file of the workspace by relative path only', () => {
    assert.deepEqual(parseStudyPlanMessage({ type: 'quizPitfalls' }), { type: 'quizPitfalls' });
    assert.deepEqual(parseQuizMessage({ type: 'openFile', path: 'catalog/promotions.py', line: 24 }), { type: 'openFile', path: 'catalog/promotions.py', line: 24 });
    for (const bad of [{ type: 'openFile', path: '../etc/passwd', line: 1 }, { type: 'openFile', path: 'a.py', line: -1 }, { type: 'openFile', path: '', line: 0 }, { type: 'openFile', path: 7, line: 0 }]) {
      assert.equal(parseQuizMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('insight texts in the hover\'s Markdown', () => {
  it('keep `backticked` names as code spans and escape everything else, links and HTML included', () => {
    assert.equal(escapeMarkdownKeepCode('Use `format_html()` on <b>[x](command:evil)</b>'), 'Use `format_html()` on \\<b\\>\\[x\\]\\(command:evil\\)\\</b\\>');
    assert.equal(escapeMarkdownKeepCode('an `unclosed span'), 'an `unclosed span`');
    assert.equal(escapeMarkdownKeepCode('empty `` and `a\nb`'), 'empty  and a\nb');
  });
});
