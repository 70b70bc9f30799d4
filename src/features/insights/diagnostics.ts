// Insight diagnostics (issue 14): the pitfalls found in open Python documents and (DJC012, from the
// workspace's views) open templates, in the Problems view.
// Documents are re-checked on change (debounced) from the shared AnalysisCache; a document's
// diagnostics are published only when its findings changed, so typing does not make them flicker.
import * as vscode from 'vscode';
import { DETECTED_LANGUAGES, EXTENSION_SECTION, Setting } from '../../constants';
import type { InsightFinding, InsightRange } from '../../core/insights/types';
import { detection } from '../../lazyDetect';
import type { AnalysisCache } from '../detect/analysisCache';
import { insightSeverity } from './severity';
import { WorkspaceTemplates } from './workspaceTemplates';

export const DIAGNOSTIC_SOURCE = 'Django Interview Coach';
const DEBOUNCE_MS = 300;
/** The languages insights are found in: Python, and the template languages (DJC012). */
export const INSIGHT_LANGUAGES: readonly string[] = DETECTED_LANGUAGES;

export function toRange(r: InsightRange): vscode.Range {
  return new vscode.Range(r.line, r.start, r.endLine, r.end);
}

export class InsightDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('djangoCoach.insights');
  /** The findings last published per document (key: uri), with the severity they were published at. */
  private readonly published = new Map<string, { key: string; version: number; findings: InsightFinding[] }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly cache: AnalysisCache, private readonly templates?: WorkspaceTemplates) {
    this.subscriptions = [
      // The workspace's views and models are read (or changed): the open templates are checked again.
      ...(templates ? [templates.onDidChange(() => this.refreshTemplates())] : []),
      vscode.workspace.onDidOpenTextDocument(doc => this.update(doc)),
      vscode.workspace.onDidChangeTextDocument(e => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument(doc => this.forget(doc.uri)),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration(`${EXTENSION_SECTION}.${Setting.insightsSeverity}`)) this.refreshAll();
      }),
    ];
    this.refreshAll();
  }

  /** The findings of a document's current version (hover, code actions, views); [] while insights are off. */
  findings(doc: vscode.TextDocument): InsightFinding[] {
    const published = this.published.get(doc.uri.toString());
    if (published?.version === doc.version) return published.findings;
    return insightSeverity() === null ? [] : this.compute(doc);
  }

  refreshAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.update(doc);
  }

  private refreshTemplates(): void {
    for (const doc of vscode.workspace.textDocuments) if (doc.languageId !== 'python') this.update(doc);
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); this.update(doc); }, DEBOUNCE_MS));
  }

  private compute(doc: vscode.TextDocument): InsightFinding[] {
    if (!INSIGHT_LANGUAGES.includes(doc.languageId) || doc.isClosed) return [];
    const analysis = this.cache.get(doc);
    if (!analysis) return [];
    try {
      if (doc.languageId !== 'python') {
        // DJC012 needs the workspace's views: none until they are read (onDidChange checks again then).
        const facts = this.templates?.get();
        return facts ? facts.findings(WorkspaceTemplates.pathOf(doc.uri), analysis) : [];
      }
      // Relative to the workspace folder, like the study plan's scan: the settings insights read the
      // path for "dev"/"local"/"sample" parts, and the folders above the project are not the user's.
      return detection().findInsights(analysis, vscode.workspace.asRelativePath(doc.uri, false));
    } catch {
      return []; // never let odd code break the editor; detection reports its own problems
    }
  }

  update(doc: vscode.TextDocument): void {
    if (!INSIGHT_LANGUAGES.includes(doc.languageId) || doc.uri.scheme === 'output') return;
    const severity = insightSeverity();
    const findings = severity === null ? [] : this.compute(doc);
    const uri = doc.uri.toString();
    const key = `${severity}|${JSON.stringify(findings)}`;
    const previous = this.published.get(uri);
    this.published.set(uri, { key, version: doc.version, findings });
    if (previous?.key === key) return;
    if (severity === null || findings.length === 0) { this.collection.delete(doc.uri); return; }
    this.collection.set(doc.uri, findings.map(f => toDiagnostic(doc.uri, f, severity)));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.published.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}

export function toDiagnostic(uri: vscode.Uri, f: InsightFinding, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, severity);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = f.insightId;
  if (f.related?.length) {
    d.relatedInformation = f.related.map(r => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.range)), r.message));
  }
  return d;
}
