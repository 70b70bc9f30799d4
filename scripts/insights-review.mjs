#!/usr/bin/env node
// Precision of the interview insights on real projects (issue 14), from the review files:
//
//   node scripts/insights-review.mjs [--projects DIR] [--only DJC006,DJC009] [--json]
//                                    [--reviews DIR] [--cli PATH]
//
// Runs the built CLI (`dist/cli.js insights PROJECT --json`) over every project of DIR/COMMITS.txt
// (default DIR /work/refs/projects), matches each finding to test/fixtures/insights/review/DJC0NN.tsv
// by (insight id, project, path, line) and prints, per insight: findings, reviewed right, reviewed
// wrong, unreviewed, precision (right / reviewed) and stale rows (rows that match no finding).
// Exit 1 when a finding is unreviewed, a row is stale or a review file has a bad row (a changed
// check must be re-reviewed), 2 on bad arguments or a missing project, 0 otherwise.
// The projects and commits the review was made on are in test/fixtures/insights/review/PROJECTS.txt.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable, parseProjects, parseReview, reviewTable } from './insightsReviewTable.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: node scripts/insights-review.mjs [--projects DIR] [--only DJC0NN,…] [--json] [--reviews DIR] [--cli PATH]';

function options(argv) {
  const o = { projects: '/work/refs/projects', only: null, json: false, reviews: path.join(ROOT, 'test/fixtures/insights/review'), cli: path.join(ROOT, 'dist/cli.js') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--json') o.json = true;
    else if (a === '--projects') o.projects = value();
    else if (a === '--reviews') o.reviews = value();
    else if (a === '--cli') o.cli = value();
    else if (a === '--only') {
      o.only = value().split(',').map(s => s.trim()).filter(Boolean);
      const bad = o.only.filter(id => !/^DJC\d{3}$/.test(id));
      if (bad.length || !o.only.length) throw new Error(`--only takes insight ids like DJC006,DJC009 (got "${bad.join(',')}")`);
    } else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

function main() {
  let o;
  try {
    o = options(process.argv.slice(2));
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  const commitsFile = path.join(o.projects, 'COMMITS.txt');
  if (!fs.existsSync(commitsFile)) {
    console.error(`${commitsFile} not found: --projects names a folder with COMMITS.txt ("name owner/repo commit" per line)`);
    return 2;
  }
  if (!fs.existsSync(o.cli)) {
    console.error(`${o.cli} not found: build first (npm run build), or run npm run insights:review`);
    return 2;
  }
  const projects = parseProjects(fs.readFileSync(commitsFile, 'utf8'));
  const missing = projects.filter(p => !fs.existsSync(path.join(o.projects, p.name)));
  if (missing.length) {
    console.error(`projects listed in ${commitsFile} but missing: ${missing.map(p => p.name).join(', ')}`);
    return 2;
  }
  // The review was made on the projects of PROJECTS.txt; other commits make its rows meaningless.
  const reviewedOn = path.join(o.reviews, 'PROJECTS.txt');
  if (fs.existsSync(reviewedOn)) {
    const pinned = new Map(parseProjects(fs.readFileSync(reviewedOn, 'utf8')).map(p => [p.name, p.commit]));
    const differ = projects.filter(p => pinned.get(p.name) !== p.commit);
    if (differ.length) console.error(`note: not the commits the review was made on (${reviewedOn}): ${differ.map(p => p.name).join(', ')}`);
  }

  const findings = [];
  for (const p of projects) {
    const out = execFileSync(process.execPath, [o.cli, 'insights', path.join(o.projects, p.name), '--json'], { maxBuffer: 1 << 28, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    for (const f of JSON.parse(out)) findings.push({ insightId: f.insightId, project: p.name, path: f.file, line: f.line, message: f.message });
  }

  const rows = [];
  const problems = [];
  const files = fs.existsSync(o.reviews) ? fs.readdirSync(o.reviews).filter(f => /^DJC\d{3}\.tsv$/.test(f)).sort() : [];
  for (const f of files) {
    const id = f.slice(0, -4);
    if (o.only && !o.only.includes(id)) continue;
    const parsed = parseReview(id, fs.readFileSync(path.join(o.reviews, f), 'utf8'), f);
    rows.push(...parsed.rows);
    problems.push(...parsed.problems);
  }
  // Every insight of the table and every review file has a row, even with no findings.
  const table = JSON.parse(execFileSync(process.execPath, [o.cli, 'insights', '--list', '--json'], { encoding: 'utf8' })).map(d => d.id);
  const ids = o.only ?? [...new Set([...table, ...files.map(f => f.slice(0, -4)), ...findings.map(f => f.insightId), ...rows.map(r => r.insightId)])].sort();
  const result = reviewTable(findings, rows, ids);

  if (o.json) {
    console.log(JSON.stringify({ projects: projects.length, table: result.rows, unreviewed: result.unreviewed, stale: result.stale, problems }, null, 2));
  } else {
    console.log(`${projects.length} projects from ${commitsFile}; reviews in ${path.relative(process.cwd(), o.reviews) || '.'}\n`);
    console.log(formatTable(result.rows));
    if (result.unreviewed.length) {
      console.log(`\nunreviewed findings (${result.unreviewed.length}):`);
      for (const f of result.unreviewed) console.log(`${f.insightId}\t${f.project}\t${f.path}\t${f.line}\t${f.message ?? ''}`);
    }
    if (result.stale.length) {
      console.log(`\nstale review rows (${result.stale.length}):`);
      for (const s of result.stale) console.log(`${s.insightId}.tsv:${s.at}\t${s.project}\t${s.path}\t${s.line}\t${s.why}`);
    }
    if (problems.length) console.log(`\nbad review rows (${problems.length}):\n${problems.join('\n')}`);
  }
  return result.unreviewed.length || result.stale.length || problems.length ? 1 : 0;
}

process.exitCode = main();
