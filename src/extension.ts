// Django Interview Coach: activation wires the features together and does nothing else — no parsing,
// no file scanning; the library loads on first use.
declare const __coachBundleStart: number | undefined;
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
/** Our own module evaluation: from the first line of the bundle (esbuild banner) to here. */
const moduleLoadMs = now() - (typeof __coachBundleStart === 'number' ? __coachBundleStart : now());
import * as vscode from 'vscode';
import { View } from './constants';
import { Log } from './features/log';
import { LibraryService } from './features/library/libraryService';
import { TopicsTreeProvider } from './features/topics/topicsTree';
import { AnswerPanel } from './features/answer/answerPanel';
import { registerCommands } from './features/commands';
import { registerDetectFeature, type DetectFeature } from './features/detect';
import { registerQuizFeature, type QuizFeature } from './features/quiz';
import { Command } from './constants';
import type { TopicId } from './core/taxonomy';

/** What the extension hands to tests and to other features. */
export interface CoachApi {
  library: LibraryService;
  answers: AnswerPanel;
  topics: TopicsTreeProvider;
  detect: DetectFeature;
  quiz: QuizFeature;
  /** Own activation time: evaluating our bundle plus running activate() (not the host's time in between). */
  activationMs: number;
  /** Its two parts, for the bench. */
  activationParts: { moduleLoadMs: number; activateMs: number };
}

export function activate(context: vscode.ExtensionContext): CoachApi {
  const activateStart = now();
  const log = new Log();
  const library = new LibraryService(context.extensionUri, log);
  const topics = new TopicsTreeProvider(library);
  const topicsView = vscode.window.createTreeView(View.topics, { treeDataProvider: topics, showCollapseAll: true });
  const answers = new AnswerPanel(context.extensionUri, library, log);
  const detect = registerDetectFeature(context.extensionUri, library, log);
  const fileTopics = () => [...new Set(detect.inThisFile.current.detections.map(d => d.topics[0]))] as TopicId[];
  const quiz = registerQuizFeature(context, library, log, fileTopics);

  // Quiz entry points elsewhere: the Topics badges, the hover, the answer view, the study plan.
  const quizTopic = (topic: TopicId) => vscode.commands.executeCommand(Command.quizTopic, topic);
  topics.setBadges(quiz.review);
  detect.hover.quizCommand = Command.quizTopic;
  detect.studyPlan.quizTopic = topic => void quizTopic(topic as TopicId);
  answers.actions = {
    quizTopic: entry => void quizTopic(entry.topics[0]),
    markKnown: entry => quiz.progress.markKnown(entry.id),
    isKnown: entry => quiz.progress.peek()?.cards[entry.id]?.lastRating === 4,
  };

  context.subscriptions.push(
    log,
    library,
    topics,
    topicsView,
    answers,
    ...registerCommands({ library, answers, topics, topicsView, log }),
    ...detect.disposables,
    ...quiz.disposables,
  );

  const activateMs = now() - activateStart;
  const activationMs = moduleLoadMs + activateMs;
  log.info(`activated in ${activationMs.toFixed(1)} ms: module load ${moduleLoadMs.toFixed(1)} ms + activate() ${activateMs.toFixed(1)} ms (${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI${vscode.env.remoteName ? `, remote ${vscode.env.remoteName}` : ''})`);
  return { library, answers, topics, detect, quiz, activationMs, activationParts: { moduleLoadMs, activateMs } };
}

export function deactivate(): void {}
