/**
 * Splits a request body into NDJSON lines as it streams in, so a feed of any size costs memory for one
 * line at a time. A line longer than the limit is dropped as it arrives (its bytes are never gathered)
 * and reported as too long; blank lines are skipped but counted, so line numbers match the file. A CRLF
 * line's CR stays: JSON.parse takes it as white space.
 */
export type RawLine = { number: number; text: string } | { number: number; problem: 'too_long' | 'not_utf8' };

const newline = 0x0a;

/**
 * Up to `limitBytes` of a stream read ahead of its consumer: a feed's writes hold the event loop for a
 * batch at a time, and without a buffer the sender stalls on a full socket meanwhile, so the server then
 * waits for it (a quarter of a feed's time was idle in the profile, docs/benchmarks-scale.md).
 */
export async function* readAhead(body: AsyncIterable<Uint8Array>, limitBytes: number): AsyncGenerator<Uint8Array> {
  const queue: Uint8Array[] = [];
  const state: { buffered: number; done: boolean; stopped: boolean; failure?: { error: unknown } } = { buffered: 0, done: false, stopped: false };
  let wake: (() => void) | undefined;
  let resume: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  const reader = (async () => {
    try {
      for await (const chunk of body) {
        queue.push(chunk);
        state.buffered += chunk.length;
        signal();
        while (state.buffered >= limitBytes && !state.stopped) await new Promise<void>((go) => (resume = go));
        // The consumer stopped early: leaving the loop cancels the body.
        if (state.stopped) break;
      }
    } catch (error) {
      state.failure = { error };
    } finally {
      state.done = true;
      signal();
    }
  })();
  try {
    for (;;) {
      const chunk = queue.shift();
      if (chunk) {
        state.buffered -= chunk.length;
        if (state.buffered < limitBytes) {
          resume?.();
          resume = undefined;
        }
        yield chunk;
        continue;
      }
      if (state.failure) throw state.failure.error;
      if (state.done) return;
      await new Promise<void>((go) => (wake = go));
    }
  } finally {
    state.stopped = true;
    resume?.();
    await reader;
  }
}

export async function* ndjsonLines(stream: ReadableStream<Uint8Array> | null, maxBytes: number, readAheadBytes = 16 * 1024 * 1024): AsyncGenerator<RawLine> {
  if (!stream) return;
  const body = readAhead(stream, readAheadBytes);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parts: Uint8Array[] = [];
  let size = 0;
  let tooLong = false;
  let number = 0;

  function finish(): RawLine | undefined {
    number++;
    const line = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
    const wasTooLong = tooLong;
    parts = [];
    size = 0;
    tooLong = false;
    if (wasTooLong) return { number, problem: 'too_long' };
    if (!line) return undefined;
    let text: string;
    try {
      text = decoder.decode(line);
    } catch {
      return { number, problem: 'not_utf8' };
    }
    return text.trim() === '' ? undefined : { number, text };
  }

  function keep(bytes: Uint8Array): void {
    if (tooLong || bytes.length === 0) return;
    if (size + bytes.length > maxBytes) {
      tooLong = true;
      parts = [];
      return;
    }
    parts.push(bytes);
    size += bytes.length;
  }

  for await (const chunk of body) {
    let start = 0;
    for (let end = chunk.indexOf(newline); end !== -1; end = chunk.indexOf(newline, start)) {
      keep(chunk.subarray(start, end));
      const line = finish();
      if (line) yield line;
      start = end + 1;
    }
    // The rest belongs to a line the next chunk continues: copied, since the stream may reuse its buffer.
    keep(chunk.slice(start));
  }
  // The last line may lack its newline; `finish` says whether anything (even a too-long line) was there.
  const last = finish();
  if (last) yield last;
}
