/** A bench row: one measured operation. Times in milliseconds. */
export interface BenchRow {
  name: string;
  /** What was measured, e.g. "5 guides, 266 questions". */
  detail: string;
  p50: number;
  p99: number;
  mean: number;
  runs: number;
  /** Target from DESIGN/issues, e.g. { p99: 5 } meaning p99 under 5 ms. */
  target?: { p50?: number; p99?: number; mean?: number };
  /** Extra figures (sizes in bytes etc.) for rows that are not timings. */
  value?: number;
  unit?: string;
}

/**
 * A full collection, when the bench runs with --expose-gc (npm run bench does): every measurement
 * starts on a collected heap, so its timings pay for collecting its own garbage, not what the rows
 * before it left behind.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Times `fn` `runs` times after `warmup` untimed calls; returns percentiles in ms. */
export function measure(name: string, detail: string, fn: (i: number) => unknown, runs = 200, warmup = 20): BenchRow {
  collectGarbage();
  for (let i = 0; i < warmup; i++) fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { name, detail, ...summarize(times) };
}

/** p50, p99 (nearest rank, so the largest of fewer than 100 samples), mean and count of samples. */
export function summarize(samples: readonly number[]): Pick<BenchRow, 'p50' | 'p99' | 'mean' | 'runs'> {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: pick(0.5), p99: pick(0.99), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, runs: sorted.length };
}
