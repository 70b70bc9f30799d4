// The answer view: one reused webview panel. Strict CSP with a nonce, resources only from media/, typed
// messages validated on arrival, state restored after a window reload through the serializer.
import * as vscode from 'vscode';
import type { Entry } from '../../core/types';
import type { Library } from '../../core/library';
import { topicLabel } from '../../core/taxonomy';
import { engine } from '../../lazyEngine';
import { parseAnswerMessage, parseAnswerState, type ShowAnswerMessage } from '../../webview/answerProtocol';
import { Command, Panel } from '../../constants';
import type { CuratedContent } from '../../core/content/curated';
import type { ContentService } from '../content/contentService';
import { answerMarkdown, reviewNoteView } from '../content/reviewNote';
import type { LibraryService } from '../library/libraryService';
import type { Log } from '../log';
import { panelOptions, preparePanel } from '../webviewHtml';

/** Hooks other features plug in (quiz, mark known) — absent until those features register. */
export interface AnswerActions {
  quizTopic?(entry: Entry): unknown;
  markKnown?(entry: Entry): Promise<void>;
  isKnown?(entry: Entry): boolean;
}

export class AnswerPanel implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private entryId: string | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  private panelDisposables: vscode.Disposable[] = [];
  actions: AnswerActions = {};

  constructor(private readonly extensionUri: vscode.Uri, private readonly library: LibraryService, private readonly content: ContentService, private readonly log: Log) {
    this.disposables.push(library.onDidChange(() => { if (this.entryId) void this.show(this.entryId, false); }));
  }

  /** Restores the panel after a window reload (the serializer is registered by the entry points). */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const restored = parseAnswerState(state);
    this.adopt(panel);
    if (restored) await this.show(restored.id);
    else panel.dispose();
  }

  /** Shows the entry with this id, creating or revealing the panel. */
  async show(id: string, reveal = true): Promise<boolean> {
    const [library, content] = await Promise.all([this.library.get(), this.content.get()]);
    const entry = library.get(id);
    if (!entry) {
      void vscode.window.showWarningMessage(`Django Interview Coach: no question with id "${id}" in the loaded guides.`);
      return false;
    }
    if (!this.panel) {
      this.adopt(vscode.window.createWebviewPanel(Panel.answer, 'Answer', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, panelOptions(this.extensionUri)));
    } else if (reveal) this.panel.reveal(undefined, false);
    this.entryId = entry.id;
    this.panel!.title = truncate(entry.question, 40);
    if (this.ready) await this.panel!.webview.postMessage(this.message(entry, library, content));
    return true;
  }

  /** The id shown right now (for tests and commands). */
  get currentId(): string | undefined {
    return this.panel ? this.entryId : undefined;
  }


  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    preparePanel(panel, this.extensionUri, { script: 'answer.js', style: 'answer.css', title: 'Answer' });
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage(raw => this.receive(raw)),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.entryId = undefined;
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
      }),
    );
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseAnswerMessage(raw);
    if (!message) {
      this.log.info(`WARNING ignored a malformed message from the answer view: ${safeJson(raw)}`);
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      if (this.entryId) await this.show(this.entryId, false);
      return;
    }
    const library = await this.library.get();
    const entry = library.get(message.id);
    if (!entry) return;
    switch (message.type) {
      case 'open':
        await this.show(entry.id);
        break;
      case 'openSource':
        await vscode.commands.executeCommand(Command.openGuideSource, entry.id);
        break;
      case 'openSeeAlso':
        if (entry.seeAlso) await openGuideAt(this.library, { ...entry, source: entry.seeAlso });
        break;
      case 'quizTopic':
        this.actions.quizTopic?.(entry);
        break;
      case 'markKnown':
        await this.actions.markKnown?.(entry);
        await this.show(entry.id, false);
        break;
    }
  }

  private message(entry: Entry, library: Library, content: CuratedContent): ShowAnswerMessage {
    const topic = entry.topics[0];
    const siblings = library.byTopic(topic);
    const index = Math.max(0, siblings.findIndex(e => e.id === entry.id));
    const link = (e: Entry | undefined) => (e ? { id: e.id, question: e.question } : undefined);
    const review = content.review(entry.id);
    const note = reviewNoteView(review);
    const { markdown, repaired } = answerMarkdown(entry, review);
    const keyPoints = content.keyPoints(entry.id, entry.variantIds);
    return {
      type: 'show',
      id: entry.id,
      question: entry.question,
      topics: entry.topics.map(topicLabel),
      section: entry.section,
      ...(entry.level ? { level: entry.level } : {}),
      source: { label: `${entry.source.file}:${entry.source.line}` },
      answerHtml: entry.answer ? engine().renderMarkdown(entry.answer) : '',
      ...(repaired ? { repairedHtml: engine().renderMarkdown(markdown) } : {}),
      ...(note ? { review: note } : {}),
      ...(review?.verdict === 'ok' ? { checked: true } : {}),
      ...(keyPoints ? { keyPointsHtml: keyPoints.map(p => engine().renderInline(p)) } : {}),
      ...(entry.hint ? { hintHtml: engine().renderInline(entry.hint) } : {}),
      ...(entry.seeAlso ? { seeAlso: { label: `${entry.seeAlso.section} (${entry.seeAlso.file}:${entry.seeAlso.line})` } } : {}),
      variants: library.alsoAskedAs(entry).map(e => ({ id: e.id, question: e.question, source: `${e.source.file}:${e.source.line}` })),
      ...(index > 0 ? { previous: link(siblings[index - 1]) } : {}),
      ...(index < siblings.length - 1 ? { next: link(siblings[index + 1]) } : {}),
      position: { index, total: siblings.length, topic: topicLabel(topic) },
      actions: { quiz: !!this.actions.quizTopic, markKnown: !!this.actions.markKnown, known: this.actions.isKnown?.(entry) ?? false },
    };
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of [...this.disposables, ...this.panelDisposables]) d.dispose();
  }
}

/** Opens the guide file of an entry at its line (bundled content or a user folder). */
export async function openGuideAt(library: LibraryService, entry: Entry): Promise<void> {
  const uri = library.sourceUri(entry);
  const line = Math.max(0, entry.source.line - 1);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(line, 0, line, 0), viewColumn: vscode.ViewColumn.One, preview: true });
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 200) ?? String(value);
  } catch {
    return '(unserialisable)';
  }
}
