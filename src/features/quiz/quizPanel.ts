// The quiz view: one webview panel running a QuizSession. Every answer is recorded in progress as it
// happens; the session itself lives in the webview state, so a window reload (serializer) continues
// the quiz where it was.
import * as vscode from 'vscode';
import type { QuizBuild, QuizRequest, QuizSession, QuizStep } from '../../core/quiz';
import { engine } from '../../lazyEngine';
import { parseQuizMessage, type QuizStateMessage } from '../../webview/quizProtocol';
import { Command, Panel } from '../../constants';
import type { LibraryService } from '../library/libraryService';
import type { Log } from '../log';
import { panelOptions, preparePanel } from '../webviewHtml';
import type { ProgressStore } from './progressStore';
import type { ReviewModel } from './reviewView';
import { quizSettings } from './settings';

export class QuizPanel implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private session: QuizSession | undefined;
  private ready = false;
  private panelDisposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly library: LibraryService, private readonly progress: ProgressStore, private readonly review: ReviewModel, private readonly log: Log) {}

  /** Restores a quiz in progress after a window reload (the serializer is registered by the entry points). */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const restored = engine().restoreSession((state as { session?: unknown } | undefined)?.session);
    this.adopt(panel);
    if (restored.session) {
      this.session = restored.session;
      this.log.info(`quiz restored after reload: question ${restored.session.index + 1} of ${restored.session.items.length}`);
    } else {
      this.log.info(`WARNING the quiz in progress could not be restored: ${restored.errors.slice(0, 3).join('; ')}`);
      panel.dispose();
    }
  }

  /** The quiz shown now (for tests). */
  get current(): QuizSession | undefined {
    return this.panel ? this.session : undefined;
  }

  /** Builds and shows a quiz. Returns the build (empty builds show a message and no panel). */
  async start(request: Omit<QuizRequest, 'progress' | 'newCardLimit'>): Promise<QuizBuild> {
    const [library, progress] = await Promise.all([this.library.get(), this.progress.get()]);
    const build = engine().generateQuiz(library, { ...request, progress, newCardLimit: quizSettings().newCardLimit });
    if (build.empty) {
      void vscode.window.showInformationMessage(`Django Interview Coach: ${build.empty}`);
      return build;
    }
    const { noAnswer, noDistractors } = build.excluded;
    this.log.info(`quiz: ${build.session.items.length} questions (${engine().scopeLabel(build.session.scope)}, ${build.session.mode}) from ${build.poolSize}; left out: ${noAnswer} without an answer, ${noDistractors} without distractors`);
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
    const library = await this.library.get();
    const session = this.session;
    const answersHtml: Record<string, string> = {};
    for (const item of session.items) {
      const entry = library.get(item.id);
      answersHtml[item.id] = entry?.answer ? engine().renderMarkdown(entry.answer) : `<p><em>${entry?.hint ? 'Hint only in the guide.' : 'No answer in the guide.'}</em></p>${entry?.hint ? engine().renderMarkdown(entry.hint) : ''}`;
    }
    const message: QuizStateMessage = { type: 'state', session, scopeLabel: engine().scopeLabel(session.scope), answersHtml };
    if (session.finished) {
      const summary = await this.review.update();
      message.result = { ...engine().quizResult(session), dueTomorrow: summary.dueTomorrow, dueToday: summary.dueToday.length, newToday: summary.newToday.length };
    }
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
    // Messages name the question they answer: a stale one (double key press) changes nothing.
    if ('index' in m && m.index !== session.index) return;
    const now = Date.now();
    switch (m.type) {
      case 'choose':
        await this.apply(engine().answerChoice(session, m.choice, now));
        break;
      case 'reveal':
        this.session = engine().reveal(session);
        break;
      case 'grade': {
        const step = engine().gradeFlashcard(session, m.rating, now);
        await this.apply(step);
        if (step.event) this.session = engine().nextItem(this.session!);
        break;
      }
      case 'next':
        this.session = engine().nextItem(session);
        break;
      case 'end':
        this.session = engine().endQuiz(session);
        break;
      case 'again': {
        const build = engine().retryMissed(await this.library.get(), session);
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
    }
    await this.post();
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.panelDisposables) d.dispose();
  }
}
