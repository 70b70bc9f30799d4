import fs from 'node:fs';
import path from 'node:path';
import { buildIndex, type GuideFile } from '../../src/core/parse/buildIndex';
import type { GuideIndex } from '../../src/core/types';

export const ROOT = path.resolve(__dirname, '../../..');
export const CONTENT = path.join(ROOT, 'content');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

export function contentFiles(): GuideFile[] {
  return fs.readdirSync(CONTENT).sort().map(file => ({ file, bytes: fs.readFileSync(path.join(CONTENT, file)) }));
}

let cached: GuideIndex | undefined;
/** The bundled guides parsed once per test run. */
export function contentIndex(): GuideIndex {
  return (cached ??= buildIndex(contentFiles()));
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
