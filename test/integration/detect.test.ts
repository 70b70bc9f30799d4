// Hovers, "In this file" and the study plan on the sample Django project, in a real extension host.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CoachApi } from '../../src/extension';
import { until } from './until';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const project = () => vscode.workspace.workspaceFolders![0].uri;

async function api(): Promise<CoachApi> {
  return vscode.extensions.getExtension<CoachApi>(`${manifest.publisher}.${manifest.name}`)!.activate();
}

/** Our hover's Markdown at the first occurrence of `needle` (nth occurrence on lines containing `lineText`). */
async function hoverText(file: string, lineText: string, needle: string, offsetInNeedle = 1): Promise<string | undefined> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(project(), file));
  const line = [...Array(doc.lineCount).keys()].find(i => doc.lineAt(i).text.includes(lineText));
  assert.ok(line !== undefined, `no line with ${lineText} in ${file}`);
  const character = doc.lineAt(line!).text.indexOf(needle, doc.lineAt(line!).text.indexOf(lineText)) + offsetInNeedle;
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line!, character));
  const ours = hovers.flatMap(h => h.contents).map(c => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).filter(v => v.includes('Django Interview Coach'));
  return ours[0];
}

const config = () => vscode.workspace.getConfiguration('djangoCoach');

describe('contextual tips', () => {
  before(() => api());
  afterEach(async () => {
    await config().update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    await config().update('hover.mode', undefined, vscode.ConfigurationTarget.Global);
  });

  const cases: [string, string, string, RegExp][] = [
    ['catalog/views.py', '.select_related("category")', 'select_related', /select_related/],
    ['orders/signals.py', 'post_save.connect(invalidate_featured_products', 'connect', /[Ss]ignal/],
    ['orders/signals.py', '@receiver(post_save, sender=Order)', 'receiver', /[Ss]ignal/],
    ['orders/services.py', 'transaction.on_commit(lambda', 'on_commit', /on_commit/],
    ['catalog/views.py', '@cache_page(60 * 5)', 'cache_page', /[Cc]ach/],
    ['catalog/views.py', 'update(view_count=F("view_count") + 1)', 'F(', /F\(\)/],
    ['catalog/views.py', 'Q(name__icontains=term)', 'Q(', /Q\(\)/],
    ['orders/tasks.py', '@shared_task(bind=True', 'shared_task', /Celery/],
    ['orders/reports.py', '@celery_app.task(acks_late=True)', 'task', /Celery/],
    ['orders/reports.py', 'logger = logging.getLogger(__name__)', 'getLogger', /logging/],
    ['orders/reports.py', '.update(status=Order.Status.SHIPPED)', 'update', /QuerySet\.update\(\)/],
  ];
  for (const [file, lineText, needle, expected] of cases) {
    it(`hovering ${needle} in ${file} shows its probe and questions with command links`, async () => {
      const text = await hoverText(file, lineText, needle);
      assert.ok(text, `no Django Interview Coach hover on ${needle}`);
      assert.match(text!, expected);
      const links = text!.match(/\(command:djangoCoach\.openAnswer\?/g) ?? [];
      assert.ok(links.length >= 2, `expected question links, got:\n${text}`);
    });
  }

  it('comments and docstrings that mention a construct show nothing', async () => {
    assert.strictEqual(await hoverText('catalog/middleware.py', 'missing select_related', 'select_related'), undefined);
  });

  it('respects hover.enabled and hover.mode', async () => {
    await config().update('hover.mode', 'compact', vscode.ConfigurationTarget.Global);
    const compact = await hoverText('orders/services.py', 'transaction.on_commit(lambda', 'on_commit');
    assert.ok(compact);
    // compact: one question link plus the "Open answer" action.
    assert.strictEqual((compact!.match(/\(command:djangoCoach\.openAnswer\?/g) ?? []).length, 2);
    await config().update('hover.enabled', false, vscode.ConfigurationTarget.Global);
    assert.strictEqual(await hoverText('orders/services.py', 'transaction.on_commit(lambda', 'on_commit'), undefined);
  });

  it('"In this file" follows the active editor and groups constructs by topic', async () => {
    const { detect } = await api();
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(project(), 'orders/services.py'));
    await vscode.window.showTextDocument(doc);
    await until(() => detect.inThisFile.current.uri?.toString() === doc.uri.toString(), '"In this file" following the editor');
    const rules = detect.inThisFile.current.detections.map(d => d.ruleId);
    assert.ok(rules.some(r => /on.?commit/i.test(r)), rules.join(','));
    const topics = detect.inThisFile.getChildren().map(n => (n.kind === 'topic' ? n.topic : ''));
    assert.ok(topics.includes('transactions'), topics.join(','));
    const construct = detect.inThisFile.getChildren(detect.inThisFile.getChildren()[0])[0];
    const item = detect.inThisFile.getTreeItem(construct);
    assert.strictEqual(item.command?.command, 'vscode.open');
  });

  it('"In this file" updates as the user types', async () => {
    const { detect } = await api();
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'from django.db import transaction\n\n' });
    const editor = await vscode.window.showTextDocument(doc);
    await until(() => detect.inThisFile.current.uri?.toString() === doc.uri.toString(), '"In this file" following the new editor');
    const before = detect.inThisFile.current.detections.length;
    await editor.edit(e => e.insert(new vscode.Position(2, 0), 'transaction.on_commit(lambda: None)\n'));
    await until(() => detect.inThisFile.current.detections.length > before, '"In this file" updating after the edit');
    assert.ok(detect.inThisFile.current.detections.length > before);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('the study plan ranks the topics the sample project leans on', async () => {
    const { detect } = await api();
    const plan = await detect.studyPlan.run();
    assert.ok(plan, 'a plan');
    assert.ok(plan!.filesScanned >= 15, `scanned ${plan!.filesScanned}`);
    const topics = plan!.topics.map(t => t.topic);
    for (const t of ['signals', 'query-optimization', 'transactions', 'caching', 'celery-tasks']) assert.ok(topics.includes(t as never), `${t} missing from ${topics.join(',')}`);
    assert.ok(plan!.topics[0].questions.length > 0);
    const withMigrations = plan!.filesScanned;
    await config().update('studyPlan.skipMigrations', true, vscode.ConfigurationTarget.Global);
    try {
      const lean = await detect.studyPlan.run();
      assert.ok(lean!.filesScanned < withMigrations);
    } finally {
      await config().update('studyPlan.skipMigrations', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
