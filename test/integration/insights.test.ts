// Insight diagnostics and code actions (issue 14) in a real extension host, on untitled Python documents.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CoachApi } from '../../src/extension';
import { until } from './until';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const config = () => vscode.workspace.getConfiguration('djangoCoach');
const SOURCE = 'Django Interview Coach';

const MARK_SAFE = 'from django.utils.safestring import mark_safe\n\ndef badge(user):\n    return mark_safe(f"<b>{user.name}</b>")\n';

const TASK_IN_ATOMIC = 'from django.db import transaction\nfrom .tasks import notify\n\ndef pay(order):\n    with transaction.atomic():\n        order.save()\n        notify.delay(order.id)\n';

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter(d => d.source === SOURCE);

async function open(content: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: 'python', content });
  await vscode.window.showTextDocument(doc);
  return doc;
}

describe('insights in the editor', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension<CoachApi>(`${manifest.publisher}.${manifest.name}`)!;
    await extension.activate();
    await until(() => extension.exports.featuresLoaded, 'the features loading once the window settled');
  });
  afterEach(async () => {
    await config().update('insights.severity', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('publishes a finding as an Information diagnostic with the insight id as its code', async () => {
    const doc = await open(MARK_SAFE);
    await until(() => ours(doc.uri).length > 0, 'the mark_safe diagnostic');
    const [d] = ours(doc.uri);
    assert.equal(d.code, 'DJC006');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(d.range.start.line, 3);
    assert.ok(d.message.length > 0);
  });

  it('follows the severity setting, and "off" clears the diagnostics', async () => {
    const doc = await open(MARK_SAFE);
    await until(() => ours(doc.uri).length > 0, 'the mark_safe diagnostic');
    await config().update('insights.severity', 'warning', vscode.ConfigurationTarget.Global);
    await until(() => ours(doc.uri)[0]?.severity === vscode.DiagnosticSeverity.Warning, 'a Warning diagnostic');
    await config().update('insights.severity', 'hint', vscode.ConfigurationTarget.Global);
    await until(() => ours(doc.uri)[0]?.severity === vscode.DiagnosticSeverity.Hint, 'a Hint diagnostic');
    await config().update('insights.severity', 'off', vscode.ConfigurationTarget.Global);
    await until(() => ours(doc.uri).length === 0, 'no diagnostics with severity off');
    await config().update('insights.severity', 'error', vscode.ConfigurationTarget.Global);
    await until(() => ours(doc.uri)[0]?.severity === vscode.DiagnosticSeverity.Error, 'an Error diagnostic back');
  });

  it('republishes a document only when its findings change', async () => {
    const quiet = await open(MARK_SAFE);
    const changing = await open('from django.utils.safestring import mark_safe\n\nx = 1\n');
    await until(() => ours(quiet.uri).length > 0, 'the first document\'s diagnostic');
    const changed: string[] = [];
    const sub = vscode.languages.onDidChangeDiagnostics(e => { for (const u of e.uris) changed.push(u.toString()); });
    try {
      // An edit that leaves the finding where it was, then (later, same debounce) one that adds a finding.
      const noop = new vscode.WorkspaceEdit();
      noop.insert(quiet.uri, new vscode.Position(quiet.lineCount, 0), '# a comment\n');
      assert.ok(await vscode.workspace.applyEdit(noop));
      const add = new vscode.WorkspaceEdit();
      add.insert(changing.uri, new vscode.Position(changing.lineCount, 0), 'y = mark_safe(f"<i>{x}</i>")\n');
      assert.ok(await vscode.workspace.applyEdit(add));
      // onDidChangeDiagnostics is batched: wait for the event that names the second document.
      await until(() => changed.includes(changing.uri.toString()) && ours(changing.uri).length === 1, 'the new finding in the second document');
      assert.ok(!changed.includes(quiet.uri.toString()), 'the unchanged document was republished');
      assert.equal(ours(quiet.uri).length, 1);
    } finally {
      sub.dispose();
    }
  });

  it('offers "Practise this question" and "Quiz me on this pitfall" on a finding', async () => {
    const doc = await open(MARK_SAFE);
    await until(() => ours(doc.uri).length > 0, 'the mark_safe diagnostic');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, ours(doc.uri)[0].range);
    const practise = actions.find(a => a.title.startsWith('Practise this question'));
    assert.ok(practise, `actions: ${actions.map(a => a.title).join(', ')}`);
    assert.equal(practise!.command?.command, 'djangoCoach.openAnswer');
    assert.equal(typeof practise!.command?.arguments?.[0], 'string');
    const quiz = actions.find(a => a.title.startsWith('Quiz me on this pitfall'));
    assert.equal(quiz?.command?.command, 'djangoCoach.quizTopic');
  });

  it('applies the DJC002 quick fix: the task call is deferred with transaction.on_commit and the finding goes', async () => {
    const doc = await open(TASK_IN_ATOMIC);
    await until(() => ours(doc.uri).some(d => d.code === 'DJC002'), 'the DJC002 diagnostic');
    const diagnostic = ours(doc.uri).find(d => d.code === 'DJC002')!;
    assert.equal(diagnostic.range.start.line, 6);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range);
    const fix = actions.find(a => a.title === 'Defer with transaction.on_commit(lambda: …)');
    assert.ok(fix?.edit, `actions: ${actions.map(a => a.title).join(', ')}`);
    assert.equal(fix!.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(await vscode.workspace.applyEdit(fix!.edit!));
    assert.equal(doc.getText(), TASK_IN_ATOMIC.replace('        notify.delay(order.id)', '        transaction.on_commit(lambda: notify.delay(order.id))'));
    await until(() => !ours(doc.uri).some(d => d.code === 'DJC002'), 'the DJC002 diagnostic gone after the fix');
  });

  it('shows the insight in the hover with the interviewer\'s question and answer links', async () => {
    const doc = await open(MARK_SAFE);
    await until(() => ours(doc.uri).length > 0, 'the mark_safe diagnostic');
    const at = ours(doc.uri)[0].range.start.translate(0, 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const text = hovers.flatMap(h => h.contents).map(c => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    assert.match(text, /DJC006/);
    assert.match(text, /An interviewer would ask/);
    assert.match(text, /command:djangoCoach\.openAnswer\?/);
  });

  it('"In this file" lists the file\'s pitfalls first, each revealing its line and listing its questions', async () => {
    const { detect } = await vscode.extensions.getExtension<CoachApi>(`${manifest.publisher}.${manifest.name}`)!.activate();
    const doc = await open(MARK_SAFE);
    await until(() => detect.inThisFile.current.uri?.toString() === doc.uri.toString() && detect.inThisFile.getChildren()[0]?.kind === 'pitfalls', 'a Pitfalls group');
    const group = detect.inThisFile.getChildren()[0];
    assert.equal(detect.inThisFile.getTreeItem(group).label, 'Pitfalls');
    const [pitfall] = detect.inThisFile.getChildren(group);
    const item = detect.inThisFile.getTreeItem(pitfall);
    assert.equal(item.command?.command, 'vscode.open');
    assert.equal((item.command?.arguments?.[1] as vscode.TextDocumentShowOptions).selection?.start.line, 3);
    assert.match(String(item.description), /line 4 · DJC006/);
    const questions = detect.inThisFile.getChildren(pitfall);
    assert.ok(questions.length > 0 && questions.every(q => q.kind === 'question'));
  });
});
