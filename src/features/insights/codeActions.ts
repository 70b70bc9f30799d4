// Code actions on insight diagnostics: "Practise this question" (the insight's best guide question in
// the answer view), "Quiz me on this pitfall" (a quiz on the insight's topic) and, where the finding
// carries a mechanical fix, the quick fix itself (preferred).
import * as vscode from 'vscode';
import { Command } from '../../constants';
import { detection } from '../../lazyDetect';
import { DIAGNOSTIC_SOURCE, toRange, type InsightDiagnostics } from './diagnostics';

export class InsightCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: InsightDiagnostics) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const finding of this.diagnostics.findings(doc)) {
      const at = toRange(finding.range);
      if (!at.intersection(range)) continue;
      const def = detection().insightById(finding.insightId);
      const diagnostic = vscode.languages.getDiagnostics(doc.uri)
        .find(d => d.source === DIAGNOSTIC_SOURCE && d.code === finding.insightId && d.range.isEqual(at));
      if (finding.fix) {
        const fix = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
        fix.edit = new vscode.WorkspaceEdit();
        for (const e of finding.fix.edits) fix.edit.replace(doc.uri, toRange(e), e.newText);
        fix.isPreferred = true;
        if (diagnostic) fix.diagnostics = [diagnostic];
        actions.push(fix);
      }
      const best = def?.questionIds[0];
      if (best) {
        const practise = new vscode.CodeAction(`Practise this question (${finding.insightId})`, vscode.CodeActionKind.QuickFix);
        practise.command = { command: Command.openAnswer, title: 'Practise this question', arguments: [best] };
        if (diagnostic) practise.diagnostics = [diagnostic];
        actions.push(practise);
      }
      if (def) {
        const quiz = new vscode.CodeAction(`Quiz me on this pitfall (${finding.insightId})`, vscode.CodeActionKind.QuickFix);
        quiz.command = { command: Command.quizTopic, title: 'Quiz me on this pitfall', arguments: [def.topic] };
        if (diagnostic) quiz.diagnostics = [diagnostic];
        actions.push(quiz);
      }
    }
    return actions;
  }
}
