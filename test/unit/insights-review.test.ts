// scripts/insights-review.mjs (npm run insights:review): findings matched to review rows by
// (insight id, project, path, line), counted per insight, on a tiny synthetic project
// (test/fixtures/insights/review-synthetic) whose findings and verdicts are written out below by hand.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, ROOT } from './helpers';

const SYNTHETIC = path.join(FIXTURES, 'insights', 'review-synthetic');

interface Lib {
  parseProjects(text: string): { name: string; repo: string; commit: string }[];
  parseReview(id: string, text: string, fileName?: string): { rows: { insightId: string; project: string; path: string; line: number; verdict: string }[]; problems: string[] };
  reviewTable(findings: { insightId: string; project: string; path: string; line: number }[], rows: ReturnType<Lib['parseReview']>['rows'], ids?: string[]): {
    rows: { insightId: string; findings: number; right: number; wrong: number; unreviewed: number; precision: number | null; stale: number }[];
    unreviewed: { line: number }[];
    stale: { line: number; why: string }[];
  };
}

const load = (): Promise<Lib> => import(pathToFileURL(path.join(ROOT, 'scripts', 'insightsReviewTable.mjs')).href);

describe('insights review (scripts/insights-review.mjs)', () => {
  const f = (line: number, insightId = 'DJC009', project = 'tiny', p = 'shop/models.py') => ({ insightId, project, path: p, line });

  it('counts right, wrong, unreviewed and stale per insight; two findings on one line share a row', async () => {
    const lib = await load();
    const review = 'tiny\tshop/models.py\t5\tright\tr\ntiny\tshop/models.py\t6\twrong\tw\ntiny\tshop/models.py\t9\tright\tr\ntiny\tshop/models.py\t8\twrong\tgone\n';
    const { rows, problems } = lib.parseReview('DJC009', review);
    assert.deepEqual(problems, []);
    const t = lib.reviewTable([f(5), f(6), f(7), f(9), f(9), f(5, 'DJC006')], rows, ['DJC006', 'DJC009']);
    assert.deepEqual(t.rows, [
      { insightId: 'DJC006', findings: 1, right: 0, wrong: 0, unreviewed: 1, precision: null, stale: 0 },
      { insightId: 'DJC009', findings: 5, right: 3, wrong: 1, unreviewed: 1, precision: 0.75, stale: 1 },
    ]);
    assert.deepEqual(t.unreviewed.map(u => u.line), [7, 5]);
    assert.deepEqual(t.stale.map(s => [s.line, s.why]), [[8, 'no finding on this line']]);
  });

  it('a row matches only its own insight, project, path and line; a repeated row is stale', async () => {
    const lib = await load();
    const { rows } = lib.parseReview('DJC009', 'tiny\tshop/models.py\t5\tright\tr\ntiny\tshop/models.py\t5\twrong\tagain\n');
    const t = lib.reviewTable([f(5), f(5, 'DJC006'), f(5, 'DJC009', 'other'), f(5, 'DJC009', 'tiny', 'shop/views.py'), f(4)], rows, ['DJC009']);
    assert.deepEqual(t.rows[0], { insightId: 'DJC009', findings: 4, right: 1, wrong: 0, unreviewed: 3, precision: 1, stale: 1 });
    assert.deepEqual(t.stale.map(s => s.why), ['duplicate row']);
  });

  it('a complete review has nothing unreviewed or stale', async () => {
    const lib = await load();
    const { rows } = lib.parseReview('DJC010', '# header\n\ntiny\tsettings.py\t3\twrong\tdev settings\n');
    const t = lib.reviewTable([f(3, 'DJC010', 'tiny', 'settings.py')], rows);
    assert.deepEqual([t.rows[0].precision, t.unreviewed.length, t.stale.length], [0, 0, 0]);
  });

  it('bad rows and project lines are reported with their line, not dropped', async () => {
    const lib = await load();
    const { rows, problems } = lib.parseReview('DJC009', 'tiny\ta.py\t0\tright\tr\ntiny\ta.py\t3\tmaybe\tr\ntiny\ta.py\t3\tright\ntiny\ta.py\t4\twrong\t \n', 'DJC009.tsv');
    assert.equal(rows.length, 0);
    assert.deepEqual(problems.map(p => p.replace(/:.*?:/, ':')), [
      'DJC009.tsv: line must be a 1-based number, got "0"',
      'DJC009.tsv: verdict must be right or wrong, got "maybe"',
      'DJC009.tsv: expected 5 tab-separated columns (project, path, line, verdict, reason), got 4',
      'DJC009.tsv: the reason is empty',
    ]);
    assert.deepEqual(lib.parseProjects('# c\nnetbox netbox-community/netbox 43fe81f9e833228c9869f7ddadb67e6c5f145060\n'), [{ name: 'netbox', repo: 'netbox-community/netbox', commit: '43fe81f9e833228c9869f7ddadb67e6c5f145060' }]);
    assert.throws(() => lib.parseProjects('netbox netbox-community/netbox\n'), /line 1/);
  });

  it('the script runs the CLI over the synthetic project and exits 1 on an unreviewed finding and a stale row', () => {
    const run = spawnSync(process.execPath, [
      path.join(ROOT, 'scripts', 'insights-review.mjs'), '--projects', path.join(SYNTHETIC, 'projects'), '--reviews', path.join(SYNTHETIC, 'reviews'),
      '--cli', path.join(ROOT, 'out', 'src', 'cli.js'), '--only', 'DJC009', '--json',
    ], { encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    const out = JSON.parse(run.stdout);
    // models.py: findings on lines 5, 6, 7 and twice on 9 (line 8 is unique=True); the review has 5 right, 6 wrong, 9 right, 8 (stale).
    assert.deepEqual(out.table, [{ insightId: 'DJC009', findings: 5, right: 3, wrong: 1, unreviewed: 1, precision: 0.75, stale: 1 }]);
    assert.deepEqual(out.unreviewed.map((u: { path: string; line: number }) => `${u.path}:${u.line}`), ['shop/models.py:7']);
    assert.deepEqual(out.stale.map((s: { line: number }) => s.line), [8]);
  });

  it('the script refuses an unknown argument and a folder without COMMITS.txt', () => {
    const script = path.join(ROOT, 'scripts', 'insights-review.mjs');
    const bad = spawnSync(process.execPath, [script, '--frobnicate'], { encoding: 'utf8' });
    assert.deepEqual([bad.status, /unknown argument --frobnicate/.test(bad.stderr)], [2, true]);
    const none = spawnSync(process.execPath, [script, '--projects', SYNTHETIC], { encoding: 'utf8' });
    assert.deepEqual([none.status, /COMMITS\.txt not found/.test(none.stderr)], [2, true]);
  });
});
