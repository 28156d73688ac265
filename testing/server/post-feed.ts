import { expect } from 'vitest';
import { endpoints } from '../../core/contract/endpoints.ts';
import type { FeedResult, FeedScope } from '../../core/contract/feeds.ts';
import { mod11CheckCharacter } from '../../core/identity/check-digits.ts';

/** Helpers for tests that act as a data provider: valid ID numbers and a feed posted over real HTTP. */

/** A valid ID number, distinct for each n; `born` (YYYYMMDD) keeps suites apart. */
export function testIdNumber(n: number, born = '19850101'): string {
  const first17 = `110101${born}${String(n).padStart(3, '0')}`;
  return first17 + mod11CheckCharacter(first17);
}

export async function postFeed(baseUrl: string, scope: FeedScope, key: string, lines: readonly object[]): Promise<FeedResult> {
  const response = await fetch(`${baseUrl}/api/feeds/${scope}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` },
    body: lines.map((line) => JSON.stringify(line)).join('\n'),
  });
  expect(response.status).toBe(200);
  return endpoints.postFeed.response.parse(await response.json());
}
