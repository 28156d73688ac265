/** Feeds of generated lines streamed through POST /api/feeds/:scope, for the benchmarks at scale. */
import { endpoints } from '../../core/contract/endpoints.ts';
import type { FeedScope } from '../../core/contract/feeds.ts';
import { mod11CheckCharacter } from '../../core/identity/check-digits.ts';

/** Lines generated per chunk of the request body. */
const chunkLines = 2_000;

/** A valid resident ID number for the n-th generated citizen (n < 10^13). */
export function benchIdNumber(n: number): string {
  const first17 = `3101${String(n).padStart(13, '0')}`;
  return first17 + mod11CheckCharacter(first17);
}

/** An NDJSON body generated as it is read: memory for one chunk, whatever the line count. */
export function ndjsonStream(count: number, line: (i: number) => object): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      if (next >= count) {
        controller.close();
        return;
      }
      let text = '';
      const end = Math.min(count, next + chunkLines);
      for (; next < end; next++) text += `${JSON.stringify(line(next))}\n`;
      controller.enqueue(encoder.encode(text));
    },
  });
}

/** One feed request with a streamed body; throws unless the server answers 200. */
export async function postFeedStream(url: string, scope: FeedScope, key: string, body: ReadableStream<Uint8Array>) {
  const response = await fetch(`${url}/api/feeds/${scope}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` },
    body,
    duplex: 'half',
  } as RequestInit);
  if (!response.ok) throw new Error(`${scope} feed answered ${response.status}: ${await response.text()}`);
  return endpoints.postFeed.response.parse(await response.json()).summary;
}
