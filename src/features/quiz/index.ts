// Quizzes that remember (issue #5): Start Quiz, the quiz view, progress storage, the Review view, the
// status-bar due count, mastery badges, export/import, and "mark known". The entry points (commands,
// the Review tree view, the quiz panel's serializer) are registered at activation.
import * as vscode from 'vscode';
import type { QuizBuild, QuizScope } from '../../core/quiz';
import type { WorkspaceFinding } from '../../core/insights/workspace';
import { insightSeverity } from '../insights/severity';
import type { TopicId } from '../../core/taxonomy';
import { Command } from '../../constants';
import type { CommandTable } from '../entryPoints';
import type { ContentService } from '../content/contentService';
import type { LibraryService } from '../library/libraryService';
import type { Log } from '../log';
import { entryIdOf } from '../commandArgs';
import { ProgressStore } from './progressStore';
import { quizSettings } from './settings';
import { QuizPanel } from './quizPanel';
import { ReviewModel, ReviewTreeProvider, createReviewStatusBar } from './reviewView';
import { pickQuizMode, pickQuizScope, pickTopic, topicFromArg } from './startQuiz';

export interface QuizFeature {
  progress: ProgressStore;
  quiz: QuizPanel;
  review: ReviewModel;
  reviewTree: ReviewTreeProvider;
  commands: Pick<CommandTable, QuizCommand>;
  /** The "pitfalls in this workspace" quiz: scans the workspace, then flashcards on what it found. */
  startPitfalls(): Promise<QuizBuild | undefined>;
  disposables: vscode.Disposable[];
}

/** The workspace's insight findings (a scan with progress), or undefined (no folder, cancelled). */
export type PitfallSource = () => Promise<{ findings: WorkspaceFinding[]; filesScanned: number } | undefined>;

type QuizCommand = typeof Command.startQuiz | typeof Command.quizTopic | typeof Command.startReview | typeof Command.markKnown
  | typeof Command.exportProgress | typeof Command.importProgress;

export function createQuizFeature(context: vscode.ExtensionContext, library: LibraryService, content: ContentService, log: Log, fileTopics: () => TopicId[], pitfalls: PitfallSource): QuizFeature {
  const progress = new ProgressStore(context, log);
  const review = new ReviewModel(library, progress);
  const quiz = new QuizPanel(context.extensionUri, library, content, progress, review, log);
  const reviewTree = new ReviewTreeProvider(review, library);
  const startWith = async (scope: QuizScope) => {
    const { defaultMode, length } = quizSettings();
    return quiz.start({ scope, mode: defaultMode, length });
  };

  const startPitfalls = async () => {
    if (insightSeverity() === null) {
      void vscode.window.showInformationMessage('Django Interview Coach: interview insights are off (setting djangoCoach.insights.severity), so there are no pitfalls to quiz on.');
      return undefined;
    }
    const found = await pitfalls();
    if (!found) {
      if (!vscode.workspace.workspaceFolders?.length) void vscode.window.showInformationMessage('Django Interview Coach: open a Django project folder to quiz on its pitfalls.');
      return undefined;
    }
    return quiz.startPitfalls(found.findings, found.filesScanned, quizSettings().length);
  };

  const disposables: vscode.Disposable[] = [progress, quiz, review, reviewTree, ...createReviewStatusBar(review)];
  const commands = {
    [Command.startQuiz]: async () => {
      const scope = await pickQuizScope(library, review, fileTopics(), !!vscode.workspace.workspaceFolders?.length && insightSeverity() !== null);
      if (!scope) return undefined;
      if (scope.kind === 'pitfalls') return startPitfalls(); // flashcards only: the user's code has no multiple-choice options
      const choice = await pickQuizMode();
      return choice ? quiz.start({ scope, mode: choice.mode, length: choice.length }) : undefined;
    },
    [Command.quizTopic]: async (arg?: unknown) => {
      const topic = topicFromArg(arg) ?? (await pickTopic(library));
      return topic ? startWith({ kind: 'topic', topic }) : undefined;
    },
    [Command.startReview]: () => startWith({ kind: 'due' }),
    [Command.markKnown]: async (arg?: unknown) => {
      const id = entryIdOf(arg);
      if (!id || !(await library.get()).get(id)) return;
      await progress.markKnown(id);
      void vscode.window.setStatusBarMessage('Django Interview Coach: marked as known', 2500);
    },
    [Command.exportProgress]: async () => {
      const uri = await vscode.window.showSaveDialog({ title: 'Export Django Interview Coach progress', filters: { JSON: ['json'] }, saveLabel: 'Export',
        defaultUri: vscode.workspace.workspaceFolders?.[0] ? vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'django-coach-progress.json') : undefined });
      if (!uri) return;
      await progress.exportTo(uri);
      void vscode.window.showInformationMessage(`Django Interview Coach: progress exported to ${uri.scheme === 'file' ? uri.fsPath : uri.toString()}.`);
    },
    [Command.importProgress]: async (arg?: unknown) => {
      const uri = arg instanceof vscode.Uri ? arg : (await vscode.window.showOpenDialog({ title: 'Import Django Interview Coach progress', filters: { JSON: ['json'] }, canSelectMany: false, openLabel: 'Import' }))?.[0];
      if (!uri) return undefined;
      const result = await progress.importFrom(uri);
      if (result.ok) void vscode.window.showInformationMessage(`Django Interview Coach: ${result.message}`);
      else void vscode.window.showErrorMessage(`Django Interview Coach: ${result.message}`);
      return result;
    },
  };
  // The status bar's due count is not computed here: it loads the engine (scheduling), which a first
  // hover must not wait for. src/extension.ts starts it once the window has settled (Features.showDueCount).
  return { progress, quiz, review, reviewTree, commands, startPitfalls, disposables };
}
