// "Cold first hover" (issue 10, item 5): what the first hover in a new window costs our code, each run
// in a fresh Node process (bench/coldHover.child.ts): require dist/detect.js, load dist/index.json,
// analyse a 5,000-line module, compute one hover. For comparison, the same with dist/engine.js
// (markdown-it, highlight.js, ts-fsrs) required too, as the hover path did before the split.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { summarize, type BenchRow } from './harness';
import { generateModule } from './detect.bench';

const ROOT = path.resolve(__dirname, '../..');
const RUNS = 15;
const MODES = ['detect', 'engine'] as const;

interface ColdHover { requireMs: number; indexMs: number; analysisMs: number; hoverMs: number; totalMs: number; cpuMs: number; lines: number; title?: string; questions: number }

export function coldHoverBench(): BenchRow[] {
  const missing = ['dist/detect.js', 'dist/engine.js', 'dist/index.json'].filter(f => !fs.existsSync(path.join(ROOT, f)));
  if (missing.length) {
    console.log(`cold first hover: skipped, ${missing.join(', ')} missing (npm run build)`);
    return [];
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-cold-hover-'));
  try {
    const text = generateModule(5000);
    const file = path.join(dir, 'services.py');
    fs.writeFileSync(file, text);
    // Hover the last transaction.on_commit, near the end of the module.
    const lines = text.split('\n');
    const line = lines.map(l => l.includes('transaction.on_commit(')).lastIndexOf(true);
    const character = lines[line].indexOf('on_commit') + 1;
    const runs: Record<(typeof MODES)[number], ColdHover[]> = { detect: [], engine: [] };
    // Alternately, so that other load on the machine hits both alike.
    for (let i = 0; i < RUNS; i++) {
      for (const mode of MODES) {
        const child = spawnSync(process.execPath, [path.join(__dirname, 'coldHover.child.js'), mode, file, String(line), String(character)], { encoding: 'utf8' });
        if (child.status !== 0) throw new Error(`cold first hover (${mode}) failed: ${child.stderr}`);
        const run = JSON.parse(child.stdout) as ColdHover;
        if (!run.questions) throw new Error(`cold first hover (${mode}) showed no questions at ${line + 1}:${character + 1}`);
        runs[mode].push(run);
      }
    }
    const median = (xs: number[]) => summarize(xs).p50.toFixed(1);
    const sample = runs.detect[0];
    const what = `fresh Node process ×${RUNS}: require + dist/index.json + analysis of a ${sample.lines.toLocaleString('en')}-line module + 1 hover (${sample.title}, ${sample.questions} questions)`;
    const parts = (r: ColdHover[]) => `medians: require ${median(r.map(x => x.requireMs))} + index ${median(r.map(x => x.indexMs))} + analysis ${median(r.map(x => x.analysisMs))} + hover ${median(r.map(x => x.hoverMs))} ms, CPU ${median(r.map(x => x.cpuMs))} ms`;
    return [
      { name: 'cold first hover (dist/detect.js)', detail: `${what}; ${parts(runs.detect)}`, ...summarize(runs.detect.map(r => r.totalMs)), target: { p50: 30 } },
      { name: 'cold first hover: require dist/detect.js alone', detail: `the require step of the row above (${RUNS} fresh processes)`, ...summarize(runs.detect.map(r => r.requireMs)) },
      { name: 'cold first hover with dist/engine.js too', detail: `the same, also requiring the engine (markdown-it, highlight.js, ts-fsrs) as the hover path did before the split; ${parts(runs.engine)}`,
        ...summarize(runs.engine.map(r => r.totalMs)) },
      { name: 'cold first hover: require dist/engine.js + dist/detect.js', detail: `the require step of the row above (${RUNS} fresh processes)`, ...summarize(runs.engine.map(r => r.requireMs)) },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
