// Progress that is never lost, and stays cheap to save after years of reviews. Every window writes
// only its own small file, <global storage>/progress/w-<writer>.json (a "head": the reviews since its
// history file, plus that file's name, count and hash); the full history lives in h-<hash>.json files
// that are written once and never changed (src/core/progress/compact.ts). Reading merges every head
// with its history and the files of earlier versions (the review log is the truth and merging is a
// union), so two windows answering at once can never overwrite each other. Each save goes to a
// temporary file renamed into place, so nobody reads half a file. Every file carries a count and a
// hash of its content: damaged data, even data that still parses, is moved aside byte for byte and
// reported; the user keeps working with what could be recovered. Settings Sync gets a small mirror
// in globalState: the latest reviews (SYNC_BUDGET_CHARS), merged by id on the other machine.
import * as vscode from 'vscode';
import type { HistoryRef, Progress, ProgressProblem } from '../../core/progress';
import type { ReviewEvent, Rating, ReviewMode } from '../../core/schedule/types';
import { engine } from '../../lazyEngine';
import type { Log } from '../log';

export const PROGRESS_STATE_KEY = 'djangoCoach.progress';
/** The single file of earlier versions: still read, never written. */
const LEGACY_FILE = 'progress.json';
const FOLDER = 'progress';
/** Other writers' files older than this, whose reviews are all in ours, are removed on load (so are history files no head refers to). */
const COMPACT_AFTER_MS = 24 * 60 * 60 * 1000;

interface StoredFile {
  uri: vscode.Uri;
  mtime: number;
  /** The reviews the file holds itself (a head: those over its history), for compaction. */
  log: readonly ReviewEvent[];
  /** The history file a head refers to. */
  base?: string;
}

/** Progress and the history files all of whose reviews it holds. */
interface Merged {
  progress: Progress;
  folded: Set<string>;
}

