import { describe, expect, it } from 'vitest';
import { ndjsonLines, readAhead } from './ndjson-lines.ts';

const tick = () => new Promise((resume) => setImmediate(resume));

describe('readAhead', () => {
  it('reads the source while the consumer is busy, up to the limit, in order', async () => {
    let pulled = 0;
    async function* source() {
      for (let index = 0; index < 10; index += 1) {
        pulled += 1;
        yield await Promise.resolve(new Uint8Array(100).fill(index));
      }
    }
    const ahead = readAhead(source(), 350);
    const first = await ahead.next();
    for (let index = 0; index < 5; index += 1) await tick();
    // One chunk given, and the reader went on until 350 bytes waited: four more.
    expect(pulled).toBe(5);
    const firstChunk: Uint8Array | undefined = first.done ? undefined : first.value;
    const rest: number[] = [firstChunk?.[0] ?? -1];
    for await (const chunk of ahead) rest.push(chunk[0] ?? -1);
    expect(rest).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('passes on the source’s failure and stops reading when the consumer stops', async () => {
    async function* failing() {
      yield await Promise.resolve(new Uint8Array(1));
      throw new Error('connection reset');
    }
    await expect(async () => {
      let bytes = 0;
      for await (const chunk of readAhead(failing(), 1024)) bytes += chunk.length;
      return bytes;
    }).rejects.toThrow('connection reset');
    let pulled = 0;
    let closed = false;
    async function* endless() {
      try {
        for (;;) {
          pulled += 1;
          yield await Promise.resolve(new Uint8Array(10));
        }
      } finally {
        closed = true;
      }
    }
    for await (const chunk of readAhead(endless(), 50)) if (chunk.length > 0) break;
    expect(closed).toBe(true);
    expect(pulled).toBeLessThan(10);
  });

  it('still splits a streamed body into numbered lines', async () => {
    const body = new Blob(['{"a":1}\n\n{"b":', '2}\n{"c":3}']).stream();
    const lines = [];
    for await (const line of ndjsonLines(body, 100, 4)) lines.push(line);
    expect(lines).toEqual([
      { number: 1, text: '{"a":1}' },
      { number: 3, text: '{"b":2}' },
      { number: 4, text: '{"c":3}' },
    ]);
  });
});
