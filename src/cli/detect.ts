import type { CliIo, Verb } from './io';
import { parseArgs, UsageError } from './io';
import { analyzeDocument, type DocumentAnalysis } from '../core/detect/analysis';
import { readSourceFile } from '../core/detect/scanFs';
import { indexGuidePaths, loadBundledLibrary } from '../core/bundled';
import { Library } from '../core/library';

/** The library for `hover` and `scan`: the guides under `--guides=PATH` when given, else the bundled index. */
export function libraryFor(flags: Map<string, string | true>, io: CliIo): Library {
  const guides = flags.get('guides');
  if (typeof guides !== 'string') return loadBundledLibrary();
  const index = indexGuidePaths([guides]);
  for (const e of index.errors) io.err(`${e.file}: ${e.message}`);
  return Library.fromIndexes([index]);
}

/** Reads and analyses FILE for `detect` and `hover`; reports why not (stderr) and returns null when it cannot. */
export function analyzeFile(file: string, io: CliIo): DocumentAnalysis | null {
  let source;
  try {
    source = readSourceFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.err(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : `could not be read (${(e as Error).message})`}`);
    return null;
  }
  if (source.binary) {
    io.err(`${file}: the file looks binary; nothing to detect`);
    return null;
  }
  if (source.note) io.err(`${file}: ${source.note}`);
  const analysis = analyzeDocument(source.text, file);
  if (analysis.degraded === 'unsupported') {
    io.err(`${file}: not a Python module or Django template (.py, .html)`);
    return null;
  }
  if (analysis.degraded === 'too-large') io.err(`${file}: too large to analyse; nothing detected`);
  return analysis;
}

/** `detect FILE [--json]`: every Django construct in FILE (line 1-based, start/end 0-based, end exclusive). */
export const detect: Verb = async (args, io) => {
  const { positional, flags } = parseArgs(args);
  if (positional.length !== 1) throw new UsageError('detect needs one FILE, e.g. `detect app/signals.py`');
  const file = positional[0];
  const analysis = analyzeFile(file, io);
  if (!analysis) return 1;
  const rows = analysis.detections().map(d => ({
    line: d.line + 1,
    start: d.start,
    end: d.end,
    ruleId: d.ruleId,
    topics: d.topics,
    text: analysis.text.slice(analysis.lineStarts[d.line] + d.start, analysis.lineStarts[d.line] + d.end),
  }));
  if (flags.has('json')) io.out(JSON.stringify(rows, null, 2));
  else if (rows.length === 0) io.out(`${file}: no Django constructs found`);
  else {
    for (const r of rows) io.out(`${file}:${r.line}:${r.start}-${r.end}\t${r.ruleId}\t${r.topics.join(',')}\t${r.text}`);
    io.out(`${rows.length} construct${rows.length === 1 ? '' : 's'}`);
  }
  return 0;
};
