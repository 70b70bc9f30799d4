// The first hover must not evaluate Markdown rendering, highlighting or scheduling (issue 10, item 5):
// the inputs esbuild resolves for src/detect.ts (the entry of dist/detect.js) are read from its metafile.
import assert from 'node:assert/strict';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT } from './helpers';

const HEAVY = ['markdown-it', 'highlight.js', 'ts-fsrs'];

function packagesBundledFrom(entry: string): Set<string> {
  const result = esbuild.buildSync({
    entryPoints: [path.join(ROOT, entry)], bundle: true, write: false, metafile: true, platform: 'node', format: 'cjs', logLevel: 'silent',
  });
  const names = Object.keys(result.metafile.inputs).flatMap(input => {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    return match ? [match[1]] : [];
  });
  return new Set(names);
}

describe('detect bundle', () => {
  it('bundles none of markdown-it, highlight.js or ts-fsrs', () => {
    const packages = packagesBundledFrom('src/detect.ts');
    assert.deepEqual(HEAVY.filter(name => packages.has(name)), []);
  });

  it('reads package names the way the engine bundle shows them (the engine does bundle all three)', () => {
    const packages = packagesBundledFrom('src/engine.ts');
    assert.deepEqual(HEAVY.filter(name => packages.has(name)), HEAVY);
  });
});
