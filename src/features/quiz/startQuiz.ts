// "Start Quiz": scope, then mode, with defaults so that Enter, Enter starts one.
import * as vscode from 'vscode';
import { TOPICS, topicLabel, isTopicId, type TopicId } from '../../core/taxonomy';
import type { QuizMode, QuizScope } from '../../core/quiz';
import type { LibraryService } from '../library/libraryService';
import type { ReviewModel } from './reviewView';
import { quizSettings } from './settings';

interface ScopePick extends vscode.QuickPickItem {
  scope?: QuizScope;
  chooseTopic?: boolean;
}

/** `pitfalls`: offer "Pitfalls in this workspace" (a folder is open and insights are on). */
export async function pickQuizScope(library: LibraryService, review: ReviewModel, fileTopics: TopicId[], pitfalls = false): Promise<QuizScope | undefined> {
  const lib = await library.get();
  const summary = await review.update();
  const due = summary.dueToday.length + summary.newToday.length;
  const items: ScopePick[] = [];
  if (due > 0) items.push({ label: '$(history) Due for review', description: `${summary.dueToday.length} due, ${summary.newToday.length} new today`, scope: { kind: 'due' } });
  items.push({ label: '$(library) All topics', description: `${lib.canonical().length} questions`, scope: { kind: 'all' } });
  if (fileTopics.length) items.push({ label: '$(file-code) What this file touches', description: fileTopics.map(topicLabel).join(', '), scope: { kind: 'topics', topics: fileTopics } });
  if (pitfalls) items.push({ label: '$(warning) Pitfalls in this workspace', description: 'flashcards on your own code: the interview insights found in it', scope: { kind: 'pitfalls' } });
  items.push({ label: '$(list-tree) A topic…', chooseTopic: true });
  if (summary.totals.started > 0) items.push({ label: '$(flame) Weakest topics', description: summary.weakestTopics.map(t => t.label).join(', '), scope: { kind: 'weakest' } });
  const picked = await vscode.window.showQuickPick(items, { title: 'Start Quiz (1/2): what to practise', placeHolder: 'Enter starts with the first choice' });
  if (!picked) return undefined;
  if (!picked.chooseTopic) return picked.scope;
  const topic = await pickTopic(library);
  return topic ? { kind: 'topic', topic } : undefined;
}

export async function pickTopic(library: LibraryService): Promise<TopicId | undefined> {
  const lib = await library.get();
  const picks = TOPICS.map(t => ({ label: t.label, description: `${lib.byTopic(t.id).length} questions`, topic: t.id as TopicId })).filter(p => lib.byTopic(p.topic).length > 0);
  return (await vscode.window.showQuickPick(picks, { title: 'Start Quiz: topic', matchOnDescription: false }))?.topic;
}

/** Mode and length in one pick: the first item (the preferred mode, the usual length) is the default. */
export async function pickQuizMode(): Promise<{ mode: QuizMode; length: number } | undefined> {
  const { defaultMode: preferred, length: usual } = quizSettings();
  const modes: { mode: QuizMode; label: string; description: string }[] = [
    { mode: 'multiple-choice', label: '$(checklist) Multiple choice', description: 'reviewed items: a scenario, four options, the explanation (keys 1–4)' },
    { mode: 'flashcards', label: '$(note) Flashcards', description: 'recall, reveal, tick the key points you made, grade' },
  ];
  modes.sort((a, b) => (a.mode === preferred ? -1 : b.mode === preferred ? 1 : 0));
  const lengths = [usual, ...[5, 20].filter(n => n !== usual)];
  const items: (vscode.QuickPickItem & { mode: QuizMode; length: number })[] = [];
  for (const [i, length] of lengths.entries()) {
    for (const m of modes) items.push({ label: `${m.label} · ${length} questions`, description: i === 0 ? m.description : undefined, mode: m.mode, length });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Start Quiz (2/2): mode and length' });
  return picked ? { mode: picked.mode, length: picked.length } : undefined;
}

/** A topic from a command argument: a topic id, a tree node or an entry. */
export function topicFromArg(arg: unknown): TopicId | undefined {
  if (isTopicId(arg)) return arg;
  if (arg && typeof arg === 'object') {
    const o = arg as { topic?: unknown; entry?: { topics?: unknown[] }; topics?: unknown[] };
    if (isTopicId(o.topic)) return o.topic;
    if (isTopicId(o.entry?.topics?.[0])) return o.entry!.topics![0] as TopicId;
    if (isTopicId(o.topics?.[0])) return o.topics![0] as TopicId;
  }
  return undefined;
}
