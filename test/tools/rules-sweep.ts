// node out/test/tools/rules-sweep.js [--projects=DIR] [--out=FILE] [--rule=ID --sample=N] — runs detection
// (what `django-coach detect FILE` prints, in one process) over every .py and .html file of the projects
// under DIR (default /work/refs/projects), for checking rules against real code before adding them
// (test/fixtures/rules-precision.md records the verdicts).
//   default: hits per rule (and per project), written as JSON to --out when given;
//   --rule=ID --sample=N: N hits of that rule picked evenly over all of them (every hit when fewer),
//   each with its file, line and the line's text, for reading.
import fs from 'node:fs';
import path from 'node:path';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { readSourceFile } from '../../src/core/detect/scanFs';

const flag = (name: string) => process.argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const root = flag('projects') ?? '/work/refs/projects';
const onlyRule = flag('rule');
const sample = Number(flag('sample') ?? 30);

function* files(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile() && /\.(py|html)$/.test(e.name)) yield p;
  }
}

interface Hit { project: string; file: string; line: number; text: string; source: string }

const counts = new Map<string, Map<string, number>>();
const hits: Hit[] = [];
const projects = fs.readdirSync(root, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name).sort();
let fileCount = 0;
for (const project of projects) {
  for (const file of files(path.join(root, project))) {
    const source = readSourceFile(file);
    if (source.binary) continue;
    fileCount++;
    const analysis = analyzeDocument(source.text, file);
    for (const d of analysis.detections()) {
      const perProject = counts.get(d.ruleId) ?? new Map<string, number>();
      counts.set(d.ruleId, perProject);
      perProject.set(project, (perProject.get(project) ?? 0) + 1);
      if (d.ruleId !== onlyRule) continue;
      const lineText = analysis.text.slice(analysis.lineStarts[d.line], analysis.lineEnds[d.line]);
      hits.push({ project, file: path.relative(root, file), line: d.line + 1, text: lineText.slice(d.start, d.end), source: lineText.trim() });
    }
  }
}

if (onlyRule) {
  const step = Math.max(1, hits.length / sample);
  const picked = hits.length <= sample ? hits : Array.from({ length: sample }, (_, i) => hits[Math.floor(i * step)]);
  console.log(`${onlyRule}: ${hits.length} hits in ${fileCount} files; showing ${picked.length}`);
  for (const h of picked) console.log(`${h.file}:${h.line}\t[${h.text}]\t${h.source.slice(0, 160)}`);
} else {
  const table = Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, per]) => {
    let total = 0;
    for (const n of per.values()) total += n;
    return [rule, { total, ...Object.fromEntries(per) }];
  }));
  const out = flag('out');
  if (out) fs.writeFileSync(out, JSON.stringify({ files: fileCount, rules: table }, null, 1));
  console.log(`${fileCount} files`);
  for (const [rule, row] of Object.entries(table)) console.log(`${String(row.total).padStart(6)}  ${rule}`);
}
