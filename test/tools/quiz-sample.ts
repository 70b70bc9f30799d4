// node out/test/tools/quiz-sample.js --count 60 --seed N [--key] [--check FILE]
// The blind check (README, "Quiz quality"): prints a sample of multiple-choice items exactly as Start
// Quiz draws them for "All topics" (bank and cloze items, from dist/index.json and dist/content.json
// as built), as the user reads them, without the key. Read and answer every item first, then print
// the key (--key) and classify each item in test/blind-check/seed-N.json; --check FILE verifies that
// a classification covers exactly this sample and prints its figures.
import fs from 'node:fs';
import path from 'node:path';
import { Library } from '../../src/core/library';
import { parseIndexJson } from '../../src/core/indexFile';
import { parseContentFile } from '../../src/core/content/curated';
import { type BlindCheck, checkClassification, describeFigures, drawSample, figures, printItem, printKey } from './blindCheck';
import { ROOT } from '../unit/helpers';

const args = process.argv.slice(2);
const option = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const checkFile = option('--check');
const checked = checkFile ? (JSON.parse(fs.readFileSync(checkFile, 'utf8')) as BlindCheck) : undefined;
const count = Number(option('--count') ?? checked?.sample.count ?? 60);
const seed = Number(option('--seed') ?? checked?.sample.seed ?? 1);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error('usage: node out/test/tools/quiz-sample.js --count 60 --seed N [--key] [--check FILE]');
  process.exit(2);
}

const library = Library.fromIndexes([parseIndexJson(fs.readFileSync(path.join(ROOT, 'dist', 'index.json'), 'utf8'))]);
const { content, problem } = parseContentFile(fs.readFileSync(path.join(ROOT, 'dist', 'content.json'), 'utf8'));
if (problem) {
  console.error(`dist/content.json: ${problem} (run npm run build)`);
  process.exit(2);
}
const sample = drawSample(library, content, count, seed);

if (checked) {
  const problems = checkClassification(checked, sample);
  if (problems.length) {
    console.error(`${checkFile}: ${problems.length} problem(s):\n${problems.map(p => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`${checkFile} (--count ${count} --seed ${seed}): ${describeFigures(figures(checked))}`);
  for (const item of checked.items.filter(i => i.class !== 'clean')) console.log(`  ${item.n}. ${item.class}: ${item.id} — ${item.why}`);
  process.exit(0);
}

console.log(`Start Quiz → All topics → Multiple choice, ${count} questions, seed ${seed}: ${sample.length} item(s) drawn from ${content.bank.length} bank and ${content.cloze.length} cloze items.\n`);
sample.forEach((item, i) => console.log(`${printItem(i + 1, item, content)}\n`));
if (args.includes('--key')) {
  console.log('══ Key (right option, item id, why)');
  sample.forEach((item, i) => console.log(printKey(i + 1, item, content)));
}
