// Django Interview Coach: activation wires the features together and does nothing else — no parsing,
// no file scanning; the library loads on first use.
const moduleLoadedAt = Date.now();
import * as vscode from 'vscode';
import { View } from './constants';
import { Log } from './features/log';
import { LibraryService } from './features/library/libraryService';
import { TopicsTreeProvider } from './features/topics/topicsTree';
import { AnswerPanel } from './features/answer/answerPanel';
import { registerCommands } from './features/commands';
import { registerDetectFeature, type DetectFeature } from './features/detect';

/** What the extension hands to tests and to other features. */
export interface CoachApi {
  library: LibraryService;
  answers: AnswerPanel;
  topics: TopicsTreeProvider;
  detect: DetectFeature;
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): CoachApi {
  const log = new Log();
  const library = new LibraryService(context.extensionUri, log);
  const topics = new TopicsTreeProvider(library);
  const topicsView = vscode.window.createTreeView(View.topics, { treeDataProvider: topics, showCollapseAll: true });
  const answers = new AnswerPanel(context.extensionUri, library, log);
  const detect = registerDetectFeature(context.extensionUri, library, log);

  context.subscriptions.push(
    log,
    library,
    topics,
    topicsView,
    answers,
    ...registerCommands({ library, answers, topics, topicsView, log }),
    ...detect.disposables,
  );

  const activationMs = Date.now() - moduleLoadedAt;
  log.info(`activated in ${activationMs} ms (${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI${vscode.env.remoteName ? `, remote ${vscode.env.remoteName}` : ''})`);
  return { library, answers, topics, detect, activationMs };
}

export function deactivate(): void {}
