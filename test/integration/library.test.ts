// Sidebar, answer view, search and users' own guides, inside a real VS Code extension host.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CoachApi } from '../../src/extension';
import { until } from './until';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const index = JSON.parse(fs.readFileSync(path.join(repoRoot, 'dist', 'index.json'), 'utf8')) as { entries: { id: string; question: string; canonicalId?: string; source: { file: string; line: number } }[] };

async function api(): Promise<CoachApi> {
  const ext = vscode.extensions.getExtension<CoachApi>(`${manifest.publisher}.${manifest.name}`)!;
  return ext.activate();
}

/** The next `event`; the deadline only names a hang (see ./until.ts). */
function waitFor<T>(event: vscode.Event<T>, ms = 25_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { d.dispose(); reject(new Error('timed out waiting for the event')); }, ms);
    const d = event(value => { clearTimeout(timer); d.dispose(); resolve(value); });
  });
}

describe('guide library in the editor', () => {

  it('the Topics tree lists topics with their canonical questions, each opening its answer', async () => {
    const { topics, library } = await api();
    const roots = await topics.getChildren();
    assert.ok(roots.length >= 20, `only ${roots.length} topics`);
    const lib = await library.get();
    const canonicalCount = index.entries.filter(e => !e.canonicalId).length;
    assert.strictEqual(lib.canonical().length, canonicalCount);
    const signals = roots.find(r => r.kind === 'topic' && r.topic === 'signals')!;
    const item = topics.getTreeItem(signals);
    assert.strictEqual(item.label, 'Signals');
    const children = await topics.getChildren(signals);
    assert.strictEqual(item.description, String(children.length));
    const expected = index.entries.filter(e => !e.canonicalId && (e as unknown as { topics: string[] }).topics.includes('signals'));
    assert.deepStrictEqual(children.map(c => c.kind === 'question' && c.entry.id).sort(), expected.map(e => e.id).sort());
    // The guides ask six signal questions; questions asked alike are entries of their own, not folded away.
    assert.strictEqual(children.length, 6);
    const first = topics.getTreeItem(children[0]);
    assert.strictEqual(first.command?.command, 'djangoCoach.openAnswer');
    // Only the same question asked twice is folded: its repeat does not appear in the tree.
    for (const c of children) assert.ok(c.kind === 'question' && !c.entry.canonicalId);
  });

  it('opens an answer in one reused panel and opens its guide at the line', async () => {
    const { answers } = await api();
    const entry = index.entries.find(e => e.question === 'Explain transaction.atomic, on_commit, and select_for_update.')!;
    assert.ok(await vscode.commands.executeCommand('djangoCoach.openAnswer', entry.id));
    assert.strictEqual(answers.currentId, entry.id);
    const other = index.entries.find(e => e.question.startsWith('How do F() and Q() objects'))!;
    await vscode.commands.executeCommand('djangoCoach.openAnswer', other.id);
    assert.strictEqual(answers.currentId, other.id);
    const answerTabs = () => vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(t => String((t.input as { viewType?: string } | undefined)?.viewType ?? '').includes('djangoCoach.answer'));
    await until(() => answerTabs().length > 0, 'the answer panel\'s tab');
    const panels = answerTabs();
    assert.strictEqual(panels.length, 1, 'one reused panel: ' + JSON.stringify(vscode.window.tabGroups.all.flatMap(g => g.tabs).map(t => [t.label, t.input])));
    await vscode.commands.executeCommand('djangoCoach.openGuideSource', other.id);
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.uri.path.endsWith(`/content/${other.source.file}`), editor.document.uri.toString());
    assert.strictEqual(editor.selection.active.line, other.source.line - 1);
    assert.ok(editor.document.lineAt(other.source.line - 1).text.includes('How do F() and Q() objects'));
  });

  it('unknown ids show nothing and say so', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('djangoCoach.openAnswer', 'no-such-guide#deadbeef'), false);
  });

  it('search ranks the obvious question first', async () => {
    const { library } = await api();
    const [first] = await library.search('N+1');
    assert.strictEqual(first.entry.question, "How does Django's ORM handle N+1 query problems, and what are the best practices to avoid them?");
  });

  describe('users\' own guide folders', () => {
    // A notes folder inside the project, as a team would keep it.
    const dir = fs.mkdtempSync(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.coach-test-guides-'));
    const config = () => vscode.workspace.getConfiguration('djangoCoach');
    after(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      await config().update('guideFolders', undefined, vscode.ConfigurationTarget.Global);
      await config().update('includeBundledGuides', undefined, vscode.ConfigurationTarget.Global);
    });

    it('are parsed, merged into the tree and search, and a broken file is named and skipped', async () => {
      fs.writeFileSync(path.join(dir, 'team-notes.md'), '# Team notes\n\n## 1. How does our outbox pattern use on_commit?\n\nWe write the event row in the same transaction.\n');
      fs.writeFileSync(path.join(dir, 'broken.md'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
      const { library } = await api();
      const loaded = waitFor(library.onDidChange);
      await config().update('guideFolders', [dir], vscode.ConfigurationTarget.Global);
      await loaded;
      const lib = await library.get();
      const mine = lib.entries.find(e => e.question === 'How does our outbox pattern use on_commit?');
      assert.ok(mine, 'the user question is in the library');
      assert.strictEqual(lib.entries.length, index.entries.length + 1);
      assert.deepStrictEqual(library.errors.map(e => path.basename(e.file)), ['broken.md']);
      assert.match(library.errors[0].message, /binary/);
      const results = await library.search('outbox');
      assert.strictEqual(results[0].entry.id, mine!.id);
      assert.ok(library.sourceUri(mine!).path.endsWith('/team-notes.md'));
    });

    it('are watched: a new file is picked up without a reload', async () => {
      const { library } = await api();
      const changed = waitFor(library.onDidChange);
      fs.writeFileSync(path.join(dir, 'more.md'), '## 1. What does select_for_update lock?\n\nThe selected rows.\n');
      await changed;
      assert.ok((await library.get()).entries.some(e => e.question === 'What does select_for_update lock?'));
    });

    it('a folder of guides in every shape people write: every question in the tree, each with its answer, quizzable', async () => {
      // The corpus of guide shapes, with the hand-checked list of every guide: line, answered, question.
      const shapes = path.join(repoRoot, 'test', 'fixtures', 'guides', 'shapes');
      const expected = fs.readdirSync(shapes).filter(f => /\.(md|txt)$/.test(f)).flatMap(file =>
        fs.readFileSync(path.join(shapes, file.replace(/\.(md|txt)$/, '.questions.tsv')), 'utf8').trim().split('\n').map(row => {
          const [line, answered, question] = row.split('\t');
          return { file, line: Number(line), answered: answered === 'yes', question };
        }));
      const { library, topics, answers, quiz } = await api();
      const loaded = waitFor(library.onDidChange);
      await config().update('guideFolders', [shapes], vscode.ConfigurationTarget.Global);
      await loaded;
      const lib = await library.get();
      const mine = lib.entries.filter(e => e.source.file.startsWith('user:0-shapes/'));
      assert.deepStrictEqual(library.errors, []);
      // Every question at its line, answered where its guide answers it.
      assert.deepStrictEqual(
        mine.map(e => `${e.source.file.replace('user:0-shapes/', '')}:${e.source.line}:${e.hasAnswer}:${e.question}`).sort(),
        expected.map(e => `${e.file}:${e.line}:${e.answered}:${e.question}`).sort(),
      );
      // What the output channel logs, file by file.
      for (const file of new Set(expected.map(e => e.file))) {
        const report = library.reports.find(r => r.file === `user:0-shapes/${file}`);
        const rows = expected.filter(e => e.file === file);
        assert.deepStrictEqual(report && [report.questions, report.answered, report.problem, report.hint], [rows.length, rows.filter(e => e.answered).length, undefined, undefined], file);
      }
      // In the Topics tree: each question, or the question it is folded into (asked alike elsewhere).
      const inTree = new Set<string>();
      for (const root of await topics.getChildren()) {
        for (const child of await topics.getChildren(root)) if (child.kind === 'question') inTree.add(child.entry.id);
      }
      for (const e of mine) assert.ok(inTree.has(e.canonicalId ?? e.id), `${e.source.file}:${e.source.line} ${e.question}`);
      // Each answer opens in the answer view; each guide's questions make a flashcard quiz.
      for (const file of new Set(expected.map(e => e.file))) {
        const ofFile = mine.filter(e => e.source.file === `user:0-shapes/${file}`);
        const answered = ofFile.find(e => e.hasAnswer && !e.canonicalId);
        if (answered) {
          assert.strictEqual(await vscode.commands.executeCommand('djangoCoach.openAnswer', answered.id), true);
          assert.strictEqual(answers.currentId, answered.id);
        }
        const build = await quiz.quiz.start({ scope: { kind: 'ids', ids: ofFile.map(e => e.id) }, mode: 'flashcards', length: 200, seed: 3 });
        assert.ok(!build.empty, `${file}: ${build.empty}`);
        assert.deepStrictEqual(new Set(build.session.items.map(i => i.id)), new Set(ofFile.map(e => e.canonicalId ?? e.id)), file);
      }
      assert.ok(library.sourceUri(mine[0]).path.endsWith(`/test/fixtures/guides/shapes/${mine[0].source.file.replace('user:0-shapes/', '')}`));
      const restored = waitFor(library.onDidChange);
      await config().update('guideFolders', [dir], vscode.ConfigurationTarget.Global);
      await restored;
    });

    it('respect includeBundledGuides = false', async () => {
      const { library } = await api();
      const loaded = waitFor(library.onDidChange);
      await config().update('includeBundledGuides', false, vscode.ConfigurationTarget.Global);
      await loaded;
      const questions = (await library.get()).entries.map(e => e.question).sort();
      assert.deepStrictEqual(questions, ['How does our outbox pattern use on_commit?', 'What does select_for_update lock?']);
    });
  });
});
