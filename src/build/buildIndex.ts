// Build step: parse content/ into dist/index.json (node out/src/build/buildIndex.js content dist/index.json).
import fs from 'node:fs';
import path from 'node:path';
import { indexGuidePaths } from '../core/bundled';

const [from = 'content', to = 'dist/index.json'] = process.argv.slice(2);
const index = indexGuidePaths([from]);
if (index.errors.length) {
  for (const e of index.errors) console.error(`${e.file}: ${e.message}`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(to), { recursive: true });
fs.writeFileSync(to, JSON.stringify(index));
console.log(`${to}: ${index.entries.length} questions from ${index.guides.length} guides`);
