// The `djangoCoach.insights.severity` setting, translated to a VS Code severity (null: insights off).
import * as vscode from 'vscode';
import { EXTENSION_SECTION, Setting } from '../../constants';

export const INSIGHT_SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'] as const;
export type InsightSeverity = (typeof INSIGHT_SEVERITIES)[number];

const TO_VSCODE: Record<Exclude<InsightSeverity, 'off'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The configured severity; an unknown value falls back to the default (information). */
export function insightSeverity(): vscode.DiagnosticSeverity | null {
  const value = vscode.workspace.getConfiguration(EXTENSION_SECTION).get<string>(Setting.insightsSeverity, 'information');
  if (value === 'off') return null;
  return TO_VSCODE[value as Exclude<InsightSeverity, 'off'>] ?? vscode.DiagnosticSeverity.Information;
}
