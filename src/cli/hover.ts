import type { Verb } from './io';
import { parseArgs, UsageError } from './io';
import { analyzeFile, libraryFor } from './detect';
import { detectAt } from '../core/detect/analysis';
import { detectedText, hoverForDetection } from '../core/detect/hover';
import { topicLabel } from '../core/taxonomy';

/** Splits `FILE:LINE:CHAR` from the right (so Windows paths with a drive colon work). */
export function parsePosition(arg: string): { file: string; line: number; character: number } | null {
  const m = /^(.+):(\d+):(\d+)$/.exec(arg);
  if (!m) return null;
  const line = Number(m[2]);
  const character = Number(m[3]);
  if (line < 1) return null;
  return { file: m[1], line, character };
}

/** `hover FILE:LINE:CHAR [--json] [--guides=PATH]` (LINE 1-based, CHAR 0-based): what the editor's hover shows there, or null. */
export const hover: Verb = async (args, io) => {
  const { positional, flags } = parseArgs(args);
  const position = positional.length === 1 ? parsePosition(positional[0]) : null;
  if (!position) throw new UsageError('hover needs FILE:LINE:CHAR (LINE from 1, CHAR from 0), e.g. `hover app/signals.py:12:5`');
  const analysis = analyzeFile(position.file, io);
  if (!analysis) return 1;
  if (position.line > analysis.lineCount) {
    io.err(`${position.file}: line ${position.line} is past the end (${analysis.lineCount} lines)`);
    return 1;
  }
  // The library is loaded only when there is something to show.
  const detection = detectAt(analysis, position.line - 1, position.character);
  const model = detection && hoverForDetection(detection, libraryFor(flags, io), detectedText(analysis, detection));
  const json = model && { ...model, range: { ...model.range, line: model.range.line + 1 } };
  if (flags.has('json')) {
    io.out(JSON.stringify(json, null, 2));
    return 0;
  }
  if (!json) {
    io.out(`nothing to show at ${positional[0]}`);
    return 0;
  }
  io.out(`${json.title}  —  ${json.topics.map(topicLabel).join(', ')}  (line ${json.range.line}, characters ${json.range.start}-${json.range.end}, rule ${json.ruleId})`);
  io.out(`What interviewers probe: ${json.probe}`);
  if (json.nothing) io.out(`${json.nothing} Search the guides: "${json.search}"`);
  json.questions.forEach((q, i) => {
    io.out(`${i + 1}. ${q.question}  [${q.id}]`);
    if (q.preview) io.out(`   ${q.preview}`);
  });
  return 0;
};
