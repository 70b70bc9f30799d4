// node out/test/tools/content-report.js — what the curated content covers and what it still lacks
// (for the people writing it; the unit suite checks validity).
import { readContent } from '../../src/core/content/read';
import { coverage, unlocated, validateContent } from '../../src/core/content/validate';
import { CONTENT, contentContext, contentIndex } from '../unit/helpers';

const { content, problems } = readContent(CONTENT);
const context = contentContext();
const all = [...problems, ...validateContent(content, context)];
const plain = unlocated(content);
const { noKeyPoints, unreviewed } = coverage(plain, context);
const byTopic = new Map<string, number>();
for (const b of plain.bank) byTopic.set(b.topic, (byTopic.get(b.topic) ?? 0) + 1);
const guideTopics = new Map<string, number>();
for (const e of contentIndex().entries) guideTopics.set(e.topics[0], (guideTopics.get(e.topics[0]) ?? 0) + 1);
console.log(`bank items: ${plain.bank.length}; cloze items: ${plain.cloze.length}; key points: ${plain.keyPoints.length}; answer reviews: ${plain.reviews.length}`);
console.log('topic: bank items / guide questions (main topic)');
for (const [t, n] of [...guideTopics].sort((a, b) => b[1] - a[1])) console.log(`  ${t}: ${byTopic.get(t) ?? 0} / ${n}`);
console.log(`questions without key points: ${noKeyPoints.length}; answered questions without a review: ${unreviewed.length}`);
if (process.argv.includes('--missing')) {
  for (const id of noKeyPoints) console.log(`  no key points: ${id}`);
  for (const id of unreviewed) console.log(`  no review: ${id}`);
}
console.log(all.length ? `${all.length} problems:\n${all.map(p => `  ${p}`).join('\n')}` : 'no problems');
process.exitCode = all.length ? 1 : 0;
