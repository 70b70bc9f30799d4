import type { Verb } from './io';
import { parseArgs, UsageError } from './io';
import { libraryFor } from './detect';
import { scanDirectory } from '../core/detect/scanFs';

/** `scan DIR [--no-migrations] [--json] [--guides=PATH]`: a study plan for a Django project — topics its code leans on, questions to practise first. */
export const scan: Verb = async (args, io) => {
  const { positional, flags } = parseArgs(args);
  if (positional.length !== 1) throw new UsageError('scan needs one DIR, e.g. `scan ~/code/shop`');
  const dir = positional[0];
  const library = libraryFor(flags, io);
  let plan;
  try {
    plan = scanDirectory(dir, library, { noMigrations: flags.has('no-migrations') });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.err(`${dir}: ${code === 'ENOENT' ? 'no such folder' : (e as Error).message}`);
    return 1;
  }
  for (const e of plan.errors) io.err(`${e.path}: ${e.message}`);
  if (flags.has('json')) {
    const json = { ...plan, topics: plan.topics.map(t => ({ ...t, examples: t.examples.map(x => ({ ...x, line: x.line + 1 })) })) };
    io.out(JSON.stringify(json, null, 2));
    return 0;
  }
  io.out(`Study plan for ${dir}: ${plan.filesScanned} files scanned, ${plan.constructs} Django constructs in ${plan.filesWithConstructs} files`);
  if (plan.topics.length === 0) io.out('No Django constructs found.');
  plan.topics.forEach((t, i) => {
    const rules = t.rules.slice(0, 4).map(r => `${r.title} ×${r.count}`).join(', ');
    io.out(`\n${i + 1}. ${t.label} — ${t.constructs} construct${t.constructs === 1 ? '' : 's'} in ${t.files} file${t.files === 1 ? '' : 's'} (${rules})`);
    for (const x of t.examples.slice(0, 3)) io.out(`   see ${x.path}:${x.line + 1}`);
    for (const q of t.questions) io.out(`   • ${q.question}  [${q.id}]`);
  });
  if (plan.skipped.length) io.out(`\nSkipped: ${plan.skipped.map(s => `${s.path} (${s.reason})`).join(', ')}`);
  return 0;
};
