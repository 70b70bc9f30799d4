// Insight cost (issue 14: "insights add at most 50% to a file's detection time"): detection of the
// generated 3,000/6,000-line modules of detect.bench.ts, the same plus findInsights on the same
// analysis, and the ratio of the two costs measured within each run. Twice per size: the bench module
// as it is (its only insight trigger word is `settings.DEBUG`), and the same module with a pitfall
// snippet every ~100 lines, so that the null=True check builds the Code and searches (the mark_safe lines are look-alikes since DJC006 left the table).
import { collectGarbage, measure, summarize, type BenchRow } from './harness';
import { generateModule } from './detect.bench';
import { analyzeDocument } from '../src/core/detect/analysis';
import { findInsights } from '../src/core/insights/index';

/** A snippet that trips DJC009 (with a unique=True look-alike) and holds a mark_safe f-string (DJC006, out of the table: a look-alike now). */
const PITFALLS = `

class ReviewN(models.Model):
    title = models.CharField(max_length=120, null=True, blank=True)
    code = models.CharField(max_length=20, null=True, blank=True, unique=True)
    body = models.TextField(blank=True)


def review_badgeN(review):
    from django.utils.safestring import mark_safe
    return mark_safe(f"<b>{review.title}</b>")
`;

export function withPitfalls(lines: number): string {
  const base = generateModule(lines).split('\n');
  const out: string[] = [];
  let next = 100;
  for (let i = 0; i < base.length; i++) {
    out.push(base[i]);
    // After a blank line before a module-level statement, every ~100 lines.
    if (i >= next && base[i] === '' && /^\S/.test(base[i + 1] ?? '')) {
      out.push(PITFALLS.replace(/N\b/g, String(i)));
      next = i + 100;
    }
  }
  return out.join('\n');
}

/** Detection from scratch then findInsights on the same analysis, timed apart in each run: insight time ÷ detection time. */
function costRatios(text: string, runs: number): { ratios: number[]; findings: number } {
  let findings = 0;
  const once = () => {
    const t0 = process.hrtime.bigint();
    const analysis = analyzeDocument(text, 'm.py');
    analysis.detections();
    const t1 = process.hrtime.bigint();
    findings = findInsights(analysis, 'm.py').length;
    const t2 = process.hrtime.bigint();
    return Number(t2 - t1) / Number(t1 - t0);
  };
  collectGarbage();
  for (let i = 0; i < 5; i++) once();
  return { ratios: Array.from({ length: runs }, once), findings };
}

export function insightsBench(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const size of [3000, 6000]) {
    for (const [kind, text] of [['bench module', generateModule(size)], ['with pitfalls', withPitfalls(size)]] as const) {
      const n = size.toLocaleString('en');
      const lines = text.split('\n').length.toLocaleString('en');
      rows.push(measure(`insights: detection (${n} lines, ${kind})`, `${lines} lines: analysis + detection of every line`,
        () => analyzeDocument(text, 'm.py').detections(), 50, 5));
      rows.push(measure(`insights: detection + findInsights (${n} lines, ${kind})`, `${lines} lines: the same, then findInsights on that analysis`,
        () => { const a = analyzeDocument(text, 'm.py'); a.detections(); return findInsights(a, 'm.py'); }, 50, 5));
      const { ratios, findings } = costRatios(text, 60);
      rows.push({ name: `insights: cost ÷ detection (${n} lines, ${kind})`, detail: `× not ms: findInsights time ÷ detection time, same run (${findings} findings)`,
        ...summarize(ratios), unit: '×', target: { p50: 0.5 } });
    }
  }
  return rows;
}
