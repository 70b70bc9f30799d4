// "Study Plan for This Workspace": scans the project's Python modules and templates through the
// editor's file system (works remotely and in the browser), with progress and cancellation, and shows
// the topics the code leans on with the questions to practise first.
import * as vscode from 'vscode';
import type { StudyPlan } from '../../core/detect/scan';
import type { WorkspaceFinding } from '../../core/insights/workspace';
import { detection } from '../../lazyDetect';
import { parseStudyPlanMessage, type StudyPlanView } from '../../webview/studyPlanProtocol';
import { Command, EXTENSION_SECTION, Panel, Setting } from '../../constants';
import type { LibraryService } from '../library/libraryService';
import type { Log } from '../log';
import { panelOptions, preparePanel } from '../webviewHtml';
import { insightSeverity } from '../insights/severity';

const EXCLUDE = '{**/node_modules/**,**/__pycache__/**,**/.git/**,**/.venv/**,**/venv/**,**/site-packages/**,**/dist-packages/**}';

/** Reads the workspace and builds the plan. Bad files are recorded and skipped; cancellation stops early. */
export async function scanWorkspace(library: LibraryService, progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<StudyPlan | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  const noMigrations = vscode.workspace.getConfiguration(EXTENSION_SECTION).get<boolean>(Setting.studyPlanSkipMigrations, false);
  const { StudyPlanBuilder, folderSkipReason, DEFAULT_MAX_FILE_BYTES } = detection();
  const builder = new StudyPlanBuilder(folder.name, { insights: insightSeverity() !== null });
  progress.report({ message: 'finding Python modules and templates…' });
  const venvs = (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/pyvenv.cfg'), '**/node_modules/**', 100, token))
    .map(u => u.path.slice(0, u.path.lastIndexOf('/') + 1));
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{py,html,htm}'), EXCLUDE, 20_000, token);
  const base = folder.uri.path.replace(/\/$/, '') + '/';
  const files = uris
    .map(uri => ({ uri, rel: uri.path.startsWith(base) ? uri.path.slice(base.length) : uri.path }))
    .filter(({ uri, rel }) => {
      if (venvs.some(v => uri.path.startsWith(v))) return false;
      const folders = rel.split('/').slice(0, -1);
      const reason = folders.map(name => folderSkipReason(name, { noMigrations })).find(Boolean);
      return !reason;
    })
    .sort((a, b) => a.rel.localeCompare(b.rel));
  const decoder = new TextDecoder('utf-8');
  for (const [i, { uri, rel }] of files.entries()) {
    if (token.isCancellationRequested) return undefined;
    if (i % 25 === 0) progress.report({ message: `${i} of ${files.length} files`, increment: (25 / Math.max(files.length, 1)) * 100 });
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > DEFAULT_MAX_FILE_BYTES) {
        builder.addSkipped(rel, 'larger than 2 MB');
        continue;
      }
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.subarray(0, 8192).includes(0)) {
        builder.addError(rel, 'looks binary; skipped');
        continue;
      }
      builder.addFile(rel, decoder.decode(bytes));
    } catch (e) {
      builder.addError(rel, `could not be read: ${(e as Error).message}`);
    }
  }
  return builder.build(await library.get());
}

export function toView(plan: StudyPlan, quiz: boolean): StudyPlanView {
  return {
    root: plan.root,
    filesScanned: plan.filesScanned,
    constructs: plan.constructs,
    topics: plan.topics.map(t => ({
      topic: t.topic, label: t.label, constructs: t.constructs, files: t.files,
      rules: t.rules.map(r => ({ title: r.title, count: r.count })),
      examples: t.examples.map(x => ({ path: x.path, line: x.line, title: detection().ruleById(x.ruleId)?.title ?? x.ruleId })),
      questions: t.questions,
    })),
    pitfalls: plan.pitfalls.map(p => ({
      insightId: p.insightId, title: p.title, files: p.files,
      findings: p.findings.map(f => ({ path: f.path, line: f.range.line, message: f.message })),
      questions: p.questions,
    })),
    insights: plan.insights,
    errors: plan.errors,
    skipped: plan.skipped.length,
    quiz,
  };
}

export class StudyPlanPanel implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private view: StudyPlanView | undefined;
  /** Set by the quiz feature. */
  quizTopic: ((topic: string) => void) | undefined;
  /** Set by the quiz feature: starts the "pitfalls in this workspace" quiz. */
  quizPitfalls: (() => void) | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly library: LibraryService, private readonly log: Log) {}

  /** Restores the panel after a window reload (the serializer is registered by the entry points). */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    this.adopt(panel);
  }

  async run(): Promise<StudyPlan | undefined> {
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage('Django Interview Coach: open a Django project folder to build its study plan.');
      return undefined;
    }
    const t0 = Date.now();
    const plan = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Django Interview Coach: building the study plan', cancellable: true },
      (progress, token) => scanWorkspace(this.library, progress, token),
    );
    if (!plan) return undefined;
    const pitfalls = plan.pitfalls.reduce((n, p) => n + p.findings.length, 0);
    this.log.info(`study plan: ${plan.filesScanned} files, ${plan.constructs} constructs, ${plan.topics.length} topics, ${pitfalls} pitfalls in ${Date.now() - t0} ms${plan.errors.length ? `; ${plan.errors.length} files not read` : ''}`);
    for (const e of plan.errors) this.log.info(`WARNING study plan: ${e.path}: ${e.message}`);
    this.view = toView(plan, !!this.quizTopic);
    if (!this.panel) this.adopt(vscode.window.createWebviewPanel(Panel.studyPlan, 'Study Plan', vscode.ViewColumn.Active, panelOptions(this.extensionUri)));
    else this.panel.reveal();
    await this.panel!.webview.postMessage({ type: 'plan', plan: this.view });
    return plan;
  }


  /**
   * The insight findings of the workspace, for the pitfalls quiz: a fresh scan with progress.
   * Undefined without a folder or when cancelled.
   */
  async scanPitfalls(): Promise<{ findings: WorkspaceFinding[]; filesScanned: number } | undefined> {
    if (!vscode.workspace.workspaceFolders?.length) return undefined;
    const plan = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Django Interview Coach: looking for pitfalls in the workspace', cancellable: true },
      (progress, token) => scanWorkspace(this.library, progress, token),
    );
    if (!plan) return undefined;
    const findings = plan.pitfalls.flatMap(p => p.findings);
    this.log.info(`pitfalls quiz: ${findings.length} pitfalls in ${plan.filesScanned} files`);
    return { findings, filesScanned: plan.filesScanned };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    preparePanel(panel, this.extensionUri, { script: 'studyPlan.js', style: 'studyPlan.css', title: 'Study Plan' });
    const subs = [
      panel.webview.onDidReceiveMessage(raw => this.receive(raw)),
      panel.onDidDispose(() => {
        this.panel = undefined;
        for (const s of subs) s.dispose();
      }),
    ];
  }

  private async receive(raw: unknown): Promise<void> {
    const m = parseStudyPlanMessage(raw);
    if (!m) {
      this.log.info('WARNING ignored a malformed message from the study plan view');
      return;
    }
    switch (m.type) {
      case 'ready':
        if (this.view) await this.panel?.webview.postMessage({ type: 'plan', plan: this.view });
        break;
      case 'rescan':
        await this.run();
        break;
      case 'open':
        await vscode.commands.executeCommand(Command.openAnswer, m.id);
        break;
      case 'openFile': {
        const folder = vscode.workspace.workspaceFolders?.[0];
        if (!folder) return;
        const uri = vscode.Uri.joinPath(folder.uri, m.path);
        await vscode.window.showTextDocument(uri, { selection: new vscode.Range(m.line, 0, m.line, 0), viewColumn: vscode.ViewColumn.One });
        break;
      }
      case 'quizTopic':
        this.quizTopic?.(m.topic);
        break;
      case 'quizPitfalls':
        this.quizPitfalls?.();
        break;
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