export class ProgressStore implements vscode.Disposable {
  private progress: Progress | undefined;
  /** History files whose reviews are all in `progress`: a head over one of them only adds its own reviews. */
  private folded = new Set<string>();
  private loaded: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly writer = `w-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  /** The history file this window's head extends, and its reviews. */
  private base: { ref: HistoryRef; log: readonly ReviewEvent[] } | undefined;
  /** History files read so far, by name: they never change, so each is read once. */
  private readonly histories = new Map<string, { ref: HistoryRef; progress: Progress }>();
  /** History files found damaged or missing, with what was recovered: reported once, not at every refresh. */
  private readonly lostHistories = new Map<string, Progress>();
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

  /** Every stored progress file: the writers' heads and the legacy single file. */
  private async storedFiles(): Promise<{ uri: vscode.Uri; mtime: number }[]> {
    const files: { uri: vscode.Uri; mtime: number }[] = [];
    const legacy = vscode.Uri.joinPath(this.context.globalStorageUri, LEGACY_FILE);
    try {
      files.push({ uri: legacy, mtime: (await vscode.workspace.fs.stat(legacy)).mtime });
    } catch { /* none */ }
    for (const f of await this.listFolder(/^w-[\w-]+\.json$/)) files.push(f);
    return files;
  }

  private async listFolder(pattern: RegExp): Promise<{ uri: vscode.Uri; mtime: number }[]> {
    const files: { uri: vscode.Uri; mtime: number }[] = [];
    try {
      for (const [name, type] of await vscode.workspace.fs.readDirectory(this.folder)) {
        if (!(type & vscode.FileType.File) || !pattern.test(name)) continue;
        const uri = vscode.Uri.joinPath(this.folder, name);
        try {
          files.push({ uri, mtime: (await vscode.workspace.fs.stat(uri)).mtime });
        } catch { /* removed meanwhile */ }
      }
    } catch { /* no folder yet */ }
    return files;
  }

  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  }

  /**
   * The history a head refers to: read once (it never changes), checked against the head's reference.
   * A damaged history file is moved aside and what could be recovered from it is returned instead.
   */
  private async history(ref: HistoryRef): Promise<{ progress: Progress; healthy: boolean }> {
    const cached = this.histories.get(ref.file);
    if (cached && cached.ref.hash === ref.hash) return { progress: cached.progress, healthy: true };
    const lost = this.lostHistories.get(ref.file);
    if (lost) return { progress: lost, healthy: false };
    const result = await this.readHistory(ref);
    if (!result.healthy) this.lostHistories.set(ref.file, result.progress);
    return result;
  }

  private async readHistory(ref: HistoryRef): Promise<{ progress: Progress; healthy: boolean }> {
    const { readStored, emptyProgress } = engine();
    const uri = vscode.Uri.joinPath(this.folder, ref.file);
    const text = await this.readText(uri);
    if (text === undefined) {
      const message = `A progress history file (${ref.file}, ${ref.count} reviews) is missing; the reviews saved after it are kept, and those in other files too.`;
      this.log.info(`WARNING ${message}`);
      void vscode.window.showWarningMessage(`Django Interview Coach: ${message}`);
      return { progress: emptyProgress(), healthy: false };
    }
    const stored = readStored(text);
    if (stored.kind === 'history' && stored.ref.hash === ref.hash && stored.ref.count === ref.count) {
      this.histories.set(ref.file, { ref, progress: stored.progress });
      return { progress: stored.progress, healthy: true };
    }
    if (stored.kind === 'document' && stored.parsed.problem) {
      await this.keepAside(stored.parsed.problem, uri);
      return { progress: stored.parsed.progress, healthy: false };
    }
    await this.keepAside({ kind: 'corrupt', raw: text, message: `Progress history file ${ref.file} does not hold what its name says. The original was kept aside.` }, uri);
    return { progress: stored.kind === 'history' ? stored.progress : emptyProgress(), healthy: false };
  }

  /**
   * Reads every store (the heads, the legacy file, the Settings Sync mirror) into `start`; bad files
   * are moved aside. A head over a history already in the progress adds only its own reviews, in one
   * pass at the end (extendProgress), so reading what other windows wrote costs about their heads.
   */
  private async readMerged(start: Merged = { progress: engine().emptyProgress(), folded: new Set() }): Promise<Merged & { files: StoredFile[] }> {
    const { mergeProgress, extendProgress, readStored } = engine();
    let progress = start.progress;
    const folded = new Set(start.folded);
    const files: StoredFile[] = [];
    const pending: ReviewEvent[] = [];
    let pendingAt = progress.updatedAt;
    const sources: { text: string | object | undefined; file?: { uri: vscode.Uri; mtime: number } }[] = [];
    for (const file of await this.storedFiles()) {
      const text = await this.readText(file.uri);
      if (text !== undefined) sources.push({ text, file });
    }
    sources.push({ text: this.context.globalState.get<string | object>(PROGRESS_STATE_KEY) });
    for (const { text, file } of sources) {
      const stored = readStored(text);
      if (stored.kind === 'head') {
        let healthy = true;
        if (stored.base && !folded.has(stored.base.file)) {
          const base = await this.history(stored.base);
          healthy = base.healthy;
          progress = mergeProgress(progress, base.progress);
          if (healthy) folded.add(stored.base.file);
        }
        pending.push(...stored.events);
        if (stored.updatedAt > pendingAt) pendingAt = stored.updatedAt;
        if (file && healthy) files.push({ ...file, log: stored.events, base: stored.base?.file });
        continue;
      }
      const parsed = stored.kind === 'history' ? { progress: stored.progress, problem: undefined } : stored.parsed;
      if (parsed.problem) await this.keepAside(parsed.problem, file?.uri);
      progress = mergeProgress(progress, parsed.progress);
      if (file && !parsed.problem) files.push({ ...file, log: parsed.progress.log });
    }
    return { progress: extendProgress(progress, pending, pendingAt), folded, files };
  }

  private async load(): Promise<void> {
    const { progress, folded, files } = await this.readMerged();
    this.progress = progress;
    this.folded = folded;
    this.adoptBase();
    this.log.info(`progress loaded: ${progress.log.length} reviews of ${Object.keys(progress.cards).length} questions from ${files.length} file(s)`);
    this.changed.fire();
    if (files.length > 1 || files.some(f => !f.uri.path.includes(`/${FOLDER}/`))) await this.compact(files);
  }

  /** Takes the largest history read so far as this window's base, so its first save needs no new one. */
  private adoptBase(): void {
    for (const h of this.histories.values()) if (!this.base || h.ref.count > this.base.ref.count) this.base = { ref: h.ref, log: h.progress.log };
  }

  /** Folds old writers' files into ours once everything they hold is saved in ours; removes history files no head needs. */
  private async compact(files: StoredFile[]): Promise<void> {
    const now = Date.now();
    const old = files.filter(f => now - f.mtime > COMPACT_AFTER_MS);
    if (!old.length) return;
    await this.save();
    const mine = new Set(this.progress!.log.map(e => e.id));
    const removed = new Set<string>();
    for (const f of old) {
      if ((f.base && !this.folded.has(f.base)) || !f.log.every(e => mine.has(e.id))) continue;
      try {
        await vscode.workspace.fs.delete(f.uri);
        removed.add(f.uri.toString());
      } catch { /* another window compacted it */ }
    }
    const needed = new Set(files.filter(f => !removed.has(f.uri.toString()) && f.base).map(f => f.base!));
    if (this.base) needed.add(this.base.ref.file);
    for (const h of await this.listFolder(/^h-[0-9a-f]{16}\.json$/)) {
      const name = h.uri.path.slice(h.uri.path.lastIndexOf('/') + 1);
      if (needed.has(name) || now - h.mtime <= COMPACT_AFTER_MS) continue;
      try {
        await vscode.workspace.fs.delete(h.uri);
      } catch { /* another window removed it */ }
    }
  }

  /** Re-reads the stores and merges what other windows (or Settings Sync) added. */
  async refresh(): Promise<void> {
    await this.get();
    const start = { progress: this.progress!, folded: this.folded };
    const read = await this.readMerged(start);
    const before = this.progress!.log.length;
    // An answer recorded while reading is in this.progress, not in what was read: merge both then.
    this.progress = this.progress === start.progress ? read.progress : engine().mergeProgress(this.progress!, read.progress);
    this.folded = read.folded;
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

  /**
   * Writes this window's head (temporary file renamed into place) and the Settings Sync mirror. When
   * the head would hold more than RECENT_LIMIT reviews, everything is first written to a new history
   * file and the head starts again from it.
   */
  save(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const { recentEvents, RECENT_LIMIT, serializeHead, serializeHistory, serializeSyncHead } = engine();
      const progress = await this.get();
      let recent = this.base ? recentEvents(progress, this.base.log) : progress.log;
      if (!recent || recent.length > RECENT_LIMIT) {
        const { ref, text } = serializeHistory(progress);
        if (!this.histories.has(ref.file)) await this.writeAtomically(vscode.Uri.joinPath(this.folder, ref.file), text);
        // The older histories are all in this one: keep only it in memory (a head over one of them reads it again).
        this.histories.clear();
        this.histories.set(ref.file, { ref, progress });
        this.base = { ref, log: progress.log };
        this.folded.add(ref.file);
        recent = [];
      }
      await this.writeAtomically(this.ownFile, serializeHead(this.base?.ref ?? null, recent, progress.updatedAt));
      await this.context.globalState.update(PROGRESS_STATE_KEY, serializeSyncHead(progress));
    }).catch(e => {
      this.log.info(`ERROR progress could not be saved: ${(e as Error).message}`);
      void vscode.window.showErrorMessage(`Django Interview Coach: your progress could not be saved (${(e as Error).message}). It is kept in memory; the next answer tries again.`);
    });
    return this.writing;
  }

  private async writeAtomically(uri: vscode.Uri, text: string): Promise<void> {
    const temp = uri.with({ path: `${uri.path}.${this.writer}.tmp` });
    await vscode.workspace.fs.createDirectory(this.folder);
    await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
    await vscode.workspace.fs.rename(temp, uri, { overwrite: true });
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
