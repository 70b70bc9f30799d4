// What `npm run package` puts in the .vsix is what the extension reads at run time, and nothing else.
// The run-time needs are read from the sources that cause them (package.json, the lazy requires, the
// webview pages, the extension's own file reads, the guide index's inputs), never listed by hand; the
// package is what @vscode/vsce itself selects from this repository's files with .vscodeignore. A tree of
// empty stand-ins (the repository as it is, plus every file the build writes) keeps this independent
// of whether `npm run build` ran.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';
import { readGuideFiles } from '../../src/core/bundled';
import { ROOT } from './helpers';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const relative = (p: string) => p.replace(/^\.\//, '');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter(d => d.isFile() && d.name.endsWith('.ts'))
    .map(d => path.relative(ROOT, path.join(d.parentPath, d.name)).split(path.sep).join('/'));
}

/** Every string anywhere inside a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Each file the installed extension needs, with why. */
function runTimeNeeds(): Map<string, string> {
  const needs = new Map<string, string>();
  const need = (file: string, why: string) => { if (!needs.has(file)) needs.set(file, why); };
  for (const file of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) need(file, 'manifest and gallery pages');
  need(relative(pkg.icon), 'gallery icon');
  need(relative(pkg.main), 'desktop entry point');
  need(relative(pkg.browser), 'browser entry point');
  // Bundles required on first use (src/lazy*.ts: require('./engine') -> dist/engine.js).
  for (const file of sourceFiles('src').filter(f => /^src\/lazy\w*\.ts$/.test(f))) {
    for (const m of read(file).matchAll(/require\('\.\/(\w+)'\)/g)) need(`dist/${m[1]}.js`, `required by ${file}`);
  }
  for (const file of sourceFiles('src')) {
    const text = read(file);
    // Files the extension reads or shows from its own folder: joinPath(extensionUri, 'dist', 'index.json')
    // (a path without a file extension is a folder, e.g. the webviews' resource root).
    for (const m of text.matchAll(/joinPath\((?:this\.)?extensionUri((?:,\s*'[^']+')+)\)/g)) {
      const target = [...m[1].matchAll(/'([^']+)'/g)].map(s => s[1]).join('/');
      if (/\.\w+$/.test(target)) need(target, `read by ${file}`);
    }
    // Webview pages: preparePanel(..., { script: 'quiz.js', style: 'quiz.css' }) -> media/dist/quiz.js, media/quiz.css.
    for (const m of text.matchAll(/script: '([\w.-]+\.js)', style: '([\w.-]+\.css)'/g)) {
      need(`media/dist/${m[1]}`, `webview script in ${file}`);
      need(`media/${m[2]}`, `webview style in ${file}`);
    }
  }
  // Icons and walkthrough pages named by the contributions.
  for (const s of strings(pkg.contributes)) if (/^media\/[\w./-]+\.\w+$/.test(s)) need(s, 'named in package.json contributes');
  // The guides the prebuilt index was parsed from: "Open in Guide" opens them at the question's line.
  for (const { file } of readGuideFiles([path.join(ROOT, 'content')]).files) need(`content/${file}`, 'a bundled guide');
  return needs;
}

/** Everything a packaging run sees: the repository's files now, and every bundle the build writes. */
function packagingInputs(): string[] {
  const skip = new Set(['.git', 'node_modules', '.vscode-test', 'out']);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const d of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${d.name}` : d.name;
      if (d.isDirectory() && !skip.has(d.name)) walk(rel);
      else if (d.isFile()) files.push(rel);
    }
  };
  walk('');
  // Bundles and data files: every 'dist/…' esbuild.mjs names (outfile, the index, the curated content).
  const built = [...read('esbuild.mjs').matchAll(/'(dist\/[\w./-]+\.\w+)'/g)].map(m => m[1]);
  built.push(...sourceFiles('media/src').map(f => `media/dist/${path.basename(f, '.ts')}.js`));
  return [...new Set([...files, ...built])];
}

describe('the .vsix holds what the extension needs at run time', () => {
  let tree: string;
  before(() => {
    tree = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-package-'));
    for (const file of packagingInputs()) {
      fs.mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
      fs.writeFileSync(path.join(tree, file), '');
    }
    for (const file of ['package.json', '.vscodeignore']) fs.copyFileSync(path.join(ROOT, file), path.join(tree, file));
  });
  after(() => fs.rmSync(tree, { recursive: true, force: true }));

  it('every run-time need exists among the packaging inputs (so the derivation reads real names)', () => {
    const inputs = new Set(packagingInputs());
    for (const [file, why] of runTimeNeeds()) assert.ok(inputs.has(file), `${file} (${why}) is neither in the repository nor written by the build`);
  });

  it('vsce packages exactly the run-time needs', async () => {
    const packaged = (await listFiles({ cwd: tree, packageManager: PackageManager.None })).map(f => f.split(path.sep).join('/')).sort();
    const needs = runTimeNeeds();
    const missing = [...needs].filter(([f]) => !packaged.includes(f)).map(([f, why]) => `${f} (${why})`);
    const extra = packaged.filter(f => !needs.has(f));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
  });

  it('the gallery icon is a 128×128 PNG', () => {
    const png = fs.readFileSync(path.join(ROOT, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('CHANGELOG.md has an entry for the version being packaged', () => {
    const section = read('CHANGELOG.md').split(/^## /m).find(s => s.startsWith(`${pkg.version}\n`));
    assert.ok(section, `CHANGELOG.md has no "## ${pkg.version}" section`);
    assert.match(section, /^- \S/m, `the ${pkg.version} section lists no change`);
  });

  it('the manifest has what the gallery needs to link back to the project', () => {
    for (const key of ['repository', 'bugs', 'homepage', 'qna', 'galleryBanner', 'license', 'publisher']) assert.ok(pkg[key], `package.json has no ${key}`);
    assert.match(pkg.repository.url, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/, 'README images are rewritten against a GitHub repository');
  });
});
