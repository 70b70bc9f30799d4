// The pure part of `npm run insights:review` (issue 14, precision): reading the project list and the
// review files, and matching a run's findings to the reviewed verdicts, insight by insight.
// No file system here: scripts/insights-review.mjs reads and runs, this module decides.

/**
 * The projects of a COMMITS.txt / PROJECTS.txt: `name owner/repo commit` per line, `#` comments.
 * @param {string} text
 * @returns {{ name: string, repo: string, commit: string }[]}
 */
export function parseProjects(text) {
  const out = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [name, repo, commit, ...rest] = line.split(/\s+/);
    if (!name || !repo || !/^[0-9a-f]{7,40}$/i.test(commit ?? '') || rest.length) throw new Error(`line ${i + 1}: expected "name owner/repo commit", got "${line}"`);
    out.push({ name, repo, commit });
  }
  return out;
}

/**
 * One review file (`DJC0NN.tsv`): `project<TAB>path<TAB>line<TAB>verdict<TAB>reason` rows, `#` comments.
 * Bad rows are returned as problems (with their line), never dropped silently.
 * @param {string} insightId
 * @param {string} text
 * @param {string} [fileName] for messages
 */
export function parseReview(insightId, text, fileName = `${insightId}.tsv`) {
  /** @type {{ insightId: string, project: string, path: string, line: number, verdict: 'right'|'wrong', reason: string, at: number }[]} */
  const rows = [];
  /** @type {string[]} */
  const problems = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    if (!raw.trim() || raw.startsWith('#')) continue;
    const cols = raw.split('\t');
    const at = `${fileName}:${i + 1}`;
    if (cols.length !== 5) {
      problems.push(`${at}: expected 5 tab-separated columns (project, path, line, verdict, reason), got ${cols.length}`);
      continue;
    }
    const [project, path, lineText, verdict, reason] = cols;
    const line = Number(lineText);
    if (!project || !path || path.includes('\\')) problems.push(`${at}: project and a /-separated path are needed`);
    else if (!Number.isInteger(line) || line < 1) problems.push(`${at}: line must be a 1-based number, got "${lineText}"`);
    else if (verdict !== 'right' && verdict !== 'wrong') problems.push(`${at}: verdict must be right or wrong, got "${verdict}"`);
    else if (!reason.trim()) problems.push(`${at}: the reason is empty`);
    else rows.push({ insightId, project, path, line, verdict, reason, at: i + 1 });
  }
  return { rows, problems };
}

const keyOf = (/** @type {{ insightId: string, project: string, path: string, line: number }} */ x) => `${x.insightId}\t${x.project}\t${x.path}\t${x.line}`;

/**
 * Matches findings to review rows by (insight id, project, path, line) and counts, per insight.
 * Several findings of one insight on one line share its row. A row that matches no finding is stale,
 * and so is a second row for the same key.
 * @param {{ insightId: string, project: string, path: string, line: number, message?: string }[]} findings
 * @param {ReturnType<typeof parseReview>['rows']} rows
 * @param {string[]} [insightIds] the insights to report (default: every id in findings or rows)
 */
export function reviewTable(findings, rows, insightIds) {
  const ids = insightIds ?? [...new Set([...findings.map(f => f.insightId), ...rows.map(r => r.insightId)])].sort();
  const wanted = new Set(ids);
  /** @type {Map<string, typeof rows[number]>} */
  const byKey = new Map();
  const stale = [];
  for (const r of rows) {
    if (!wanted.has(r.insightId)) continue;
    if (byKey.has(keyOf(r))) stale.push({ ...r, why: 'duplicate row' });
    else byKey.set(keyOf(r), r);
  }
  const used = new Set();
  const unreviewed = [];
  const table = new Map(ids.map(id => [id, { insightId: id, findings: 0, right: 0, wrong: 0, unreviewed: 0, precision: /** @type {number|null} */ (null), stale: 0 }]));
  for (const f of findings) {
    const t = table.get(f.insightId);
    if (!t) continue;
    t.findings++;
    const r = byKey.get(keyOf(f));
    if (!r) {
      t.unreviewed++;
      unreviewed.push(f);
      continue;
    }
    used.add(keyOf(f));
    if (r.verdict === 'right') t.right++;
    else t.wrong++;
  }
  for (const [key, r] of byKey) if (!used.has(key)) stale.push({ ...r, why: 'no finding on this line' });
  for (const s of stale) table.get(s.insightId).stale++;
  for (const t of table.values()) t.precision = t.right + t.wrong ? t.right / (t.right + t.wrong) : null;
  stale.sort((a, b) => a.insightId.localeCompare(b.insightId) || a.at - b.at);
  return { rows: [...table.values()], unreviewed, stale };
}

/** The table as text, one row per insight. */
export function formatTable(/** @type {ReturnType<typeof reviewTable>['rows']} */ rows) {
  const head = ['insight', 'findings', 'right', 'wrong', 'unreviewed', 'precision', 'stale'];
  const body = rows.map(r => [r.insightId, r.findings, r.right, r.wrong, r.unreviewed, r.precision === null ? '—' : `${(100 * r.precision).toFixed(1)}%`, r.stale].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map(b => b[i].length)));
  const fmt = (/** @type {string[]} */ cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [fmt(head), ...body.map(fmt)].join('\n');
}
