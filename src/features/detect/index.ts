// Contextual tips (issue #4): hovers, the "In this file" view and the study plan, on one analysis cache.
import * as vscode from 'vscode';
import { Command, EXTENSION_SECTION, Setting, View } from '../../constants';
import type { LibraryService } from '../library/libraryService';
import type { Log } from '../log';
import { AnalysisCache } from './analysisCache';
import { CoachHoverProvider, registerHover } from './hoverProvider';
import { InThisFileProvider } from './inThisFile';
import { StudyPlanPanel } from './studyPlan';

export interface DetectFeature {
  hover: CoachHoverProvider;
  inThisFile: InThisFileProvider;
  studyPlan: StudyPlanPanel;
  disposables: vscode.Disposable[];
}

export function registerDetectFeature(extensionUri: vscode.Uri, library: LibraryService, log: Log): DetectFeature {
  const cache = new AnalysisCache();
  const hover = new CoachHoverProvider(cache, library);
  const inThisFile = new InThisFileProvider(cache, library);
  const studyPlan = new StudyPlanPanel(extensionUri, library, log);
  const disposables = [
    cache,
    inThisFile,
    studyPlan,
    registerHover(hover),
    vscode.window.createTreeView(View.inThisFile, { treeDataProvider: inThisFile, showCollapseAll: true }),
    vscode.commands.registerCommand(Command.studyPlan, () => studyPlan.run()),
    vscode.commands.registerCommand(Command.toggleHovers, async () => {
      const config = vscode.workspace.getConfiguration(EXTENSION_SECTION);
      const enabled = !config.get<boolean>(Setting.hoverEnabled, true);
      await config.update(Setting.hoverEnabled, enabled, vscode.ConfigurationTarget.Global);
      void vscode.window.setStatusBarMessage(`Django Interview Coach: hovers ${enabled ? 'on' : 'off'}`, 3000);
    }),
  ];
  return { hover, inThisFile, studyPlan, disposables };
}
