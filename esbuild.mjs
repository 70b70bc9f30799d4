// One esbuild script for every output:
//   (default)  dist/extension.js (VS Code, node), dist/web/extension.js (browser host),
//              dist/cli.js (command line), media/dist/*.js (webview scripts), dist/index.json (prebuilt guide index),
//              dist/content.json (the curated quiz items, key points and answer reviews, validated)
//   --tests    transpile src/ and test/ to out/ for mocha (no bundling: fast, keeps file layout)
//   --bench    bench/*.ts bundled and minified as dist/ is (src/ transpiled too) into out/ for `npm run bench`
//   --watch    rebuild the extension on change; --dev: no minification, inline source maps
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const args = new Set(process.argv.slice(2));
// Builds are minified (what ships and what the bench measures); --dev keeps them readable with source maps.
const production = !args.has('--dev');
const quiet = args.has('--quiet');
const logLevel = quiet ? 'warning' : 'info';

function listTs(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(d => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.d.ts'))
    .map(d => path.join(d.parentPath ?? d.path, d.name))
    .filter(f => !f.split(path.sep).includes('node_modules'));
}

async function transpile(dirs) {
  await esbuild.build({
    entryPoints: dirs.flatMap(listTs), outdir: 'out', outbase: '.', format: 'cjs', platform: 'node',
    target: 'node20', sourcemap: 'inline', logLevel,
  });
}

/**
 * The bench measures code built as it ships: each bench file bundled with what it imports from src/
 * and minified like dist/ (transpiled module by module, every call into another module went through
 * an export getter, and helper-heavy code such as the insight checks measured up to a fifth slower
 * than in the shipped bundles). src/ is still transpiled for the scripts that read out/src.
 */
async function bench() {
  await transpile(['src']);
  await esbuild.build({
    entryPoints: listTs('bench'), outdir: 'out/bench', bundle: true, minify: production, format: 'cjs', platform: 'node',
    target: 'node20', logLevel,
    // bench.ts requires the optional bench files by name at run time (each is a bundle of its own).
    logOverride: { 'unsupported-require-call': 'silent' },
  });
}

async function buildAll() {
  const common = { bundle: true, sourcemap: !production, minify: production, logLevel, target: 'es2022' };
  // The banner stamps the start of the bundle's evaluation, so activation time can count our own module load.
  // It also stamps the process's CPU time where there is one (desktop), to tell our work from waiting for a core.
  const stamp = { js: 'var __coachBundleStart = typeof performance !== "undefined" ? performance.now() : Date.now(), __coachBundleCpu = typeof process !== "undefined" && process.cpuUsage ? process.cpuUsage() : undefined;' };
  // Desktop: the features (src/features.ts), detection (src/detect.ts) and the engine (src/engine.ts) are
  // files of their own, required on first use, so activation only evaluates the small entry-point bundle
  // and a hover only adds detection. The browser build inlines them (esbuild still defers their evaluation).
  const apart = { name: 'apart', setup(b) { b.onResolve({ filter: /^\.\/(engine|features|detect)$/ }, a => ({ path: `${a.path}.js`, external: true })); } };
  // One require("vscode") per bundle instead of one per importing module: the extension host's loader
  // resolves each call afresh (realpath of the caller, extension lookup), ~0.3 ms apiece at startup.
  const vscodeOnce = { name: 'vscode-once', setup(b) {
    b.onResolve({ filter: /^vscode$/ }, a => a.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' });
    b.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: 'module.exports = require("vscode");', loader: 'js' }));
  } };
  const extension = { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', format: 'cjs', platform: 'node', banner: stamp, plugins: [apart, vscodeOnce] };
  const features = { ...common, entryPoints: ['src/features.ts'], outfile: 'dist/features.js', format: 'cjs', platform: 'node', plugins: [apart, vscodeOnce] };
  const engine = { ...common, entryPoints: ['src/engine.ts'], outfile: 'dist/engine.js', format: 'cjs', platform: 'node' };
  // Detection, hovers and the study plan, without Markdown, highlighting or scheduling: what the first hover loads.
  const detect = { ...common, entryPoints: ['src/detect.ts'], outfile: 'dist/detect.js', format: 'cjs', platform: 'node' };
  const web = { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js', format: 'cjs', platform: 'browser', banner: stamp, plugins: [vscodeOnce],
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' } };
  const cli = { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', format: 'cjs', platform: 'node', banner: { js: '#!/usr/bin/env node' } };
  const mediaEntries = listTs('media/src');
  const media = mediaEntries.length ? [{ ...common, entryPoints: mediaEntries, outdir: 'media/dist', format: 'iife', platform: 'browser' }] : [];
  if (args.has('--watch')) {
    for (const options of [extension, features, engine, detect, ...media]) await (await esbuild.context(options)).watch();
    return;
  }
  const targets = [extension, features, engine, detect, cli, ...media];
  if (fs.existsSync('src/extension.ts')) targets.push(web);
  await Promise.all(targets.filter(t => t.entryPoints.every(e => fs.existsSync(e))).map(t => esbuild.build(t)));
  fs.chmodSync('dist/cli.js', 0o755);
  // The prebuilt index: parse content/ once at build time so activation never parses Markdown.
  await transpile(['src']);
  const { execFileSync } = await import('node:child_process');
  execFileSync(process.execPath, ['out/src/build/buildIndex.js', 'content', 'dist/index.json'], { stdio: quiet ? 'ignore' : 'inherit' });
  // The curated content (quiz items, key points, answer reviews), validated against that index: a problem fails the build.
  try {
    execFileSync(process.execPath, ['out/src/build/buildContent.js', 'content', 'dist/index.json', 'dist/content.json'], { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  } catch {
    process.exit(1); // the problems are listed above
  }
}

if (args.has('--tests')) await transpile(['src', 'test']);
else if (args.has('--bench')) await bench();
else await buildAll();
