// Reading the curated content from a content/ folder (Node: build time, tests, the command line).
import fs from 'node:fs';
import path from 'node:path';
import type { LocatedContent } from './validate';

/**
 * content/quiz/bank/*.json, content/quiz/cloze.json and content/quiz/cloze/*.json, content/keypoints/*.json,
 * content/notes/*.json. (Cloze items may be split into files under quiz/cloze/ so that several writers
 * never edit the same file.)
 */
export function readContent(contentDir: string): { content: LocatedContent; problems: string[] } {
  const problems: string[] = [];
  const content: LocatedContent = { bank: [], cloze: [], keyPoints: [], reviews: [] };
  const arrays = (rel: string): { file: string; items: unknown[] }[] => {
    const full = path.join(contentDir, rel);
    if (!fs.existsSync(full)) return [];
    const files = fs.statSync(full).isDirectory()
      ? fs.readdirSync(full).filter(f => f.endsWith('.json')).sort().map(f => path.posix.join(rel, f))
      : [rel];
    const out: { file: string; items: unknown[] }[] = [];
    for (const file of files) {
      try {
        const value: unknown = JSON.parse(fs.readFileSync(path.join(contentDir, file), 'utf8'));
        if (!Array.isArray(value)) problems.push(`${file}: expected a JSON array`);
        else out.push({ file, items: value });
      } catch (e) {
        problems.push(`${file}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return out;
  };
  const objects = (file: string, items: unknown[]) => items.filter((x, i) => {
    const ok = typeof x === 'object' && x !== null && !Array.isArray(x);
    if (!ok) problems.push(`${file}: entry ${i + 1} is not an object`);
    return ok;
  });
  for (const { file, items } of arrays('quiz/bank')) for (const item of objects(file, items)) content.bank.push({ file, item: item as never });
  for (const { file, items } of [...arrays('quiz/cloze.json'), ...arrays('quiz/cloze')]) for (const item of objects(file, items)) content.cloze.push({ file, item: item as never });
  for (const { file, items } of arrays('keypoints')) for (const item of objects(file, items)) content.keyPoints.push({ file, item: item as never });
  for (const { file, items } of arrays('notes')) for (const item of objects(file, items)) content.reviews.push({ file, item: item as never });
  return { content, problems };
}
