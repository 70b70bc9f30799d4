import type { Verb } from './io';
import { parseArgs, UsageError } from './io';
import { loadBundledLibrary } from '../core/bundled';
import { Searcher } from '../core/search';

/** `search QUERY [--limit=N]`: ranked entries, as the editor's search ranks them. */
export const search: Verb = async (args, io) => {
  const { positional, flags } = parseArgs(args);
  const query = positional.join(' ').trim();
  if (!query) throw new UsageError('search needs a query, e.g. `search "N+1"`');
  const limit = Number(flags.get('limit') ?? 10) || 10;
  const library = loadBundledLibrary();
  const results = new Searcher(library).search(query, limit);
  if (flags.has('json')) {
    io.out(JSON.stringify(results.map(r => ({ id: r.entry.id, score: Number(r.score.toFixed(3)), question: r.entry.question, file: r.entry.source.file, line: r.entry.source.line, topics: r.entry.topics })), null, 2));
  } else {
    if (results.length === 0) io.out('no matching questions');
    results.forEach((r, i) => io.out(`${String(i + 1).padStart(2)}. ${r.entry.question}  (${r.entry.source.file}:${r.entry.source.line})`));
  }
  return 0;
};
