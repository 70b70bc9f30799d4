// The quiz view: one webview panel running a QuizSession. Every answer is recorded in progress as it
// happens; the session itself lives in the webview state, so a window reload (serializer) continues
// the quiz where it was.
import * as vscode from 'vscode';
import type { QuizBuild, QuizRequest, QuizSession, QuizStep } from '../../core/quiz';
import type { WorkspaceFinding } from '../../core/insights/workspace';
import { engine } from '../../lazyEngine';
import { parseQuizMessage, type QuizStateMessage } from '../../webview/quizProtocol';
import { Command, Panel } from '../../constants';
import type { ContentService } from '../content/contentService';
import type { LibraryService } from '../library/libraryService';
import type { Log } from '../log';
import { panelOptions, preparePanel } from '../webviewHtml';
import { itemView } from './itemView';
import type { ProgressStore } from './progressStore';
import type { ReviewModel } from './reviewView';
import { quizSettings } from './settings';

const USE_FLASHCARDS = 'Use Flashcards';

export class QuizPanel implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private session: QuizSession | undefined;
  private ready = false;
  private panelDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly library: LibraryService,
    private readonly content: ContentService,
    private readonly progress: ProgressStore,
    private readonly review: ReviewModel,
    private readonly log: Log,
  ) {}

  /** Restores a quiz in progress after a window reload (the serializer is registered by the entry points). */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const content = await this.content.get();
    const restored = engine().restoreSession((state as { session?: unknown } | undefined)?.session, id => content.keyPoints(id)?.length ?? 0);
    const mismatch = restored.session && engine().contentMismatch(restored.session, content);
    this.adopt(panel);
    if (restored.session && !mismatch) {
      this.session = restored.session;
      this.log.info(`quiz restored after reload: item ${restored.session.index + 1} of ${restored.session.items.length}`);
      return;
    }
    const why = restored.retired ?? (mismatch ? `The quiz in progress cannot continue: ${mismatch}. The answers you gave were saved.` : undefined);
    this.log.info(`WARNING the quiz in progress could not be restored: ${why ?? restored.errors.slice(0, 3).join('; ')}`);
    if (why) void vscode.window.showInformationMessage(`Django Interview Coach: ${why}`, 'Start Quiz').then(pick => (pick ? vscode.commands.executeCommand(Command.startQuiz) : undefined));
    panel.dispose();
  }

  /** The quiz shown now (for tests). */
  get current(): QuizSession | undefined {
    return this.panel ? this.session : undefined;
  }

  /**
   * Builds and shows a quiz. Returns the build (empty builds show a message and no panel). When the
   * scope has questions but no multiple-choice items, the message offers flashcards instead.
   */
  async start(request: Omit<QuizRequest, 'progress' | 'newCardLimit'>): Promise<QuizBuild> {
    const [library, progress, content] = await Promise.all([this.library.get(), this.progress.get(), this.content.get()]);
    const build = engine().generateQuiz(library, content, { ...request, progress, newCardLimit: quizSettings().newCardLimit });
    if (build.empty && build.offerFlashcards) {
      void vscode.window.showInformationMessage(`Django Interview Coach: ${build.empty}`, USE_FLASHCARDS).then(pick => (pick ? this.start({ ...request, mode: 'flashcards' }) : undefined));
      return build;
    }
    return this.show(build);
  }

  /** The "pitfalls in this workspace" quiz over findings from a workspace scan (flashcards). */
  async startPitfalls(findings: readonly WorkspaceFinding[], filesScanned: number, length: number): Promise<QuizBuild> {
    const build = engine().pitfallQuiz(await this.library.get(), findings, { length, filesScanned });
    return this.show(build);
  }

  private async show(build: QuizBuild): Promise<QuizBuild> {
    if (build.empty) {
      void vscode.window.showInformationMessage(`Django Interview Coach: ${build.empty}`);
      return build;
    }
    this.log.info(`quiz: ${build.session.items.length} items (${engine().scopeLabel(build.session.scope)}, ${build.session.mode}) for ${build.poolSize} questions${build.withoutItems ? `, ${build.withoutItems} of them without a multiple-choice item` : ''}`);
    this.session = build.session;
    if (!this.panel) this.adopt(vscode.window.createWebviewPanel(Panel.quiz, 'Quiz', vscode.ViewColumn.Active, panelOptions(this.extensionUri)));
    else this.panel.reveal();
    await this.post();
    return build;
  }

  private adopt(panel: vscode.WebviewPanel): void {
    for (const d of this.panelDisposables) d.dispose();
    this.panel = panel;
    this.ready = false;
    preparePanel(panel, this.extensionUri, { script: 'quiz.js', style: 'quiz.css', title: 'Quiz' });
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage(raw => this.receive(raw)),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.session = undefined;
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
      }),
    ];
  }

  private async post(): Promise<void> {
    if (!this.panel || !this.session || !this.ready) return;
    const session = this.session;
    const [library, content] = await Promise.all([this.library.get(), this.content.get()]);
    // The panel may have been closed while the library loaded.
    if (!this.panel || this.session !== session) return;
    const message: QuizStateMessage = { type: 'state', session, scopeLabel: engine().scopeLabel(session.scope) };
    const item = engine().currentItem(session);
    if (item) {
      message.view = itemView(item, library, content);
      const proposal = engine().currentProposal(session);
      if (proposal !== undefined) message.proposal = proposal;
    }
    if (session.finished) {
      const summary = await this.review.update();
      message.result = { ...engine().quizResult(session), dueTomorrow: summary.dueTomorrow, dueToday: summary.dueToday.length, newToday: summary.newToday.length };
    }
    if (!this.panel) return;
    this.panel.title = session.finished ? 'Quiz: result' : `Quiz ${Math.min(session.index + 1, session.items.length)}/${session.items.length}`;
    await this.panel.webview.postMessage(message);
  }

  private async apply(step: QuizStep): Promise<void> {
    this.session = step.session;
    if (step.event) await this.progress.record(step.event);
  }

  private async receive(raw: unknown): Promise<void> {
    const m = parseQuizMessage(raw);
    if (!m) {
      this.log.info('WARNING ignored a malformed message from the quiz view');
      return;
    }
    if (m.type === 'ready') {
      this.ready = true;
      return this.post();
    }
    const session = this.session;
    if (!session) return;
    // Messages name the item they answer: a stale one (double key press) changes nothing.
    if ('index' in m && m.index !== session.index) return;
    const now = Date.now();
    const e = engine();
    switch (m.type) {
      case 'choose':
        await this.apply(e.answerChoice(session, m.choice, now));
        break;
      case 'reveal':
        this.session = e.reveal(session);
        break;
      case 'tick':
        this.session = e.toggleKeyPoint(session, m.point);
        break;
      case 'grade':
      case 'confirm': {
        const step = m.type === 'grade' ? e.gradeFlashcard(session, m.rating, now) : e.confirmProposal(session, now);
        await this.apply(step);
        if (step.event) this.session = e.nextItem(this.session!);
        break;
      }
      case 'next':
        this.session = e.nextItem(session);
        break;
      case 'end':
        this.session = e.endQuiz(session);
        break;
      case 'again': {
        const build = e.retryMissed(session);
        if (build.empty) void vscode.window.showInformationMessage(`Django Interview Coach: ${build.empty}`);
        else this.session = build.session;
        break;
      }
      case 'newQuiz':
        await vscode.commands.executeCommand(Command.startQuiz);
        return;
      case 'open':
        await vscode.commands.executeCommand(Command.openAnswer, m.id);
        return;
      case 'openFile': {
        const folder = vscode.workspace.workspaceFolders?.[0];
        if (!folder) return;
        const at = new vscode.Range(m.line, 0, m.line, 0);
        await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, m.path), { selection: at, viewColumn: vscode.ViewColumn.One, preserveFocus: false });
        return;
      }
    }
    await this.post();
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.panelDisposables) d.dispose();
  }
}
