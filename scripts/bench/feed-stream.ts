/** Generated feed lines as a streamed body (testing/server/post-feed.ts posts it), for the benchmarks at scale. */
import { withCheckCharacter } from '../../testing/server/post-feed.ts';

/** Lines generated per chunk of the request body. */
const chunkLines = 2_000;

/** A valid resident ID number for the n-th generated citizen (n < 10^13). */
export const benchIdNumber = (n: number): string => withCheckCharacter(`3101${String(n).padStart(13, '0')}`);

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
