// Node-only: walks a project folder for `scan` (command line, bench). The editor reuses the pure
// StudyPlanBuilder with its own file reading instead of this module.
import fs from 'node:fs';
import path from 'node:path';
import type { Library } from '../library';
import {
  DEFAULT_MAX_FILE_BYTES, folderSkipReason, isScannableFile, StudyPlanBuilder, type ScanOptions, type StudyPlan,
} from './scan';

export interface DecodedSource {
  text: string;
  /** Set when the bytes were not plain UTF-8 and a fallback was used. */
  note?: string;
  /** Set when the file looks binary (NUL bytes); `text` is then empty. */
  binary?: boolean;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Source bytes to text as the editor would show them: UTF-8 (BOM dropped), else Latin-1; binary files refused. */
export function decodeSource(bytes: Uint8Array): DecodedSource {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { text: '', binary: true };
  try {
    return { text: UTF8.decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), note: 'not valid UTF-8; read as Latin-1' };
  }
}

/** Reads a source file for `detect`/`hover`. Throws with a readable message when it cannot. */
export function readSourceFile(file: string): DecodedSource {
  return decodeSource(fs.readFileSync(file));
}

export interface DirectoryScanOptions extends ScanOptions {
  onProgress?: (filesDone: number, file: string) => void;
}

/** What a walk over a project folder reports, file by file (paths relative to the root, `/`-separated). */
export interface SourceVisitor {
  file(name: string, text: string): void;
  skipped(name: string, reason: string): void;
  error(name: string, message: string): void;
}

/**
 * Walks `root` (not following symbolic links) in name order, handing every scannable file's text
 * to `visitor`; skipped folders (virtualenvs, node_modules, migrations with `noMigrations`…) and
 * oversized files are reported, not read. A bad file or folder never stops the walk.
 */
export function walkSourceFiles(root: string, visitor: SourceVisitor, options: DirectoryScanOptions = {}): void {
  const stat = fs.statSync(root);
  if (!stat.isDirectory()) throw new Error(`${root} is not a folder`);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/') || '.';
  const stack: string[] = [root];
  let done = 0;
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      visitor.error(rel(dir), `folder could not be read: ${(e as Error).message}`);
      continue;
    }
    if (dir !== root) {
      const reason = folderSkipReason(path.basename(dir), options, entries.some(e => e.name === 'pyvenv.cfg' && e.isFile()));
      if (reason) {
        visitor.skipped(rel(dir), reason);
        continue;
      }
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0)); // reversed: the stack pops in name order
    const files: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.isFile() && isScannableFile(entry.name)) files.push(full);
    }
    for (const file of files.reverse()) {
      const name = rel(file);
      try {
        const size = fs.statSync(file).size;
        if (size > maxBytes) {
          visitor.skipped(name, `larger than ${(maxBytes / 1024 / 1024).toFixed(0)} MB`);
          continue;
        }
        const source = decodeSource(fs.readFileSync(file));
        if (source.binary) {
          visitor.error(name, 'binary file, skipped');
          continue;
        }
        if (source.note) visitor.error(name, source.note);
        visitor.file(name, source.text);
      } catch (e) {
        visitor.error(name, `could not be read: ${(e as Error).message}`);
      }
      options.onProgress?.(++done, name);
    }
  }
}

/** Walks `root` (not following symbolic links) and builds the study plan. A bad file or folder never stops the walk. */
export function scanDirectory(root: string, library: Library | null, options: DirectoryScanOptions = {}): StudyPlan {
  const builder = new StudyPlanBuilder(root);
  walkSourceFiles(root, {
    file: (name, text) => builder.addFile(name, text),
    skipped: (name, reason) => builder.addSkipped(name, reason),
    error: (name, message) => builder.addError(name, message),
  }, options);
  return builder.build(library);
}
