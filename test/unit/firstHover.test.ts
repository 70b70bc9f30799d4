// The first hover in a cold window loads detection only (issue 10, item 5): in a fresh Node process the
// features are wired as the hover entry point wires them, one hover is computed, and the modules loaded
// by then are read from require.cache. The engine (Markdown rendering, highlighting, scheduling) must
// not be among them; it loads when the answer view, a quiz or the due count first needs it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contentIndex, ROOT } from './helpers';

const HEAVY = ['markdown-it', 'highlight.js', 'ts-fsrs'];
const SAMPLE = path.join(ROOT, 'sample-project', 'orders', 'services.py');

interface FirstHover { hover?: string; loaded: string[] }

describe('the first hover in a cold window', () => {
  let extensionFolder: string;
  let result: FirstHover;
  before(function () {
    this.timeout(30_000);
    // The prebuilt index as the build writes it, made here so the test does not depend on `npm run build`.
    extensionFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-first-hover-ext-'));
    fs.mkdirSync(path.join(extensionFolder, 'dist'));
    fs.writeFileSync(path.join(extensionFolder, 'dist', 'index.json'), JSON.stringify(contentIndex()));
    const lines = fs.readFileSync(SAMPLE, 'utf8').split('\n');
    const line = lines.findIndex(l => l.includes('transaction.on_commit(lambda'));
    assert.ok(line >= 0, 'sample-project/orders/services.py has no transaction.on_commit(lambda …) line');
    const character = lines[line].indexOf('on_commit') + 1;
    const child = spawnSync(process.execPath, [path.join(__dirname, 'firstHover.child.js'), extensionFolder, SAMPLE, String(line), String(character)], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    result = JSON.parse(child.stdout) as FirstHover;
  });
  after(() => fs.rmSync(extensionFolder, { recursive: true, force: true }));

  it('shows the hover for transaction.on_commit, with its questions', () => {
    assert.match(result.hover ?? '', /Django Interview Coach/);
    assert.match(result.hover ?? '', /on_commit/);
    assert.match(result.hover ?? '', /\(command:djangoCoach\.openAnswer\?/);
  });

  it('computed it with the detection module (src/detect.ts) and the features', () => {
    for (const module of ['out/src/detect.js', 'out/src/features.js']) assert.ok(result.loaded.includes(module), `${module} was not loaded`);
  });

  it('did not load the engine (src/engine.ts)', () => {
    assert.ok(!result.loaded.includes('out/src/engine.js'), 'the first hover loaded out/src/engine.js');
  });

  it('did not load markdown-it, highlight.js or ts-fsrs', () => {
    const packages = new Set(result.loaded.flatMap(f => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1] ?? []));
    assert.deepEqual(HEAVY.filter(name => packages.has(name)), []);
  });
});
