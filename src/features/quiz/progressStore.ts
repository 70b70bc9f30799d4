// Progress that is never lost: saved after every answer to a JSON file in the extension's global storage
// (read-merge-write, so two windows answering at once keep each other's reviews) and mirrored in
// globalState registered for Settings Sync. Damaged or newer-version data is kept aside in a backup
// file and reported; the user keeps working with everything that could be recovered.
import * as vscode from 'vscode';
import { applyReview, emptyProgress, exportProgress, importProgress, makeEvent, mergeProgress, parseProgress, prepareWrite, serializeProgress, type Progress, type ProgressProblem } from '../../core/progress';
import type { ReviewEvent, Rating, ReviewMode } from '../../core/schedule/types';
import type { Log } from '../log';

export const PROGRESS_STATE_KEY = 'djangoCoach.progress';
const FILE = 'progress.json';

export class ProgressStore implements vscode.Disposable {
  private progress: Progress = emptyProgress();
  private loaded: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: Log) {
    context.globalState.setKeysForSync([PROGRESS_STATE_KEY]);
    // Another window may have saved reviews: merge them in when this window gets the focus back.
    this.subscriptions.push(vscode.window.onDidChangeWindowState(s => { if (s.focused && this.loaded) void this.refresh(); }));
  }

  private get fileUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.context.globalStorageUri, FILE);
  }

  async get(): Promise<Progress> {
    await (this.loaded ??= this.load());
    return this.progress;
  }

  /** The last loaded progress without waiting (for synchronous badges). */
  peek(): Progress {
    return this.progress;
  }

  private async readFile(): Promise<string | undefined> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(this.fileUri));
    } catch {
      return undefined;
    }
  }

  private async load(): Promise<void> {
    const fileText = await this.readFile();
    const fromFile = parseProgress(fileText);
    const fromSync = parseProgress(this.context.globalState.get<string | object>(PROGRESS_STATE_KEY));
    for (const problem of [fromFile.problem, fromSync.problem]) if (problem) await this.keepAside(problem);
    this.progress = mergeProgress(fromFile.progress, fromSync.progress);
    this.log.info(`progress loaded: ${this.progress.log.length} reviews of ${Object.keys(this.progress.cards).length} questions`);
    this.changed.fire();
  }

  /** Re-reads the stores and merges what other windows (or Settings Sync) added. */
  async refresh(): Promise<void> {
    await this.get();
    const before = this.progress.log.length;
    const fromFile = parseProgress(await this.readFile());
    const fromSync = parseProgress(this.context.globalState.get<string | object>(PROGRESS_STATE_KEY));
    this.progress = mergeProgress(mergeProgress(this.progress, fromFile.progress), fromSync.progress);
    if (this.progress.log.length !== before) this.changed.fire();
  }

  /** Records one review and saves it right away. */
  async record(event: ReviewEvent): Promise<void> {
    await this.get();
    this.progress = applyReview(this.progress, event);
    this.changed.fire();
    await this.save();
  }

  async markKnown(questionId: string, rating: Rating = 4, mode: ReviewMode = 'mark-known'): Promise<void> {
    await this.record(makeEvent(questionId, rating, mode, Date.now()));
  }

  /**
   * Read-merge-write, one write at a time in this window. Another window may write between our read
   * and our write, so the write is read back: if any of our reviews is missing, merge again and
   * rewrite (each round only adds), until the file holds everything this window knows.
   */
  save(): Promise<void> {
    this.writing = this.writing.then(async () => {
      for (let round = 0; round < 8; round++) {
        const stored = await this.readFile();
        const merged = prepareWrite(stored, this.progress);
        if (merged.problem) await this.keepAside(merged.problem);
        this.progress = merged.progress;
        const text = serializeProgress(this.progress);
        await vscode.workspace.fs.createDirectory(this.context.globalStorageUri);
        await vscode.workspace.fs.writeFile(this.fileUri, new TextEncoder().encode(text));
        await this.context.globalState.update(PROGRESS_STATE_KEY, text);
        if (merged.addedFromStore) this.changed.fire();
        const readBack = parseProgress(await this.readFile()).progress;
        const kept = new Set(readBack.log.map(e => e.id));
        if (this.progress.log.every(e => kept.has(e.id))) return;
        await new Promise(resolve => setTimeout(resolve, 5 + Math.random() * 20));
      }
      this.log.info('WARNING progress: another window kept writing at the same time; this window\'s reviews stay in memory and are saved with the next answer');
    }).catch(e => {
      this.log.info(`ERROR progress could not be saved: ${(e as Error).message}`);
      void vscode.window.showErrorMessage(`Django Interview Coach: your progress could not be saved (${(e as Error).message}). It is kept in memory; the next answer tries again.`);
    });
    return this.writing;
  }

  private async keepAside(problem: ProgressProblem): Promise<void> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const backup = vscode.Uri.joinPath(this.context.globalStorageUri, `progress-${problem.kind}-${stamp}.json`);
    try {
      await vscode.workspace.fs.createDirectory(this.context.globalStorageUri);
      await vscode.workspace.fs.writeFile(backup, new TextEncoder().encode(problem.raw));
    } catch (e) {
      this.log.info(`ERROR could not write the progress backup ${backup.toString()}: ${(e as Error).message}`);
    }
    this.log.info(`WARNING ${problem.message} The data as found is kept in ${backup.toString()}`);
    void vscode.window.showWarningMessage(`Django Interview Coach: ${problem.message} The data as found was kept aside; nothing was deleted.`, 'Open Backup').then(choice => {
      if (choice) void vscode.window.showTextDocument(backup);
    });
  }

  async exportTo(uri: vscode.Uri): Promise<void> {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(exportProgress(await this.get())));
  }

  /** Validates and merges an exported file. Returns a message for the user. */
  async importFrom(uri: vscode.Uri): Promise<{ ok: boolean; message: string }> {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri));
    } catch (e) {
      return { ok: false, message: `The file could not be read as UTF-8 text: ${(e as Error).message}` };
    }
    const outcome = importProgress(await this.get(), text);
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
