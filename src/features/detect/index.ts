// Contextual tips (issue #4): hovers, the "In this file" view and the study plan, on one analysis cache.
// The entry points (hover provider, tree view, commands, serializer) are registered at activation.
import * as vscode from 'vscode';
import { Command, EXTENSION_SECTION, Setting } from '../../constants';
import type { CommandTable } from '../entryPoints';
import type { LibraryService } from '../library/libraryService';
import type { Log } from '../log';
import { AnalysisCache } from './analysisCache';
import { CoachHoverProvider } from './hoverProvider';
import { InThisFileProvider } from './inThisFile';
import { StudyPlanPanel } from './studyPlan';
import { InsightDiagnostics } from '../insights/diagnostics';
import { InsightCodeActions } from '../insights/codeActions';
import { INSIGHT_LANGUAGES } from '../insights/diagnostics';
import { WorkspaceTemplates } from '../insights/workspaceTemplates';

export interface DetectFeature {
  hover: CoachHoverProvider;
  inThisFile: InThisFileProvider;
  studyPlan: StudyPlanPanel;
  insights: InsightDiagnostics;
  commands: Pick<CommandTable, typeof Command.studyPlan | typeof Command.toggleHovers>;
  disposables: vscode.Disposable[];
}

export function createDetectFeature(extensionUri: vscode.Uri, library: LibraryService, log: Log): DetectFeature {
  const cache = new AnalysisCache();
  const hover = new CoachHoverProvider(cache, library);
  const inThisFile = new InThisFileProvider(cache, library);
  const studyPlan = new StudyPlanPanel(extensionUri, library, log);
  const templates = new WorkspaceTemplates();
  const insights = new InsightDiagnostics(cache, templates);
  hover.insightFindings = doc => insights.findings(doc);
  inThisFile.insightFindings = doc => insights.findings(doc);
  const templatesRead = templates.onDidChange(() => inThisFile.insightsChanged());
  const insightActions = vscode.languages.registerCodeActionsProvider(INSIGHT_LANGUAGES.map(language => ({ language })), new InsightCodeActions(insights),
    { providedCodeActionKinds: InsightCodeActions.kinds });
  const commands = {
    [Command.studyPlan]: () => studyPlan.run(),
    [Command.toggleHovers]: async () => {
      const config = vscode.workspace.getConfiguration(EXTENSION_SECTION);
      const enabled = !config.get<boolean>(Setting.hoverEnabled, true);
      await config.update(Setting.hoverEnabled, enabled, vscode.ConfigurationTarget.Global);
      void vscode.window.setStatusBarMessage(`Django Interview Coach: hovers ${enabled ? 'on' : 'off'}`, 3000);
    },
  };
  return { hover, inThisFile, studyPlan, insights, commands, disposables: [cache, inThisFile, studyPlan, insights, templatesRead, templates, insightActions] };
}
