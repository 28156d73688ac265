/** Reading the server's GET /metrics (Prometheus text format) in tests and benchmarks. */

/** The sample lines of metric `name` whose labels include `labels`. */
function* samples(text: string, name: string, labels: Record<string, string>): Generator<string> {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((label) => line.includes(label))) yield line;
  }
}

const valueOf = (line: string) => Number(line.slice(line.lastIndexOf(' ') + 1));

/** The value of one sample line, 0 when absent; `labels` need only be a subset of the line's. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of samples(text, name, labels)) return valueOf(line);
  return 0;
}

/**
 * A quantile of a histogram from its cumulative buckets (`<name>_bucket{le=…}`), as Prometheus's
 * histogram_quantile does: linear within the bucket it falls in. NaN with no observations.
 */
export function histogramQuantile(text: string, name: string, labels: Record<string, string>, quantile: number): number {
  const buckets: { le: number; count: number }[] = [];
  for (const line of samples(text, `${name}_bucket`, labels)) {
    const le = /le="([^"]+)"/.exec(line)?.[1];
    if (le !== undefined) buckets.push({ le: le === '+Inf' ? Infinity : Number(le), count: valueOf(line) });
  }
  buckets.sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return NaN;
  const rank = quantile * total;
  let lower = 0;
  let below = 0;
  for (const bucket of buckets) {
    if (bucket.count >= rank) {
      if (bucket.le === Infinity) return lower;
      return lower + ((bucket.le - lower) * (rank - below)) / Math.max(1, bucket.count - below);
    }
    lower = bucket.le;
    below = bucket.count;
  }
  return lower;
}

export async function readMetrics(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`);
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  return response.text();
}
