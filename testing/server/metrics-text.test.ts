import { describe, expect, it } from 'vitest';
import { histogramQuantile, sample } from './metrics-text.ts';

const text = `# HELP x
feed_lines_total{scope="citizens",outcome="stored"} 7
feed_lines_total{scope="pcr-results",outcome="stored"} 5
feed_lines_total{scope="pcr-results",outcome="rejected"} 2
d_bucket{route="/a",le="0.1"} 50
d_bucket{route="/a",le="0.5"} 90
d_bucket{route="/a",le="+Inf"} 100
d_bucket{route="/b",le="0.1"} 0
d_bucket{route="/b",le="+Inf"} 0
`;

describe('metrics text', () => {
  it('reads one sample by a subset of its labels, 0 when absent', () => {
    expect(sample(text, 'feed_lines_total', { scope: 'pcr-results', outcome: 'rejected' })).toBe(2);
    expect(sample(text, 'feed_lines_total', { scope: 'vaccinations' })).toBe(0);
  });
  it('interpolates a quantile within its bucket, and says NaN with no observations', () => {
    expect(histogramQuantile(text, 'd', { route: '/a' }, 0.5)).toBeCloseTo(0.1);
    expect(histogramQuantile(text, 'd', { route: '/a' }, 0.7)).toBeCloseTo(0.3);
    expect(histogramQuantile(text, 'd', { route: '/a' }, 0.95)).toBe(0.5);
    expect(histogramQuantile(text, 'd', { route: '/b' }, 0.5)).toBeNaN();
  });
});
