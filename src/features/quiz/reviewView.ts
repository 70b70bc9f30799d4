// The Review view (due today, new, due tomorrow, streak, weakest topics), the status-bar item with
// today's due count, and mastery badges for the Topics view: all from one review summary.
import * as vscode from 'vscode';
import type { ReviewSummary } from '../../core/progress';
import { engine } from '../../lazyEngine';
import { topicLabel, type TopicId } from '../../core/taxonomy';
import type { Entry } from '../../core/types';
import { Command, EXTENSION_SECTION, Setting } from '../../constants';
import type { LibraryService } from '../library/libraryService';
import type { TopicBadges } from '../topics/topicsTree';
import type { ProgressStore } from './progressStore';
import { quizSettings } from './settings';

export type ReviewNode =
  | { kind: 'due' } | { kind: 'new' } | { kind: 'tomorrow' } | { kind: 'streak' } | { kind: 'weakest' }
  | { kind: 'question'; id: string } | { kind: 'topic'; topic: TopicId; mastery: number; due: number };

export class ReviewModel implements vscode.Disposable, TopicBadges {
  private summary: ReviewSummary | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly library: LibraryService, private readonly progress: ProgressStore) {
    const schedule = () => { clearTimeout(this.timer); this.timer = setTimeout(() => void this.update(), 50); };
    this.subscriptions.push(progress.onDidChange(schedule), library.onDidChange(schedule), vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration(`${EXTENSION_SECTION}.${Setting.quizNewCardsPerDay}`)) schedule();
    }));
  }

  get current(): ReviewSummary | undefined {
    return this.summary;
  }

  async update(): Promise<ReviewSummary> {
    const [library, progress] = await Promise.all([this.library.get(), this.progress.get()]);
    this.summary = engine().reviewSummary(library, progress, Date.now(), { newCardLimit: quizSettings().newCardLimit });
    this.changed.fire();
    return this.summary;
  }

  topicDescription(topic: TopicId): string | undefined {
    const t = this.summary?.perTopic[topic];
    if (!t || t.started === 0) return undefined;
    return `${t.level} · ${Math.round(t.mastery * 100)}% known${t.due ? ` · ${t.due} due` : ''}`;
  }

  questionDescription(entry: Entry): string | undefined {
    if (!this.summary) return undefined;
    return this.summary.dueToday.includes(entry.id) ? 'due' : undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

export class ReviewTreeProvider implements vscode.TreeDataProvider<ReviewNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: ReviewModel, private readonly library: LibraryService) {
    this.subscription = model.onDidChange(() => this.changed.fire());
  }

  async getChildren(node?: ReviewNode): Promise<ReviewNode[]> {
    const s = this.model.current ?? (await this.model.update());
    if (!node) return [{ kind: 'due' }, { kind: 'new' }, { kind: 'tomorrow' }, { kind: 'streak' }, { kind: 'weakest' }];
    if (node.kind === 'due') return s.dueToday.slice(0, 100).map(id => ({ kind: 'question', id }));
    if (node.kind === 'new') return s.newToday.slice(0, 100).map(id => ({ kind: 'question', id }));
    if (node.kind === 'weakest') return s.weakestTopics.map(t => ({ kind: 'topic', topic: t.topic, mastery: t.mastery, due: t.due }));
    return [];
  }

  getTreeItem(node: ReviewNode): vscode.TreeItem {
    const s = this.model.current;
    const item = (label: string, description: string, icon: string, collapsible = false) => {
      const t = new vscode.TreeItem(label, collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      t.description = description;
      t.iconPath = new vscode.ThemeIcon(icon);
      return t;
    };
    switch (node.kind) {
      case 'due': {
        const t = item('Due today', String(s?.dueToday.length ?? 0), 'history', (s?.dueToday.length ?? 0) > 0);
        t.contextValue = 'reviewDue';
        t.tooltip = 'Questions spaced repetition says to review today. Start a review from the title bar or the status bar.';
        return t;
      }
      case 'new': {
        const t = item('New today', String(s?.newToday.length ?? 0), 'sparkle', (s?.newToday.length ?? 0) > 0);
        t.tooltip = `New questions offered today, within the daily limit (setting djangoCoach.quiz.newCardsPerDay); ${s?.introducedToday ?? 0} already introduced today.`;
        return t;
      }
      case 'tomorrow':
        return item('Due tomorrow', String(s?.dueTomorrow ?? 0), 'calendar');
      case 'streak': {
        const days = s?.streak.current ?? 0;
        return item('Streak', `${days} day${days === 1 ? '' : 's'}${s?.streak.longest ? ` (best ${s.streak.longest})` : ''}`, 'flame');
      }
      case 'weakest':
        return item('Weakest topics', s?.weakestTopics.length ? '' : 'answer a few questions first', 'graph', (s?.weakestTopics.length ?? 0) > 0);
      case 'topic': {
        const t = item(topicLabel(node.topic), `${Math.round(node.mastery * 100)}% known${node.due ? ` · ${node.due} due` : ''}`, 'library');
        t.contextValue = 'topic';
        t.command = { command: Command.quizTopic, title: 'Quiz this topic', arguments: [node.topic] };
        return t;
      }
      case 'question': {
        const entry = this.library.peek()?.get(node.id);
        const t = item(entry?.question ?? node.id, '', 'comment-discussion');
        t.contextValue = 'question';
        t.command = { command: Command.openAnswer, title: 'Open Answer', arguments: [node.id] };
        return t;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Status-bar item: today's due count; a click starts a review. */
export function createReviewStatusBar(model: ReviewModel): vscode.Disposable[] {
  const bar = vscode.window.createStatusBarItem('djangoCoach.due', vscode.StatusBarAlignment.Right, 100);
  bar.name = 'Django Interview Coach: due today';
  bar.command = Command.startReview;
  const render = () => {
    const s = model.current;
    if (!s) return;
    const due = s.dueToday.length + s.newToday.length;
    bar.text = due > 0 ? `$(mortar-board) ${due} due` : '$(mortar-board) $(check)';
    bar.tooltip = due > 0
      ? `Django Interview Coach: ${s.dueToday.length} review${s.dueToday.length === 1 ? '' : 's'} and ${s.newToday.length} new question${s.newToday.length === 1 ? '' : 's'} today. Click to start.`
      : `Django Interview Coach: nothing due today; ${s.dueTomorrow} due tomorrow.`;
    bar.show();
  };
  return [bar, model.onDidChange(render)];
}
