// Owns the loaded guide library: the prebuilt bundled index (read lazily, no Markdown parsing) plus the
// user's own guide folders (parsed with the core parser, watched). Everything reads through vscode.Uri
// and workspace.fs so it works on the desktop, remotely and in the browser.
import * as vscode from 'vscode';
import { Library } from '../../core/library';
import type { GuideFile } from '../../core/parse/buildIndex';
import type { Searcher } from '../../core/search';
import { detection } from '../../lazyDetect';
import { engine } from '../../lazyEngine';
import type { Entry, GuideError, GuideIndex, GuideReport } from '../../core/types';
import { EXTENSION_SECTION, Setting } from '../../constants';
import type { Log } from '../log';

const GUIDE_GLOB = '**/*.{md,markdown,txt}';
const USER_PREFIX = 'user:';

export class LibraryService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the library was (re)loaded. */
  readonly onDidChange = this.changed.event;
  private loading: Promise<Library> | undefined;
  private library: Library | undefined;
  private searcher: Searcher | undefined;
  /** Guide file key (as in Entry.source.file) → the folder it was read from. */
  private readonly roots = new Map<string, vscode.Uri>();
  private watchers: vscode.Disposable[] = [];
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Guide files skipped at the last load, with why. */
  errors: readonly GuideError[] = [];
  /** What each of the user's guide files gave at the last load: questions, answers, problem or hint. */
  reports: readonly GuideReport[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: Log) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration(`${EXTENSION_SECTION}.${Setting.guideFolders}`) || e.affectsConfiguration(`${EXTENSION_SECTION}.${Setting.includeBundledGuides}`)) this.reload();
      }),
    );
  }

  /** The library, loading it on first use. */
  get(): Promise<Library> {
    if (this.library) return Promise.resolve(this.library);
    return (this.loading ??= this.load().then(lib => {
      this.library = lib;
      this.searcher = undefined;
      this.loading = undefined;
      this.changed.fire();
      return lib;
    }));
  }

  /** Already-loaded library, without triggering a load (for synchronous paths such as tree badges). */
  peek(): Library | undefined {
    return this.library;
  }

  async search(query: string, limit = 50) {
    const library = await this.get();
    this.searcher ??= new (engine().Searcher)(library);
    return this.searcher.search(query, limit);
  }

  reload(): void {
    this.library = undefined;
    this.loading = undefined;
    void this.get();
  }

  /** Where an entry's guide file lives, to open it at its line. */
  sourceUri(entry: Entry): vscode.Uri {
    const file = entry.source.file;
    for (const [key, root] of this.roots) {
      if (file === key || file.startsWith(`${key}/`)) return vscode.Uri.joinPath(root, file.slice(key.length + 1) || file);
    }
    return vscode.Uri.joinPath(this.extensionUri, 'content', file);
  }

  private async load(): Promise<Library> {
    const t0 = Date.now();
    const config = vscode.workspace.getConfiguration(EXTENSION_SECTION);
    const indexes: GuideIndex[] = [];
    if (config.get<boolean>(Setting.includeBundledGuides, true)) {
      try {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'dist', 'index.json'));
        indexes.push(detection().parseIndexJson(new TextDecoder().decode(bytes)));
      } catch (e) {
        this.log.info(`ERROR the bundled guide index could not be read: ${(e as Error).message}`);
      }
    }
    const user = await this.loadUserGuides(config.get<string[]>(Setting.guideFolders, []));
    if (user) indexes.push(user);
    this.reports = user?.reports ?? [];
    for (const r of this.reports) {
      if (r.problem) continue;
      this.log.info(`guide ${r.file}: ${r.questions} question${r.questions === 1 ? '' : 's'}, ${r.answered} with an answer`);
      if (r.hint) this.log.info(`HINT guide ${r.file}: ${r.hint}`);
    }
    const library = Library.fromIndexes(indexes);
    const errors: GuideError[] = indexes.flatMap(i => i.errors);
    this.errors = errors;
    for (const e of errors) this.log.info(`WARNING guide skipped: ${e.file}: ${e.message}`);
    this.log.info(`library loaded in ${Date.now() - t0} ms: ${library.entries.length} questions (${library.canonical().length} after folding near-duplicates) from ${indexes.reduce((n, i) => n + i.guides.length, 0)} guides${errors.length ? `, ${errors.length} files skipped` : ''}`);
    return library;
  }

  /** Parses the user's guide folders at run time with the same parser; a bad file is skipped and named. */
  private async loadUserGuides(folders: string[]): Promise<GuideIndex | undefined> {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    this.roots.clear();
    if (!Array.isArray(folders) || folders.length === 0) return undefined;
    const files: GuideFile[] = [];
    const errors: GuideError[] = [];
    for (const [n, folder] of folders.entries()) {
      if (typeof folder !== 'string' || !folder.trim()) continue;
      const root = this.resolveFolder(folder.trim());
      if (!root) {
        errors.push({ file: folder, message: 'a relative guide folder needs an open workspace folder' });
        continue;
      }
      const key = `${USER_PREFIX}${n}-${root.path.split('/').filter(Boolean).pop() ?? 'guides'}`;
      this.roots.set(key, root);
      try {
        for (const uri of await this.listGuides(root)) {
          const rel = uri.path.slice(root.path.replace(/\/$/, '').length + 1);
          try {
            files.push({ file: `${key}/${rel}`, bytes: await vscode.workspace.fs.readFile(uri) });
          } catch (e) {
            errors.push({ file: `${key}/${rel}`, message: `could not be read: ${(e as Error).message}` });
          }
        }
      } catch (e) {
        errors.push({ file: folder, message: `the folder could not be read: ${(e as Error).message}` });
        continue;
      }
      this.watch(root);
    }
    const index = engine().buildIndex(files);
    index.errors.unshift(...errors);
    return index;
  }

  private resolveFolder(folder: string): vscode.Uri | undefined {
    if (/^[a-z][a-z0-9+.-]+:\/\//i.test(folder)) return vscode.Uri.parse(folder);
    if (folder.startsWith('/') || /^[A-Za-z]:[\\/]/.test(folder)) return vscode.Uri.file(folder);
    const base = vscode.workspace.workspaceFolders?.[0]?.uri;
    return base ? vscode.Uri.joinPath(base, folder) : undefined;
  }

  private async listGuides(root: vscode.Uri, depth = 0): Promise<vscode.Uri[]> {
    const out: vscode.Uri[] = [];
    for (const [name, type] of await vscode.workspace.fs.readDirectory(root)) {
      const uri = vscode.Uri.joinPath(root, name);
      if (type & vscode.FileType.Directory) {
        if (depth < 8 && !name.startsWith('.') && name !== 'node_modules') out.push(...(await this.listGuides(uri, depth + 1)));
      } else if (/\.(md|markdown|txt)$/i.test(name)) out.push(uri);
    }
    return out.sort((a, b) => a.path.localeCompare(b.path));
  }

  private watch(root: vscode.Uri): void {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, GUIDE_GLOB));
    const schedule = () => {
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => this.reload(), 300);
    };
    this.watchers.push(watcher, watcher.onDidChange(schedule), watcher.onDidCreate(schedule), watcher.onDidDelete(schedule));
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    for (const d of [...this.watchers, ...this.subscriptions, this.changed]) d.dispose();
  }
}
