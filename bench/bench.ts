// `npm run bench`: measures the core and prints a table; writes bench/results.json.
// Timings are medians/p99 over many runs on this machine; targets come from DESIGN §3 and the issues.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { measure, summarize, type BenchRow } from './harness';
import { buildIndex } from '../src/core/parse/buildIndex';
import { parseIndexJson } from '../src/core/indexFile';
import { Library } from '../src/core/library';
import { Searcher } from '../src/core/search';
import type { Entry, GuideIndex } from '../src/core/types';

const ROOT = path.resolve(__dirname, '../..');
const CONTENT = path.join(ROOT, 'content');
const QUERIES = ['N+1', 'on_commit after rollback', 'signals bulk_create', 'select_related vs prefetch_related', 'csrf', 'celery retry',
  'middleware order', 'cache invalidation', 'custom user model', 'migrations zero downtime', 'async views orm', 'drf throttling',
  'select_rel', 'seleect_related', 'how do you scale django', 'F() expressions race condition'];

/** 10,000 questions made from the real ones: same words, shuffled topics, numbered so none are equal. */
function syntheticIndex(real: GuideIndex, size: number): GuideIndex {
  const entries: Entry[] = [];
  for (let i = 0; i < size; i++) {
    const a = real.entries[i % real.entries.length];
    const b = real.entries[(i * 7 + 3) % real.entries.length];
    entries.push({ ...a, id: `synthetic#${i}`, question: `${a.question} (variant ${i}: ${b.keywords.slice(0, 2).join(', ')})`,
      answer: `${a.answer}\n\n${b.answer.slice(0, 400)}`, canonicalId: undefined, variantIds: undefined });
  }
  return { version: 1, guides: ['synthetic.md'], entries, errors: [] };
}

function fileSize(rel: string): number | undefined {
  try { return fs.statSync(path.join(ROOT, rel)).size; } catch { return undefined; }
}

function optionalRows(module: string, fn: string): BenchRow[] {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(module);
    return typeof mod[fn] === 'function' ? mod[fn]() : [];
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return [];
    throw e;
  }
}

/** Guide library rows. A function of its own so that its 10,000-question libraries are garbage before
 * the next section runs: each section's figures pay for its own heap, not for the one before. */
function libraryRows(): BenchRow[] {
  const rows: BenchRow[] = [];
  // The guides only: content/ also holds the curated JSON folders (quiz, keypoints, notes).
  const files = fs.readdirSync(CONTENT).filter(file => file.endsWith('.md')).sort().map(file => ({ file, bytes: fs.readFileSync(path.join(CONTENT, file)) }));
  const index = buildIndex(files);
  const json = JSON.stringify(index);
  rows.push({ ...measure('full parse of the bundled guides', `${files.length} guides → ${index.entries.length} questions`, () => buildIndex(files), 20, 3), target: undefined });
  rows.push({ ...measure('prebuilt index load', `JSON.parse + Library (${(json.length / 1024).toFixed(0)} KB)`, () => new Library(parseIndexJson(json).entries), 100, 10), target: { p50: 5 } });
  const library = new Library(index.entries);
  rows.push(measure('search index build (bundled)', `${library.canonical().length} canonical entries`, () => new Searcher(library), 30, 3));
  const searcher = new Searcher(library);
  rows.push({ ...measure('search per query (bundled)', `${QUERIES.length} fixed queries`, i => searcher.search(QUERIES[i % QUERIES.length]), 1600, 64), target: { p99: 5 } });

  const synthetic = syntheticIndex(index, 10_000);
  const syntheticJson = JSON.stringify(synthetic);
  rows.push({ ...measure('prebuilt index load (10,000)', `JSON.parse + Library (${(syntheticJson.length / 1024 / 1024).toFixed(1)} MB)`, () => new Library(parseIndexJson(syntheticJson).entries), 10, 2) });
  const bigLibrary = new Library(synthetic.entries);
  rows.push(measure('search index build (10,000)', '10,000 entries', () => new Searcher(bigLibrary), 3, 1));
  const bigSearcher = new Searcher(bigLibrary);
  rows.push({ ...measure('search per query (10,000)', `${QUERIES.length} fixed queries`, i => bigSearcher.search(QUERIES[i % QUERIES.length]), 320, 32), target: { p99: 20 } });
  return rows;
}

