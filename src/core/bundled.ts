// Node-only helpers for the command line and tools: the bundled index in dist/, guide folders on disk.
import fs from 'node:fs';
import path from 'node:path';
import { Library } from './library';
import { parseIndexJson } from './indexFile';
import { buildIndex, type GuideFile } from './parse/buildIndex';
import type { GuideIndex } from './types';

/** dist/index.json next to the running bundle (dist/cli.js) or, from out/src/core (tests), the repo's dist/. */
export function bundledIndexPath(): string {
  const candidates = [path.join(__dirname, 'index.json'), path.resolve(__dirname, '../dist/index.json'), path.resolve(__dirname, '../../dist/index.json'), path.resolve(__dirname, '../../../dist/index.json')];
  const found = candidates.find(p => fs.existsSync(p));
  if (!found) throw new Error(`the prebuilt index was not found (looked in ${candidates.join(', ')}); run \`npm run build\``);
  return found;
}

export function loadBundledIndex(): GuideIndex {
  return parseIndexJson(fs.readFileSync(bundledIndexPath(), 'utf8'));
}

export function loadBundledLibrary(): Library {
  return Library.fromIndexes([loadBundledIndex()]);
}

const GUIDE_FILE = /\.(md|markdown|txt)$/i;

/** Guide files under each path (a file or a folder, searched recursively), relative to their root. */
export function readGuideFiles(paths: readonly string[]): { files: GuideFile[]; errors: { file: string; message: string }[] } {
  const files: GuideFile[] = [];
  const errors: { file: string; message: string }[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      errors.push({ file: p, message: 'no such file or folder' });
      continue;
    }
    const list = stat.isDirectory()
      ? fs.readdirSync(p, { recursive: true, withFileTypes: true })
          .filter(d => d.isFile() && GUIDE_FILE.test(d.name))
          .map(d => path.join(d.parentPath ?? (d as unknown as { path: string }).path, d.name))
          .sort()
      : [p];
    const root = stat.isDirectory() ? p : path.dirname(p);
    for (const file of list) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      try {
        files.push({ file: rel, bytes: fs.readFileSync(file) });
      } catch (e) {
        errors.push({ file: rel, message: `could not be read: ${(e as Error).message}` });
      }
    }
  }
  return { files, errors };
}

export function indexGuidePaths(paths: readonly string[]): GuideIndex {
  const { files, errors } = readGuideFiles(paths);
  const index = buildIndex(files);
  index.errors.unshift(...errors);
  return index;
}
