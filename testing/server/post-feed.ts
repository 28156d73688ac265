import { endpoints } from '../../core/contract/endpoints.ts';
import type { FeedResult, FeedScope } from '../../core/contract/feeds.ts';
import { mod11CheckCharacter } from '../../core/identity/check-digits.ts';

/**
 * Helpers for tests, e2e specs and benchmarks that act as a data provider: valid ID numbers and a feed posted
 * over real HTTP. Free of any test runner, so Vitest and Playwright alike import them.
 */

/** An 18-digit resident ID: `first17` followed by its check character. */
export const withCheckCharacter = (first17: string): string => first17 + mod11CheckCharacter(first17);

/** A valid ID number, distinct for each n below 1000; `born` (8 digits) and `region` (6) keep suites apart. */
export function testIdNumber(n: number, born = '19850101', region = '110101'): string {
  return withCheckCharacter(`${region}${born}${String(n).padStart(3, '0')}`);
}

/**
 * Posts `lines` as one NDJSON feed, or a body already NDJSON as a stream (sent as it is read, as a provider's
 * large file would be); a refused request (not 200) throws, so the test fails there.
 */
export async function postFeed(baseUrl: string, scope: FeedScope, key: string, lines: readonly object[] | ReadableStream<Uint8Array>): Promise<FeedResult> {
  const streamed = lines instanceof ReadableStream;
  const init: RequestInit & { duplex?: 'half' } = {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` },
    body: streamed ? lines : lines.map((line) => JSON.stringify(line)).join('\n'),
    ...(streamed ? { duplex: 'half' } : {}),
  };
  const response = await fetch(`${baseUrl}/api/feeds/${scope}`, init);
  if (response.status !== 200) throw new Error(`feed ${scope} answered ${response.status}: ${await response.text()}`);
  return endpoints.postFeed.response.parse(await response.json());
}
