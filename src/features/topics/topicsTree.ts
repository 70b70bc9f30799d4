// The Topics view: topic → questions, with counts. Near-duplicates are folded into their canonical entry.
import * as vscode from 'vscode';
import { TOPICS, topicLabel, type TopicId } from '../../core/taxonomy';
import { plainText } from '../../core/parse/text';
import type { Entry } from '../../core/types';
import type { Library } from '../../core/library';
import { Command } from '../../constants';
import type { LibraryService } from '../library/libraryService';
import { askedAgain, escapeMarkdown } from '../markdownText';

export type TopicsNode = { kind: 'topic'; topic: TopicId } | { kind: 'question'; topic: TopicId; entry: Entry };

/** Optional decorations other features add (mastery and due badges from the Review feature). */
export interface TopicBadges {
  topicDescription?(topic: TopicId): string | undefined;
  questionDescription?(entry: Entry): string | undefined;
  readonly onDidChange?: vscode.Event<void>;
}

export class TopicsTreeProvider implements vscode.TreeDataProvider<TopicsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TopicsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private badges: TopicBadges | undefined;
  private readonly topicNodes = new Map<TopicId, TopicsNode>();

  constructor(private readonly library: LibraryService) {
    this.subscriptions.push(library.onDidChange(() => this.changed.fire(undefined)));
  }

  setBadges(badges: TopicBadges): void {
    this.badges = badges;
    if (badges.onDidChange) this.subscriptions.push(badges.onDidChange(() => this.changed.fire(undefined)));
    this.changed.fire(undefined);
  }

  async getChildren(node?: TopicsNode): Promise<TopicsNode[]> {
    const library = await this.library.get();
    if (!node) {
      return TOPICS.map(t => t.id).filter(topic => library.byTopic(topic).length > 0).map(topic => this.topicNode(topic));
    }
    if (node.kind === 'topic') return library.byTopic(node.topic).map(entry => ({ kind: 'question', topic: node.topic, entry }));
    return [];
  }

  private topicNode(topic: TopicId): TopicsNode {
    let node = this.topicNodes.get(topic);
    if (!node) this.topicNodes.set(topic, (node = { kind: 'topic', topic }));
    return node;
  }

  getParent(node: TopicsNode): TopicsNode | undefined {
    return node.kind === 'question' ? this.topicNode(node.topic) : undefined;
  }

  getTreeItem(node: TopicsNode): vscode.TreeItem {
    const library = this.library.peek();
    if (node.kind === 'topic') {
      const count = library?.byTopic(node.topic).length ?? 0;
      const item = new vscode.TreeItem(topicLabel(node.topic), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `topic:${node.topic}`;
      const badge = this.badges?.topicDescription?.(node.topic);
      item.description = badge ? `${count} · ${badge}` : String(count);
      item.tooltip = `${topicLabel(node.topic)}: ${count} question${count === 1 ? '' : 's'}`;
      item.contextValue = 'topic';
      item.iconPath = new vscode.ThemeIcon('library');
      return item;
    }
    const { entry } = node;
    const item = new vscode.TreeItem(entry.question, vscode.TreeItemCollapsibleState.None);
    item.id = `question:${node.topic}:${entry.id}`;
    const parts = [
      this.badges?.questionDescription?.(entry),
      askedAgain(entry),
      entry.hasAnswer ? undefined : 'no answer',
    ].filter(Boolean);
    item.description = parts.join(' · ');
    item.tooltip = tooltip(entry, library);
    item.contextValue = entry.hasAnswer ? 'question' : 'question.noAnswer';
    item.iconPath = new vscode.ThemeIcon(entry.hasAnswer ? 'comment-discussion' : 'question');
    item.command = { command: Command.openAnswer, title: 'Open Answer', arguments: [entry.id] };
    return item;
  }

  /** The tree node showing an entry (under its main topic), for reveal. */
  nodeFor(entry: Entry): TopicsNode {
    return { kind: 'question', topic: entry.topics[0], entry };
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.changed.dispose();
  }
}

function tooltip(entry: Entry, library: Library | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(entry.question)}**\n\n`);
  const preview = plainText(entry.answer || entry.hint || '').slice(0, 280);
  if (preview) md.appendMarkdown(`${escapeMarkdown(preview)}${preview.length >= 280 ? '…' : ''}\n\n`);
  md.appendMarkdown(`*${escapeMarkdown(entry.source.file)}:${entry.source.line}* · ${entry.topics.map(topicLabel).join(', ')}`);
  const alike = library?.alsoAskedAs(entry) ?? [];
  if (alike.length) md.appendMarkdown(`\n\nAlso asked as: ${alike.map(v => `“${escapeMarkdown(v.question)}”`).join(', ')}`);
  return md;
}
