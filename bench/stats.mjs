// Latency summaries shared by the benchmark page (in Chromium) and bench/browser.mjs (in Node).

/** The middle sample (the upper one of two). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Count, median, p95, p99 and max of timing samples (nearest-rank, no interpolation). */
export function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: samples.length, median: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) };
}
