// DJC012 in the editor: the workspace's views and models (every Python file) and its template paths,
// read once through the editor's file system (so it works remotely and in the browser) when a template
// is first checked, then kept up to date as Python files are saved, created or deleted.
import * as vscode from 'vscode';
import type { TemplateFacts } from '../../core/insights/templateFacts';
import { detection } from '../../lazyDetect';

const EXCLUDE = '{**/node_modules/**,**/__pycache__/**,**/.git/**,**/.venv/**,**/venv/**,**/site-packages/**,**/dist-packages/**}';
const MAX_FILES = 20_000;
const MAX_BYTES = 2 * 1024 * 1024;

export class WorkspaceTemplates implements vscode.Disposable {
  private facts: TemplateFacts | null = null;
  private building = false;
  private disposed = false;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the facts are first ready and whenever a Python file or template path changes them. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  private readonly decoder = new TextDecoder('utf-8');

  /** The facts, or null while they are read (the first call starts reading and watching; onDidChange fires when they are ready). */
  get(): TemplateFacts | null {
    if (!this.facts && !this.building && !this.disposed && vscode.workspace.workspaceFolders?.length) {
      this.building = true;
      if (this.subscriptions.length === 1) this.watch();
      void this.build().finally(() => { this.building = false; });
    }
    return this.facts;
  }

  /** Watches Python files (saved, created, deleted) and template paths (created, deleted): started with the first template checked, not at activation. */
  private watch(): void {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{py,html,htm}', false, true, false);
    this.subscriptions.push(
      watcher,
      vscode.workspace.onDidSaveTextDocument(doc => {
        if (this.facts && isPython(doc.uri)) this.update(() => this.facts!.setPython(rel(doc.uri), doc.getText()));
      }),
      watcher.onDidCreate(uri => void this.created(uri)),
      watcher.onDidDelete(uri => {
        if (this.facts) this.update(() => this.facts!.remove(rel(uri)));
      }),
    );
  }

  /** The workspace-relative path the facts know a file by. */
  static pathOf(uri: vscode.Uri): string {
    return rel(uri);
  }

  private async build(): Promise<void> {
    const facts = new (detection().TemplateFacts)();
    try {
      const [python, templates] = await Promise.all([
        vscode.workspace.findFiles('**/*.py', EXCLUDE, MAX_FILES),
        vscode.workspace.findFiles('**/templates/**/*.{html,htm}', EXCLUDE, MAX_FILES),
      ]);
      const skip = await skippedFolders();
      for (const uri of templates) if (!skip(uri)) facts.addTemplate(rel(uri));
      for (const uri of python) {
        if (this.disposed) return;
        if (!skip(uri)) await this.read(facts, uri);
      }
    } catch {
      // A workspace that cannot be listed has no template findings; the Python insights are unaffected.
    }
    if (this.disposed) return;
    this.facts = facts;
    this.changed.fire();
  }

  private async read(facts: TemplateFacts, uri: vscode.Uri): Promise<void> {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.length > MAX_BYTES || bytes.subarray(0, 8192).includes(0)) return;
      facts.setPython(rel(uri), this.decoder.decode(bytes));
    } catch {
      // Unreadable: left out.
    }
  }

  private async created(uri: vscode.Uri): Promise<void> {
    if (!this.facts) return;
    if (isPython(uri)) await this.read(this.facts, uri);
    else if (/(?:^|\/)templates\//.test(rel(uri))) this.facts.addTemplate(rel(uri));
    else return;
    this.changed.fire();
  }

  private update(change: () => void): void {
    change();
    this.changed.fire();
  }

  dispose(): void {
    this.disposed = true;
    for (const s of this.subscriptions) s.dispose();
  }
}

function rel(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

function isPython(uri: vscode.Uri): boolean {
  return /\.pyw?$/.test(uri.path);
}

/** Files under a virtualenv (a folder with pyvenv.cfg) or a folder the study plan skips (build output, caches…) are not the project's. */
async function skippedFolders(): Promise<(uri: vscode.Uri) => boolean> {
  const venvs = (await vscode.workspace.findFiles('**/pyvenv.cfg', '**/node_modules/**', 100)).map(u => u.path.slice(0, u.path.lastIndexOf('/') + 1));
  const { folderSkipReason } = detection();
  return uri => venvs.some(v => uri.path.startsWith(v)) || rel(uri).split('/').slice(0, -1).some(name => !!folderSkipReason(name, {}));
}
