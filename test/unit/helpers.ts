import fs from 'node:fs';
import path from 'node:path';
import { buildIndex, type GuideFile } from '../../src/core/parse/buildIndex';
import type { GuideIndex } from '../../src/core/types';
import { RULES } from '../../src/core/detect/rules';
import type { ContentContext } from '../../src/core/content/validate';

export const ROOT = path.resolve(__dirname, '../../..');
export const CONTENT = path.join(ROOT, 'content');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

export function contentFiles(): GuideFile[] {
  // Guide files only: content/ also holds the curated quiz items, key points and answer reviews (JSON, in folders).
  return fs.readdirSync(CONTENT).filter(file => /\.(md|markdown|txt)$/i.test(file)).sort().map(file => ({ file, bytes: fs.readFileSync(path.join(CONTENT, file)) }));
}

let cached: GuideIndex | undefined;
/** The bundled guides parsed once per test run. */
export function contentIndex(): GuideIndex {
  return (cached ??= buildIndex(contentFiles()));
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** What the curated content may refer to: the bundled questions and the detection rules. */
export function contentContext(): ContentContext {
  return {
    questions: new Map(contentIndex().entries.map(e => [e.id, { hasAnswer: e.hasAnswer, answer: e.answer }])),
    rules: new Set(RULES.map(r => r.id)),
  };
}
