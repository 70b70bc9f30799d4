// The core from the command line (DESIGN §7): `django-coach VERB [ARGS] [--json]`.
import type { CliIo, Verb } from './cli/io';
import { UsageError } from './cli/io';
import { index } from './cli/index';
import { search } from './cli/search';
import { detect } from './cli/detect';
import { hover } from './cli/hover';
import { scan } from './cli/scan';
import { insights } from './cli/insights';

const VERBS: Record<string, Verb> = {
  index,
  search,
  detect,
  hover,
  scan,
  insights,
};

const USAGE = `usage: django-coach <verb> [args] [--json]
  index [PATH…]          list every question (default: the bundled guides)
  search QUERY           ranked questions for QUERY
  detect FILE            Django constructs found in FILE
  hover FILE:LINE:CHAR   what the editor's hover shows there (LINE 1-based, CHAR 0-based)
  scan DIR               study plan for a Django project
  insights PATH          interview pitfalls in a file or folder (--list: the insight table)`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [verb, ...args] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    io.out(USAGE);
    return verb ? 0 : 2;
  }
  const run = VERBS[verb];
  if (!run) {
    io.err(`unknown verb '${verb}'\n${USAGE}`);
    return 2;
  }
  try {
    return await run(args, io);
  } catch (e) {
    io.err(e instanceof UsageError ? `${e.message}\n${USAGE}` : `error: ${e instanceof Error ? e.message : String(e)}`);
    return e instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) {
  // `django-coach index | head`: a closed pipe ends the output quietly.
  process.stdout.on('error', e => { if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0); else throw e; });
  main(process.argv.slice(2), { out: t => process.stdout.write(t + '\n'), err: t => process.stderr.write(t + '\n') }).then(code => {
    process.exitCode = code;
  });
}
