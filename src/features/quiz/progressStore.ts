// Progress that is never lost. Every window writes only its own file, <global storage>/progress/<writer>.json,
// holding everything that window knows; reading merges all of them (the review log is the truth and
// merging is a union), so two windows answering at once can never overwrite each other. Each save
// goes to a temporary file renamed into place, so nobody reads half a file. The merged progress is
// mirrored in globalState, registered for Settings Sync. Damaged or newer-version data is moved aside
// to a backup file, byte for byte, and reported; the user keeps working with what could be recovered.
import * as vscode from 'vscode';
import type { Progress, ProgressProblem } from '../../core/progress';
import type { ReviewEvent, Rating, ReviewMode } from '../../core/schedule/types';
import { engine } from '../../lazyEngine';
import type { Log } from '../log';

export const PROGRESS_STATE_KEY = 'djangoCoach.progress';
/** The single file of earlier versions: still read, never written. */
const LEGACY_FILE = 'progress.json';
const FOLDER = 'progress';
/** Other writers' files older than this, whose reviews are all in ours, are removed on load. */
const COMPACT_AFTER_MS = 24 * 60 * 60 * 1000;

export class ProgressStore implements vscode.Disposable {
  private progress: Progress | undefined;
  private loaded: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly writer = `w-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: Log) {
    context.globalState.setKeysForSync([PROGRESS_STATE_KEY]);
    // Another window may have saved reviews: merge them in when this window gets the focus back.
    this.subscriptions.push(vscode.window.onDidChangeWindowState(s => { if (s.focused && this.loaded) void this.refresh(); }));
  }

  private get folder(): vscode.Uri {
    return vscode.Uri.joinPath(this.context.globalStorageUri, FOLDER);
  }

  /** This window's own file. */
  get ownFile(): vscode.Uri {
    return vscode.Uri.joinPath(this.folder, `${this.writer}.json`);
  }

  async get(): Promise<Progress> {
    await (this.loaded ??= this.load());
    return this.progress!;
  }

  /** The loaded progress without waiting, if it is loaded (for synchronous badges). */
  peek(): Progress | undefined {
    return this.progress;
  }

  /** Every stored progress file: the writers' files and the legacy single file. */
  private async storedFiles(): Promise<{ uri: vscode.Uri; mtime: number }[]> {
    const files: { uri: vscode.Uri; mtime: number }[] = [];
    const legacy = vscode.Uri.joinPath(this.context.globalStorageUri, LEGACY_FILE);
    try {
      files.push({ uri: legacy, mtime: (await vscode.workspace.fs.stat(legacy)).mtime });
    } catch { /* none */ }
    try {
      for (const [name, type] of await vscode.workspace.fs.readDirectory(this.folder)) {
        if (!(type & vscode.FileType.File) || !/^w-[\w-]+\.json$/.test(name)) continue;
        const uri = vscode.Uri.joinPath(this.folder, name);
        try {
          files.push({ uri, mtime: (await vscode.workspace.fs.stat(uri)).mtime });
        } catch { /* removed meanwhile */ }
      }
    } catch { /* no folder yet */ }
    return files;
  }

  /** Reads and merges every store; bad files are moved aside. */
  private async readMerged(): Promise<{ progress: Progress; files: { uri: vscode.Uri; mtime: number; ids: Set<string> }[] }> {
    const { parseProgress, mergeProgress, emptyProgress } = engine();
    let progress = emptyProgress();
    const files: { uri: vscode.Uri; mtime: number; ids: Set<string> }[] = [];
    for (const file of await this.storedFiles()) {
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file.uri));
      } catch {
        continue;
      }
      const parsed = parseProgress(text);
      if (parsed.problem) await this.keepAside(parsed.problem, file.uri);
      progress = mergeProgress(progress, parsed.progress);
      if (!parsed.problem) files.push({ ...file, ids: new Set(parsed.progress.log.map(e => e.id)) });
    }
    const synced = parseProgress(this.context.globalState.get<string | object>(PROGRESS_STATE_KEY));
    if (synced.problem) await this.keepAside(synced.problem);
    return { progress: mergeProgress(progress, synced.progress), files };
  }

  private async load(): Promise<void> {
    const { progress, files } = await this.readMerged();
    this.progress = progress;
    this.log.info(`progress loaded: ${progress.log.length} reviews of ${Object.keys(progress.cards).length} questions from ${files.length} file(s)`);
    this.changed.fire();
    if (files.length > 1 || files.some(f => !f.uri.path.includes(`/${FOLDER}/`))) await this.compact(files);
  }

  /** Folds old writers' files into ours once everything they hold is saved in ours. */
  private async compact(files: { uri: vscode.Uri; mtime: number; ids: Set<string> }[]): Promise<void> {
    const now = Date.now();
    const old = files.filter(f => now - f.mtime > COMPACT_AFTER_MS);
    if (!old.length) return;
    await this.save();
    const mine = new Set(this.progress!.log.map(e => e.id));
    for (const f of old) {
      if (![...f.ids].every(id => mine.has(id))) continue;
      try {
        await vscode.workspace.fs.delete(f.uri);
      } catch { /* another window compacted it */ }
    }
  }

  /** Re-reads the stores and merges what other windows (or Settings Sync) added. */
  async refresh(): Promise<void> {
    await this.get();
    const { progress } = await this.readMerged();
    const before = this.progress!.log.length;
    this.progress = engine().mergeProgress(this.progress!, progress);
    if (this.progress.log.length !== before) this.changed.fire();
  }

  /** Records one review and saves it right away. */
  async record(event: ReviewEvent): Promise<void> {
    await this.get();
    // Synchronous from here: concurrent answers each apply to the latest progress, none is dropped.
    this.progress = engine().applyReview(this.progress!, event);
    this.changed.fire();
    await this.save();
  }

  async markKnown(questionId: string, rating: Rating = 4, mode: ReviewMode = 'mark-known'): Promise<void> {
    await this.record(engine().makeEvent(questionId, rating, mode, Date.now()));
  }

  /** Writes this window's file (temporary file renamed into place) and the Settings Sync mirror. */
  save(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const text = engine().serializeProgress(await this.get());
      const temp = vscode.Uri.joinPath(this.folder, `${this.writer}.json.tmp`);
      await vscode.workspace.fs.createDirectory(this.folder);
      await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
      await vscode.workspace.fs.rename(temp, this.ownFile, { overwrite: true });
      await this.context.globalState.update(PROGRESS_STATE_KEY, text);
    }).catch(e => {
      this.log.info(`ERROR progress could not be saved: ${(e as Error).message}`);
      void vscode.window.showErrorMessage(`Django Interview Coach: your progress could not be saved (${(e as Error).message}). It is kept in memory; the next answer tries again.`);
    });
    return this.writing;
  }

  /** Keeps damaged or newer-version data aside, byte for byte: the file itself is moved to a backup name. */
  private async keepAside(problem: ProgressProblem, source?: vscode.Uri): Promise<void> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const backup = vscode.Uri.joinPath(this.context.globalStorageUri, `progress-${problem.kind}-${stamp}-${Math.random().toString(36).slice(2, 6)}.json`);
    try {
      if (source) await vscode.workspace.fs.rename(source, backup, { overwrite: false });
      else await vscode.workspace.fs.writeFile(backup, new TextEncoder().encode(problem.raw));
    } catch (e) {
      this.log.info(`ERROR could not keep the progress data aside in ${backup.toString()}: ${(e as Error).message}`);
      return;
    }
    this.log.info(`WARNING ${problem.message} The data as found is kept in ${backup.toString()}`);
    void vscode.window.showWarningMessage(`Django Interview Coach: ${problem.message} The data as found was kept aside; nothing was deleted.`, 'Open Backup').then(choice => {
      if (choice) void vscode.window.showTextDocument(backup);
    });
  }

  async exportTo(uri: vscode.Uri): Promise<void> {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(engine().exportProgress(await this.get())));
  }

  /** Validates and merges an exported file. Returns a message for the user. */
  async importFrom(uri: vscode.Uri): Promise<{ ok: boolean; message: string }> {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri));
    } catch (e) {
      return { ok: false, message: `The file could not be read as UTF-8 text: ${(e as Error).message}` };
    }
    const outcome = engine().importProgress(await this.get(), text);
    if (!outcome.ok) {
      for (const e of outcome.errors) this.log.info(`WARNING import: ${e}`);
      return { ok: false, message: `Nothing was imported: ${outcome.errors.slice(0, 3).join(' ')}${outcome.errors.length > 3 ? ` (and ${outcome.errors.length - 3} more in the output channel)` : ''}` };
    }
    this.progress = outcome.progress;
    this.changed.fire();
    await this.save();
    for (const w of outcome.warnings) this.log.info(`import: ${w}`);
    return { ok: true, message: `Imported ${outcome.added} new review${outcome.added === 1 ? '' : 's'} (${outcome.total} in the file; the rest were already here).` };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
