// Users' own guides are parsed at run time: a 1 MB guide must index well under a second (issue 13).
// The guide is the shape corpus repeated to 1 MB, so every shape is in it and every question is asked
// about fifteen times: the worst case for folding near-duplicates.
import fs from 'node:fs';
import path from 'node:path';
import { measure, type BenchRow } from './harness';
import { buildIndex } from '../src/core/parse/buildIndex';
import { parseGuide } from '../src/core/parse/parseGuide';

const SHAPES = path.resolve(__dirname, '../../test/fixtures/guides/shapes');

function megabyteGuide(): string {
  const parts = fs.readdirSync(SHAPES).filter(f => /\.(md|txt)$/.test(f)).sort().map(f => fs.readFileSync(path.join(SHAPES, f), 'utf8'));
  let text = '';
  for (let k = 0; text.length < 1024 * 1024; k++) text += `${parts[k % parts.length]}\n\n`;
  return text;
}

/** Median CPU time of `runs` calls: on a machine shared with other work, wall time says more about the others. */
function medianCpuMs(fn: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export function guideBench(): BenchRow[] {
  const text = megabyteGuide();
  const bytes = new TextEncoder().encode(text);
  const questions = parseGuide(text).questions.length;
  const size = `${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${questions.toLocaleString('en')} questions`;
  const parse = () => parseGuide(text);
  const index = () => buildIndex([{ file: 'big.md', bytes }]);
  const parseRow = measure('parse a 1 MB user guide', '', parse, 10, 2);
  const indexRow = measure('index a 1 MB user guide (parse, topics, folding, links)', '', index, 6, 1);
  return [
    { ...parseRow, detail: `${size}; CPU p50 ${medianCpuMs(parse, 5).toFixed(0)} ms` },
    { ...indexRow, detail: `${size}; CPU p50 ${medianCpuMs(index, 3).toFixed(0)} ms`, target: { p50: 1000 } },
  ];
}
