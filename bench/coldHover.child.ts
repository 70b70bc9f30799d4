// One cold first hover, run by coldHover.bench.ts in a fresh Node process each time: require the
// detection bundle (and, for comparison, the engine), load the prebuilt index the extension reads,
// analyse a module and compute one hover. Prints the time of each step (ms) and the process's CPU time
// over all of them (all its threads: V8 compiles and collects garbage on helper threads) as JSON.
// argv: <detect|engine> <Python file> <line> <character>
import fs from 'node:fs';
import path from 'node:path';
// Part of dist/features.js, which the hover entry point has loaded before it asks for a hover.
import { Library } from '../src/core/library';
import type * as Detection from '../src/detect';

const ROOT = path.resolve(__dirname, '../..');
const [mode, file, line, character] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8'); // the editor holds the document's text already

const cpu0 = process.cpuUsage();
const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
if (mode === 'engine') require(path.join(ROOT, 'dist', 'engine.js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const detection = require(path.join(ROOT, 'dist', 'detect.js')) as typeof Detection;
const t1 = performance.now();
const library = Library.fromIndexes([detection.parseIndexJson(fs.readFileSync(path.join(ROOT, 'dist', 'index.json'), 'utf8'))]);
const t2 = performance.now();
const analysis = detection.analyzeDocument(text, 'python');
const t3 = performance.now();
const hover = detection.hoverAt(analysis, library, Number(line), Number(character));
const t4 = performance.now();
const cpu = process.cpuUsage(cpu0);

process.stdout.write(JSON.stringify({
  requireMs: t1 - t0, indexMs: t2 - t1, analysisMs: t3 - t2, hoverMs: t4 - t3, totalMs: t4 - t0, cpuMs: (cpu.user + cpu.system) / 1000,
  lines: analysis.lineCount, title: hover?.title, questions: hover?.questions.length ?? 0,
}));
