// Storage-agnostic persistence protocol for the VS Code layer:
//   load:   parseProgress(storedText)  → progress (+ problem with the raw text to back up)
//   answer: applyReview(progress, event) → new progress; then
//   write:  prepareWrite(storedTextNow, progress) → merged progress; write serializeProgress(merged)
// so that two windows writing the same store never lose each other's reviews.
import type { DayOptions } from '../schedule/days';
import { dedupeEvents, emptyProgress, type Progress, progressFromLog } from './model';
import type { ReviewEvent } from '../schedule/types';
import { mergeWithStats } from './merge';
import { checkDocument, LIMITS, migrate, progressFromChecked, salvageEvents, schemaOf, validateImport } from './validate';

export type ProblemKind = 'corrupt' | 'future-version' | 'old-version';

export interface ProgressProblem {
  kind: ProblemKind;
  /** One or two sentences for the user. */
  message: string;
  /** The stored text exactly as read: write it to a backup file before saving over it. */
  raw: string;
}

export interface ParsedProgress {
  progress: Progress;
  problem?: ProgressProblem;
}

/**
 * Reads stored progress. Never throws, never silently drops data: damaged or newer-version data
 * comes back as `problem` with the raw text (for a backup) and a progress built from every review
 * that could be recovered, so the user keeps working. Older versions are migrated (and reported,
 * with the raw text, so the original can be kept aside too). Empty/undefined text is a fresh start.
 */
export function parseProgress(stored: string | object | undefined | null, day?: DayOptions): ParsedProgress {
  if (stored === undefined || stored === null || (typeof stored === 'string' && stored.trim() === '')) return { progress: emptyProgress() };
  if (typeof stored === 'string' && lastParse && lastParse.text === stored) return lastParse.result;
  let raw: string;
  let doc: unknown;
  if (typeof stored === 'string') {
    raw = stored;
    try {
      doc = JSON.parse(stored);
    } catch (error) {
      return corrupt(raw, salvageEvents(stored), `Progress data is damaged (${errorText(error)}).`, day);
    }
  } else {
    // An already-parsed value (e.g. from VS Code's globalState).
    doc = stored;
    try {
      raw = JSON.stringify(stored) ?? String(stored);
    } catch {
      raw = String(stored);
    }
  }
  const result = parseDocument(doc, raw, day);
  if (!result.problem && typeof stored === 'string') lastParse = { text: stored, result };
  return result;
}

/**
 * The last text parsed or written: the read-merge-write before each save usually reads back exactly
 * what this window wrote, and re-validating a large log every answer would be wasted work. Results
 * are shared, so treat progress documents as immutable (every function here returns new ones).
 */
let lastParse: { text: string; result: ParsedProgress } | undefined;

function parseDocument(doc: unknown, raw: string, day?: DayOptions): ParsedProgress {
  try {
    const schema = schemaOf(doc);
    if (typeof schema === 'number' && schema > 1) {
      const recovered = progressFromLog(salvageEvents(doc), undefined, day);
      return {
        progress: recovered,
        problem: {
          kind: 'future-version',
          raw,
          message: `Progress data was written by a newer version of the extension (schema ${schema}). It was kept aside unchanged; ${recovered.log.length} review(s) it shares with this version are in use.`,
        },
      };
    }
    if (schema === 1) {
      const checked = checkDocument(doc);
      if (!checked.errors.length) return { progress: progressFromChecked(checked, day) };
      return corrupt(raw, salvageEvents(doc), `Progress data is damaged (${checked.errors[0]}${checked.errors.length > 1 ? ` and ${checked.errors.length - 1} more problem(s)` : ''}).`, day);
    }
    const migrated = migrate(doc);
    if (migrated.kind === 'ok') {
      const result = validateImport(migrated.doc, day);
      if (result.ok) {
        const warnings = [...migrated.warnings, ...result.warnings];
        const notes = warnings.length ? ` ${warnings.join(' ')}` : '';
        return {
          progress: result.progress,
          problem: {
            kind: 'old-version',
            raw,
            message: `Progress data from an older version (schema ${migrated.from}) was upgraded: ${result.progress.log.length} review(s) kept.${notes} The original was kept aside.`,
          },
        };
      }
      return corrupt(raw, [], `Progress data from an older version could not be upgraded (${result.errors[0]}).`);
    }
    return corrupt(raw, salvageEvents(doc), `Progress data is damaged (${migrated.message})`, day);
  } catch (error) {
    return corrupt(raw, [], `Progress data could not be read (${errorText(error)}).`);
  }
}

/** A damaged-data result; the recovered reviews are folded into progress only when it is first asked for. */
function corrupt(raw: string, salvaged: ReviewEvent[], what: string, day?: DayOptions): ParsedProgress {
  const events = dedupeEvents(salvaged);
  const kept = events.length ? `${events.length} review(s) were recovered` : 'no reviews could be recovered';
  let recovered: Progress | undefined;
  return { get progress() { return (recovered ??= progressFromLog(events, undefined, day)); }, problem: { kind: 'corrupt', raw, message: `${what} The original was kept aside; ${kept}.` } };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Compact JSON for storage. Remembers the pair, so reading the same text back costs nothing. */
export function serializeProgress(progress: Progress): string {
  const text = JSON.stringify(progress);
  lastParse = { text, result: { progress } };
  return text;
}

/** Pretty JSON for "Export progress". */
export function exportProgress(progress: Progress): string {
  return `${JSON.stringify(progress, null, 2)}\n`;
}

/**
 * Read-merge-write: call with the store's current text right before writing `local`. Returns what
 * to write (the union of both). When the stored text had a problem it is returned as well: back up
 * `problem.raw` before writing.
 */
export function prepareWrite(storedText: string | object | undefined | null, local: Progress, day?: DayOptions): ParsedProgress & { addedFromStore: number } {
  const stored = parseProgress(storedText, day);
  const { progress, stats } = mergeWithStats(local, stored.progress, day);
  return { progress, problem: stored.problem, addedFromStore: stats.addedFromB };
}

export type ImportOutcome =
  | { ok: true; progress: Progress; added: number; total: number; warnings: string[] }
  | { ok: false; errors: string[] };

/** "Import progress": validates the file text strictly, then merges it into `local` (nothing local is lost). */
export function importProgress(local: Progress, text: string, day?: DayOptions): ImportOutcome {
  if (typeof text !== 'string') return { ok: false, errors: ['The import is not text.'] };
  if (text.length > LIMITS.maxImportChars) return { ok: false, errors: [`The file is ${(text.length / 1048576).toFixed(1)} MB; progress files over ${LIMITS.maxImportChars / 1048576} MB are not accepted.`] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`The file is not valid JSON (${errorText(error)}).`] };
  }
  const result = validateImport(json, day);
  if (!result.ok) return result;
  const { progress, stats } = mergeWithStats(local, result.progress, day);
  return { ok: true, progress, added: stats.addedFromB, total: result.progress.log.length, warnings: result.warnings };
}