function main(): void {
  const rows: BenchRow[] = [];
  rows.push(...libraryRows());
  rows.push(...optionalRows('./guide.bench', 'guideBench'));
  rows.push(...optionalRows('./detect.bench', 'detectBench'));
  rows.push(...optionalRows('./insights.bench', 'insightsBench'));
  rows.push(...optionalRows('./quiz.bench', 'quizBench'));
  rows.push(...optionalRows('./coldHover.bench', 'coldHoverBench'));

  rows.push(...activationRows());
  for (const [name, rel, limit] of [['bundle dist/extension.js (activation)', 'dist/extension.js', 400 * 1024], ['bundle dist/features.js (first use)', 'dist/features.js', undefined],
    ['bundle dist/engine.js (first use)', 'dist/engine.js', undefined], ['bundle dist/detect.js (first hover)', 'dist/detect.js', undefined],
    ['bundle dist/cli.js', 'dist/cli.js', undefined], ['prebuilt index dist/index.json', 'dist/index.json', undefined]] as const) {
    const size = fileSize(rel);
    if (size !== undefined) rows.push({ name, detail: 'bytes on disk', p50: NaN, p99: NaN, mean: NaN, runs: 0, value: size, unit: 'KB', ...(limit ? { target: { mean: limit } } : {}) });
  }
  print(rows);
  const out = path.join(ROOT, 'bench', 'results.json');
  fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2));
  console.log(`\nwritten ${path.relative(ROOT, out)}`);
}

/**
 * Own activation time in the real VS Code test host: test/host/measure-activation.cjs starts the host
 * ACTIVATION_RUNS times on the sample project and reads the time the extension measured for itself.
 * Needs the host (test/host/install.sh, done by `npm test`); BENCH_ACTIVATION=0 skips it.
 */
function activationRows(): BenchRow[] {
  const runs = Number(process.env.ACTIVATION_RUNS ?? 5) || 5;
  if (process.env.BENCH_ACTIVATION === '0') return [];
  if (!fs.existsSync(path.join(ROOT, '.vscode-test', 'host', 'code-server'))) {
    console.log('activation: skipped, the test host is not installed (bash test/host/install.sh, or npm test)');
    return [];
  }
  console.log(`activation: starting the test host ${runs} times…`);
  const result = spawnSync(process.execPath, [path.join(ROOT, 'test', 'host', 'measure-activation.cjs'), String(runs)], { cwd: ROOT, encoding: 'utf8' });
  for (const line of result.stdout.split('\n')) if (/^activation \d/.test(line)) console.log(`  ${line}`);
  if (result.status !== 0) {
    console.log(`activation: measure-activation.cjs failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
    return [];
  }
  const file = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'output', 'activation.json'), 'utf8')) as { runs: { ms: number; moduleLoadMs: number; activateMs: number; cpuMs?: number }[] };
  const median = (xs: number[]) => summarize(xs).p50;
  const ms = file.runs.map(r => r.ms);
  const cpu = file.runs.flatMap(r => (r.cpuMs === undefined ? [] : [r.cpuMs]));
  const detail = `${ms.length} host startups (p99 = slowest); medians: module load ${median(file.runs.map(r => r.moduleLoadMs)).toFixed(1)} + activate() ${median(file.runs.map(r => r.activateMs)).toFixed(1)} ms${cpu.length ? `, CPU ${median(cpu).toFixed(1)} ms` : ''}`;
  return [{ name: 'activation (own code, in the test host)', detail, ...summarize(ms), target: { p50: 10 } }];
}

function print(rows: BenchRow[]): void {
  const fmt = (n: number) => (Number.isNaN(n) ? '' : n < 0.1 ? n.toFixed(4) : n < 10 ? n.toFixed(3) : n.toFixed(1));
  const header = ['what', 'detail', 'p50 ms', 'p99 ms', 'target', 'ok'];
  const body = rows.map(r => {
    if (r.value !== undefined) {
      const ok = r.target?.mean === undefined ? '' : r.value <= r.target.mean ? 'yes' : 'NO';
      return [r.name, r.detail, `${(r.value / 1024).toFixed(1)} KB`, '', r.target?.mean ? `< ${(r.target.mean / 1024).toFixed(0)} KB` : '', ok];
    }
    const t = r.target;
    const unit = r.unit === '×' ? '×' : 'ms';
    const target = t ? Object.entries(t).map(([k, v]) => `${k} < ${v} ${unit}`).join(', ') : '';
    const ok = !t ? '' : Object.entries(t).every(([k, v]) => (r as unknown as Record<string, number>)[k] < (v as number)) ? 'yes' : 'NO';
    return [r.name, r.detail, fmt(r.p50) + (unit === '×' ? ' ×' : ''), fmt(r.p99) + (unit === '×' ? ' ×' : ''), target, ok];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map(b => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

main();
