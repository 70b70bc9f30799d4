// The commands of the guide library, sidebar and answer view (one handler each; registered by the entry points).
import * as vscode from 'vscode';
import { Command, EXTENSION_SECTION, Setting, View } from '../constants';
import type { CommandTable } from './entryPoints';
import type { LibraryService } from './library/libraryService';
import { openGuideAt, type AnswerPanel } from './answer/answerPanel';
import type { TopicsTreeProvider, TopicsNode } from './topics/topicsTree';
import { pickQuestion } from './search/searchCommand';
import type { Log } from './log';
import { entryIdOf } from './commandArgs';

export interface CommandDeps {
  library: LibraryService;
  answers: AnswerPanel;
  topics: TopicsTreeProvider;
  topicsView: vscode.TreeView<TopicsNode>;
  log: Log;
}

type LibraryCommand = typeof Command.search | typeof Command.openAnswer | typeof Command.openGuideSource | typeof Command.revealQuestion
  | typeof Command.addGuideFolder | typeof Command.reloadGuides | typeof Command.showOutput;

export function libraryCommands(deps: CommandDeps): Pick<CommandTable, LibraryCommand> {
  const { library, answers, topics, topicsView, log } = deps;
  return {
    [Command.search]: async (initial?: unknown) => {
      const id = await pickQuestion(library, typeof initial === 'string' ? initial : '');
      if (id) await answers.show(id);
      return id;
    },
    [Command.openAnswer]: async (arg: unknown) => {
      const id = entryIdOf(arg);
      return id ? answers.show(id) : false;
    },
    [Command.openGuideSource]: async (arg: unknown) => {
      const id = entryIdOf(arg) ?? answers.currentId;
      const entry = id ? (await library.get()).get(id) : undefined;
      if (entry) await openGuideAt(library, entry);
    },
    [Command.revealQuestion]: async (arg: unknown) => {
      const id = entryIdOf(arg);
      const entry = id ? (await library.get()).get(id) : undefined;
      if (!entry) return;
      const canonical = entry.canonicalId ? (await library.get()).get(entry.canonicalId) ?? entry : entry;
      await vscode.commands.executeCommand(`workbench.view.extension.${View.container}`);
      await topicsView.reveal(topics.nodeFor(canonical), { select: true, focus: true, expand: true });
    },
    [Command.addGuideFolder]: async () => {
      const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Add Guide Folder' });
      if (!picked?.[0]) return;
      const config = vscode.workspace.getConfiguration(EXTENSION_SECTION);
      const folders = config.get<string[]>(Setting.guideFolders, []);
      const value = picked[0].scheme === 'file' ? picked[0].fsPath : picked[0].toString();
      if (!folders.includes(value)) await config.update(Setting.guideFolders, [...folders, value], vscode.ConfigurationTarget.Global);
    },
    [Command.reloadGuides]: async () => {
      library.reload();
      await library.get();
    },
    [Command.showOutput]: () => log.show(),
  };
}
