// Build step after the index: validate the curated content against the built index and the detection
// rules, then ship it compiled (node out/src/build/buildContent.js content dist/index.json dist/content.json).
// Any problem fails the build with every problem listed. The hover previews of reviewed answers are
// written into the index (the hover never reads dist/content.json).
import fs from 'node:fs';
import path from 'node:path';
import { readContent } from '../core/content/read';
import { unlocated, validateContent } from '../core/content/validate';
import { contentFile } from '../core/content/curated';
import { curatedPreview } from '../core/content/preview';
import { parseIndexJson } from '../core/indexFile';
import { RULES } from '../core/detect/rules';

const [from = 'content', indexPath = 'dist/index.json', to = 'dist/content.json'] = process.argv.slice(2);
const index = parseIndexJson(fs.readFileSync(indexPath, 'utf8'));
const { content, problems } = readContent(from);
problems.push(...validateContent(content, {
  questions: new Map(index.entries.map(e => [e.id, { hasAnswer: e.hasAnswer, answer: e.answer }])),
  rules: new Set(RULES.map(r => r.id)),
}));
if (problems.length) {
  console.error(`${from}: ${problems.length} problem(s) in the curated content:`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
const file = contentFile(unlocated(content));
let previews = 0;
for (const entry of index.entries) {
  delete entry.curatedPreview;
  const review = file.reviews[entry.id];
  const preview = review && curatedPreview(review);
  if (preview) {
    entry.curatedPreview = preview;
    previews++;
  }
}
fs.mkdirSync(path.dirname(to), { recursive: true });
fs.writeFileSync(to, JSON.stringify(file));
fs.writeFileSync(indexPath, JSON.stringify(index));
console.log(`${to}: ${file.bank.length} bank items, ${file.cloze.length} cloze items, key points for ${Object.keys(file.keyPoints).length} questions, ${Object.keys(file.reviews).length} answer reviews (${previews} hover previews from a review)`);
