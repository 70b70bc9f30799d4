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

export function guideBench(): BenchRow[] {
  const text = megabyteGuide();
  const bytes = new TextEncoder().encode(text);
  const questions = parseGuide(text).questions.length;
  const size = `${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${questions.toLocaleString('en')} questions`;
  return [
    measure('parse a 1 MB user guide', size, () => parseGuide(text), 10, 2),
    { ...measure('index a 1 MB user guide (parse, topics, folding, links)', size, () => buildIndex([{ file: 'big.md', bytes }]), 6, 1), target: { p50: 1000 } },
  ];
}
