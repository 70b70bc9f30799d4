// "In this file": the constructs detected in the active editor, grouped by topic; each reveals its line
// and lists its questions. Follows the active editor and edits (debounced, incremental analysis).
import * as vscode from 'vscode';
import { detection } from '../../lazyDetect';
import type { Detection } from '../../core/detect/analysis';
import { topicLabel, type TopicId } from '../../core/taxonomy';
import { Command } from '../../constants';
import type { LibraryService } from '../library/libraryService';
import { AnalysisCache } from './analysisCache';
import type { InsightFinding } from '../../core/insights/types';
import { toRange } from '../insights/diagnostics';

export type InThisFileNode =
  | { kind: 'topic'; topic: TopicId; detections: Detection[] }
  | { kind: 'construct'; detection: Detection; uri: vscode.Uri }
  | { kind: 'question'; id: string; question: string; preview: string }
  | { kind: 'pitfalls'; findings: InsightFinding[] }
  | { kind: 'pitfall'; finding: InsightFinding; uri: vscode.Uri };

const DEBOUNCE_MS = 250;

export class InThisFileProvider implements vscode.TreeDataProvider<InThisFileNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private document: vscode.TextDocument | undefined;
  private detections: Detection[] = [];
  private pitfalls: InsightFinding[] = [];
  /** The insight findings of a document (set when insight diagnostics are wired). */
  insightFindings: ((doc: vscode.TextDocument) => InsightFinding[]) | undefined;

  constructor(private readonly cache: AnalysisCache, private readonly library: LibraryService) {
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh(0)),
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.document === vscode.window.activeTextEditor?.document) this.refresh(DEBOUNCE_MS);
      }),
      library.onDidChange(() => this.changed.fire()),
    );
    this.refresh(0);
  }

  /** Constructs found in the active document (for tests and the status line). */
  get current(): { uri?: vscode.Uri; detections: readonly Detection[] } {
    return { uri: this.document?.uri, detections: this.detections };
  }

  /** The active document's insight findings may have changed without an edit (a template's views were read). */
  insightsChanged(): void {
    this.refresh(0);
  }

  private refresh(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const editor = vscode.window.activeTextEditor;
      const doc = editor?.document;
      // Keep showing the last file while the focus is in a non-text editor (the answer view).
      if (!doc) return;
      this.document = AnalysisCache.applies(doc) ? doc : undefined;
      this.detections = this.document ? this.cache.get(this.document)?.detections() ?? [] : [];
      this.pitfalls = this.document ? this.insightFindings?.(this.document) ?? [] : [];
      this.changed.fire();
    }, delay);
  }

  getChildren(node?: InThisFileNode): InThisFileNode[] {
    if (!node) {
      const byTopic = new Map<TopicId, Detection[]>();
      for (const d of this.detections) {
        const list = byTopic.get(d.topics[0]) ?? [];
        list.push(d);
        byTopic.set(d.topics[0], list);
      }
      const pitfalls: InThisFileNode[] = this.pitfalls.length ? [{ kind: 'pitfalls', findings: this.pitfalls }] : [];
      return [...pitfalls, ...[...byTopic].sort((a, b) => b[1].length - a[1].length || topicLabel(a[0]).localeCompare(topicLabel(b[0])))
        .map(([topic, detections]): InThisFileNode => ({ kind: 'topic', topic, detections }))];
    }
    if (node.kind === 'pitfalls') return node.findings.map(finding => ({ kind: 'pitfall', finding, uri: this.document!.uri }));
    if (node.kind === 'pitfall') {
      const library = this.library.peek();
      const def = detection().insightById(node.finding.insightId);
      if (!def || !library) return [];
      return def.questionIds.flatMap(id => {
        const entry = library.get(id);
        return entry ? [{ kind: 'question' as const, id, question: entry.question, preview: def.interviewQuestion }] : [];
      });
    }
    if (node.kind === 'topic') return node.detections.map(detection => ({ kind: 'construct', detection, uri: this.document!.uri }));
    if (node.kind === 'construct') {
      const rule = detection().ruleById(node.detection.ruleId);
      const library = this.library.peek();
      if (!rule || !library) return [];
      const { line, start, end } = node.detection;
      const text = this.document && line < this.document.lineCount ? this.document.lineAt(line).text.slice(start, end) : undefined;
      return detection().rankQuestions(library, rule, undefined, text).map(q => ({ kind: 'question', id: q.id, question: q.question, preview: q.preview }));
    }
    return [];
  }

  getTreeItem(node: InThisFileNode): vscode.TreeItem {
    if (node.kind === 'topic') {
      const item = new vscode.TreeItem(topicLabel(node.topic), vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.detections.length);
      item.iconPath = new vscode.ThemeIcon('library');
      item.contextValue = 'topic';
      item.id = `inThisFile:topic:${node.topic}`;
      return item;
    }
    if (node.kind === 'pitfalls') {
      const item = new vscode.TreeItem('Pitfalls', vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.findings.length);
      item.iconPath = new vscode.ThemeIcon('warning');
      item.id = 'inThisFile:pitfalls';
      return item;
    }
    if (node.kind === 'pitfall') {
      const def = detection().insightById(node.finding.insightId);
      const r = node.finding.range;
      const item = new vscode.TreeItem(def?.title ?? node.finding.insightId, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `line ${r.line + 1} · ${node.finding.insightId}`;
      item.tooltip = node.finding.message;
      item.iconPath = new vscode.ThemeIcon('warning');
      item.contextValue = 'pitfall';
      item.command = {
        command: 'vscode.open',
        title: 'Reveal',
        arguments: [node.uri, { selection: toRange(r), preserveFocus: false } satisfies vscode.TextDocumentShowOptions],
      };
      return item;
    }
    if (node.kind === 'construct') {
      const rule = detection().ruleById(node.detection.ruleId);
      const line = node.detection.line;
      const item = new vscode.TreeItem(rule?.title ?? node.detection.ruleId, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `line ${line + 1}`;
      item.tooltip = rule?.probe;
      item.iconPath = new vscode.ThemeIcon('symbol-event');
      item.contextValue = 'construct';
      item.command = {
        command: 'vscode.open',
        title: 'Reveal',
        arguments: [node.uri, { selection: new vscode.Range(line, node.detection.start, line, node.detection.end), preserveFocus: false } satisfies vscode.TextDocumentShowOptions],
      };
      return item;
    }
    const item = new vscode.TreeItem(node.question, vscode.TreeItemCollapsibleState.None);
    item.tooltip = node.preview;
    item.iconPath = new vscode.ThemeIcon('comment-discussion');
    item.contextValue = 'question';
    item.command = { command: Command.openAnswer, title: 'Open Answer', arguments: [node.id] };
    return item;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.subscriptions) d.dispose();
    this.changed.dispose();
  }
}
