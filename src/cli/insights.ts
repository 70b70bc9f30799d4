import fs from 'node:fs';
import type { CliIo, Verb } from './io';
import { parseArgs, UsageError } from './io';
import { analyzeFile } from './detect';
import { analyzeDocument, type DocumentAnalysis } from '../core/detect/analysis';
import { walkSourceFiles } from '../core/detect/scanFs';
import { findInsights, INSIGHTS, insightById, type InsightFinding, type InsightRange } from '../core/insights/index';
import { TemplateFacts } from '../core/insights/templateFacts';

/** One finding as the CLI prints it: lines 1-based, characters 0-based, `end` exclusive (as `detect`). */
interface InsightRow {
  file: string;
  line: number;
  start: number;
  endLine: number;
  end: number;
  insightId: string;
  topics: string[];
  text: string;
  message: string;
  questionIds: string[];
  related?: { line: number; start: number; endLine: number; end: number; message: string }[];
  fix?: { title: string; edits: { line: number; start: number; endLine: number; end: number; newText: string }[] };
}

const oneBased = <T extends InsightRange>(r: T): T => ({ ...r, line: r.line + 1, endLine: r.endLine + 1 });

function rowsOf(file: string, analysis: DocumentAnalysis, findings: InsightFinding[]): InsightRow[] {
  return findings.map(f => {
    const def = insightById(f.insightId)!;
    const { range } = f;
    const text = analysis.text.slice(analysis.lineStarts[range.line] + range.start, analysis.lineStarts[range.endLine] + range.end);
    return {
      file,
      line: range.line + 1,
      start: range.start,
      endLine: range.endLine + 1,
      end: range.end,
      insightId: f.insightId,
      topics: [def.topic],
      text,
      message: f.message,
      questionIds: def.questionIds,
      ...(f.related ? { related: f.related.map(r => ({ ...oneBased(r.range), message: r.message })) } : {}),
      ...(f.fix ? { fix: { title: f.fix.title, edits: f.fix.edits.map(oneBased) } } : {}),
    };
  });
}

/** `insights --list`: the insight table. */
function list(json: boolean, io: CliIo): number {
  if (json) io.out(JSON.stringify(INSIGHTS, null, 2));
  else for (const d of INSIGHTS) io.out(`${d.id}\t${d.title}\t${d.finds}\t${d.questionIds.join(',')}`);
  return 0;
}

/**
 * `insights PATH [--json] [--no-migrations] | --list`: the interview pitfalls in a file, or in every
 * Python file of a folder (walked as `scan` walks it) and then in its templates (DJC012, from the
 * folder's views and models). A template given alone has no views: nothing is found in it.
 */
export const insights: Verb = async (args, io) => {
  const { positional, flags } = parseArgs(args);
  const json = flags.has('json');
  if (flags.has('list')) return list(json, io);
  if (positional.length !== 1) throw new UsageError('insights needs one FILE or DIR, e.g. `insights app/views.py`, or --list');
  const target = positional[0];
  const rows: InsightRow[] = [];
  let files = 0;
  let isDir = false;
  try {
    isDir = fs.statSync(target).isDirectory();
  } catch {
    // analyzeFile reports a missing file.
  }
  let templates = 0;
  if (isDir) {
    // DJC012 needs every view and model first: the Python files build the facts, then the templates are checked.
    const facts = new TemplateFacts();
    const pending: { name: string; analysis: DocumentAnalysis }[] = [];
    walkSourceFiles(target, {
      file: (name, text) => {
        const analysis = analyzeDocument(text, name);
        if (analysis.kind === 'template') {
          templates++;
          facts.addTemplate(name);
          if (text.includes('{%')) pending.push({ name, analysis });
          return;
        }
        if (analysis.kind !== 'python') return;
        files++;
        facts.setPython(name, text, analysis);
        rows.push(...rowsOf(name, analysis, findInsights(analysis, name)));
      },
      skipped: () => {},
      error: (name, message) => io.err(`${name}: ${message}`),
    }, { noMigrations: flags.has('no-migrations') });
    // Each template's analysis from the walk is checked now that every view is in.
    for (const t of pending) rows.push(...rowsOf(t.name, t.analysis, facts.findings(t.name, t.analysis)));
  } else {
    const analysis = analyzeFile(target, io);
    if (!analysis) return 1;
    if (analysis.kind === 'template') templates = 1;
    else files = 1;
    rows.push(...rowsOf(target, analysis, findInsights(analysis, target)));
  }
  const where = [files || !templates ? `${files} Python file${files === 1 ? '' : 's'}` : '', templates ? `${templates} template${templates === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
  if (json) io.out(JSON.stringify(rows, null, 2));
  else if (rows.length === 0 && !isDir && templates) io.out(`${target}: no insights (a template's pitfalls come from the views that render it: run insights on the project's folder)`);
  else if (rows.length === 0) io.out(`${target}: no insights in ${where}`);
  else {
    for (const r of rows) io.out(`${r.file}:${r.line}:${r.start}-${r.end}\t${r.insightId}\t${r.message}\t${r.questionIds.join(',')}`);
    io.out(`${rows.length} insight${rows.length === 1 ? '' : 's'} in ${where}`);
  }
  return 0;
};
