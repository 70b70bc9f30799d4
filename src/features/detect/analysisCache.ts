// One DocumentAnalysis per open document, kept per version: hovers reuse the file's masking and import
// context; a new version is analysed incrementally from the previous one.
import * as vscode from 'vscode';
import type { DocumentAnalysis } from '../../core/detect/analysis';
import { documentKind } from '../../core/detect/kind';
import { detection } from '../../lazyDetect';

export class AnalysisCache implements vscode.Disposable {
  private readonly entries = new Map<string, { version: number; analysis: DocumentAnalysis }>();
  private readonly subscription = vscode.workspace.onDidCloseTextDocument(doc => this.entries.delete(doc.uri.toString()));

  static applies(doc: vscode.TextDocument): boolean {
    return documentKind(doc.languageId) !== null || documentKind(doc.fileName) !== null;
  }

  get(doc: vscode.TextDocument): DocumentAnalysis | undefined {
    if (!AnalysisCache.applies(doc)) return undefined;
    const key = doc.uri.toString();
    const cached = this.entries.get(key);
    if (cached && cached.version === doc.version) return cached.analysis;
    const kind = documentKind(doc.languageId) ? doc.languageId : doc.fileName;
    const analysis = detection().analyzeDocument(doc.getText(), kind, cached?.analysis);
    this.entries.set(key, { version: doc.version, analysis });
    return analysis;
  }

  dispose(): void {
    this.subscription.dispose();
    this.entries.clear();
  }
}
