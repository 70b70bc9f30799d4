import type { Verb } from './io';
import { parseArgs } from './io';
import { indexGuidePaths, loadBundledIndex } from '../core/bundled';
import type { GuideIndex, GuideReport } from '../core/types';
import { describeReport } from '../core/parse/report';

/**
 * `index [PATH…]`: every entry of the bundled library, or of the guides at PATH, and what each file gave.
 * `--json` prints `{ files, questions }`: one report per file read (questions, answered, problem, hint)
 * and one row per question.
 */
export const index: Verb = async (args, io) => {
  const { positional, flags } = parseArgs(args);
  const idx: GuideIndex = positional.length ? indexGuidePaths(positional) : loadBundledIndex();
  for (const e of idx.errors) io.err(`${e.file}: ${e.message}`);
  const rows = idx.entries.map(e => ({
    id: e.id,
    file: e.source.file,
    line: e.source.line,
    question: e.question,
    section: e.section,
    ...(e.level ? { level: e.level } : {}),
    topics: e.topics,
    hasAnswer: e.hasAnswer,
    ...(e.canonicalId ? { canonicalId: e.canonicalId } : {}),
    ...(e.relatedIds ? { relatedIds: e.relatedIds } : {}),
  }));
  const files: GuideReport[] = [...(idx.reports ?? [])];
  // Files that could not be read at all (a missing path) have an error but no report.
  for (const e of idx.errors) if (!files.some(f => f.file === e.file)) files.push({ file: e.file, bytes: 0, questions: 0, answered: 0, problem: e.message });
  if (flags.has('json')) io.out(JSON.stringify({ files, questions: rows }, null, 2));
  else {
    for (const r of rows) io.out(`${r.file}:${r.line}\t${r.topics.join(',')}\t${r.hasAnswer ? '' : '(no answer) '}${r.question}`);
    for (const f of files) if (!f.problem) io.out(describeReport(f));
    io.out(`${rows.length} questions from ${idx.guides.length} guides${idx.errors.length ? `, ${idx.errors.length} files skipped` : ''}`);
  }
  return idx.errors.length && rows.length === 0 ? 1 : 0;
};
