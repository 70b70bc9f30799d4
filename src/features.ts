// The features behind the entry points, wired together on first use: the guide library, the Topics
// view, the answer view, search, contextual tips and quizzes. src/extension.ts registers the entry
// points at activation and loads this module when one of them is used, or once the window has
// settled. The desktop build ships it as dist/features.js next to dist/extension.js; the browser
// build inlines it (still evaluated lazily).
import * as vscode from 'vscode';
import { Command, Panel, type PanelId } from './constants';
import type { TopicId } from './core/taxonomy';
import type { Log } from './features/log';
import type { CommandTable } from './features/entryPoints';
import { LibraryService } from './features/library/libraryService';
import { TopicsTreeProvider, type TopicsNode } from './features/topics/topicsTree';
import { AnswerPanel } from './features/answer/answerPanel';
import { ContentService } from './features/content/contentService';
import { libraryCommands } from './features/commands';
import { createDetectFeature, type DetectFeature } from './features/detect';
import { createQuizFeature, type QuizFeature } from './features/quiz';

/** The views created at activation, handed to the features that reveal items in them. */
export interface EntryViews {
  topics: vscode.TreeView<TopicsNode>;
}

export interface Features extends vscode.Disposable {
  library: LibraryService;
  /** The curated quiz items, key points and answer reviews (loaded on first use). */
  content: ContentService;
  answers: AnswerPanel;
  topics: TopicsTreeProvider;
  detect: DetectFeature;
  quiz: QuizFeature;
  /** Every command's implementation. */
  commands: CommandTable;
  /** What restores each webview panel after a window reload. */
  panels: Record<PanelId, vscode.WebviewPanelSerializer>;
  /** Computes today's due count for the status bar. It loads the engine (scheduling), so it waits for the
   * window to settle instead of running when the features load: a first hover needs only detection. */
  showDueCount(): void;
}

export function wireFeatures(context: vscode.ExtensionContext, log: Log, views: EntryViews): Features {
  const t0 = performance.now();
  const library = new LibraryService(context.extensionUri, log);
  const topics = new TopicsTreeProvider(library);
  const content = new ContentService(context.extensionUri, log);
  const answers = new AnswerPanel(context.extensionUri, library, content, log);
  const detect = createDetectFeature(context.extensionUri, library, log);
  const fileTopics = () => [...new Set(detect.inThisFile.current.detections.map(d => d.topics[0]))];
  const quiz = createQuizFeature(context, library, content, log, fileTopics, () => detect.studyPlan.scanPitfalls());

  // Quiz entry points elsewhere: the Topics badges, the hover, the answer view, the study plan.
  const quizTopic = (topic: TopicId) => vscode.commands.executeCommand(Command.quizTopic, topic);
  topics.setBadges(quiz.review);
  detect.hover.quizCommand = Command.quizTopic;
  detect.studyPlan.quizTopic = topic => void quizTopic(topic as TopicId);
  detect.studyPlan.quizPitfalls = () => void quiz.startPitfalls();
  answers.actions = {
    quizTopic: entry => void quizTopic(entry.topics[0]),
    markKnown: entry => quiz.progress.markKnown(entry.id),
    isKnown: entry => quiz.progress.peek()?.cards[entry.id]?.lastRating === 4,
  };

  const disposables: vscode.Disposable[] = [library, topics, answers, ...detect.disposables, ...quiz.disposables];
  log.info(`features ready in ${(performance.now() - t0).toFixed(1)} ms`);
  return {
    library, content, answers, topics, detect, quiz,
    commands: { ...libraryCommands({ library, answers, topics, topicsView: views.topics, log }), ...detect.commands, ...quiz.commands },
    panels: { [Panel.answer]: answers, [Panel.studyPlan]: detect.studyPlan, [Panel.quiz]: quiz.quiz },
    showDueCount: () => void quiz.review.update(),
    dispose: () => { for (const d of disposables.reverse()) d.dispose(); },
  };
}
