// node out/test/tools/shape-report.js — how the parser does on the corpus of guide shapes, per shape,
// against each guide's hand-checked list: the README's table. Exit code 1 when a shape misses a target.
import { parseGuide } from '../../src/core/parse/parseGuide';
import { shapeFixtures } from '../unit/shapes';

const TARGETS = { found: 0.97, falseEntries: 0.02, answered: 0.95 };

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(0)}%`);
const rows: string[] = [];
let missed = 0;
const totals = { expected: 0, found: 0, extra: 0, withAnswer: 0, answered: 0 };
for (const fixture of shapeFixtures()) {
  const got = parseGuide(fixture.text).questions;
  const byLine = new Map(got.map(q => [q.line, q]));
  const expectedLines = new Set(fixture.expected.map(e => e.line));
  // Found: at its line with its words; false: any question not in the hand-checked list.
  const found = fixture.expected.filter(e => byLine.get(e.line)?.question === e.question).length;
  const extra = got.filter(q => !expectedLines.has(q.line)).length;
  const withAnswer = fixture.expected.filter(e => e.answered);
  const answered = withAnswer.filter(e => (byLine.get(e.line)?.answer.trim() ?? '') !== '').length;
  // An answer where the guide has none is counted as false too.
  const spurious = fixture.expected.filter(e => !e.answered && (byLine.get(e.line)?.answer.trim() ?? '') !== '').length;
  const ok = found >= TARGETS.found * fixture.expected.length && extra + spurious <= TARGETS.falseEntries * Math.max(1, got.length)
    && (withAnswer.length === 0 || answered >= TARGETS.answered * withAnswer.length);
  if (!ok) missed++;
  totals.expected += fixture.expected.length;
  totals.found += found;
  totals.extra += extra + spurious;
  totals.withAnswer += withAnswer.length;
  totals.answered += answered;
  const source = /Studied: (?:github\.com\/)?([^,\n]+)/.exec(fixture.text)?.[1].trim() ?? '';
  rows.push(`| \`${fixture.file}\` | ${source} | ${fixture.expected.length} | ${pct(found, fixture.expected.length)} | ${pct(extra + spurious, got.length)} | ${withAnswer.length ? `${answered}/${withAnswer.length} (${pct(answered, withAnswer.length)})` : 'none in the guide'} |${ok ? '' : ' **below target**'}`);
}
console.log('| Shape fixture | Studied | Questions | Found | False | Answers attached |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`| **all ${rows.length}** | | ${totals.expected} | ${pct(totals.found, totals.expected)} | ${pct(totals.extra, totals.found)} | ${totals.answered}/${totals.withAnswer} (${pct(totals.answered, totals.withAnswer)}) |`);
process.exitCode = missed ? 1 : 0;
