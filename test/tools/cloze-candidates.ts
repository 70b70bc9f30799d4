// node out/test/tools/cloze-candidates.js [--all] [--json] [--index dist/index.json]
// Proposes cloze candidates from the guide answers and says which still need a review: accepted ones are
// in content/quiz/cloze.json (or content/quiz/cloze/*.json), rejected ones in test/fixtures/cloze-review.json.
import fs from 'node:fs';
import path from 'node:path';
import { clozeCandidates } from './cloze/candidates';
import { FAMILIES } from './cloze/families';
import { auditCloze, readClozeReview, REVIEW_FILE } from './cloze/review';
import { readContent } from '../../src/core/content/read';
import { unlocated } from '../../src/core/content/validate';
import { CONTENT, ROOT } from '../unit/helpers';

const args = process.argv.slice(2);
const indexAt = args.indexOf('--index');
const indexFile = indexAt >= 0 ? args[indexAt + 1] : path.join(ROOT, 'dist', 'index.json');
const index = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as { entries: { id: string; answer: string; hasAnswer: boolean }[] };
const candidates = clozeCandidates(index.entries.filter(e => e.hasAnswer), FAMILIES);
const audit = auditCloze(candidates, unlocated(readContent(CONTENT).content).cloze, readClozeReview(REVIEW_FILE));
const shown = args.includes('--all') ? candidates : audit.unreviewed;
if (args.includes('--json')) {
  console.log(JSON.stringify(shown.map(c => ({ question: c.question, family: c.family, sentence: c.sentence, answer: c.answer, others: c.others, kind: c.kind })), null, 2));
} else {
  for (const c of shown) console.log(`${c.question} [${c.family}, ${c.kind}]\n  ${c.sentence}\n  = ${c.answer}   | ${c.others.join(', ')}\n`);
}
const byReason = new Map<string, number>();
for (const r of audit.rejected) byReason.set(r.why, (byReason.get(r.why) ?? 0) + 1);
console.error(`candidates: ${candidates.length}; accepted: ${audit.accepted.length}; rejected: ${audit.rejected.length} (${[...byReason].map(([k, n]) => `${k} ${n}`).join(', ')}); unreviewed: ${audit.unreviewed.length}; stale review entries: ${audit.stale.length}`);
for (const c of audit.conflicting) console.error(`  both accepted and rejected: ${c.question} "${c.sentence}"`);
for (const r of audit.stale) console.error(`  stale review entry: ${r.question} "${r.sentence}"`);
for (const p of audit.problems) console.error(`  ${p}`);
process.exitCode = audit.unreviewed.length + audit.conflicting.length + audit.stale.length + audit.problems.length ? 1 : 0;
