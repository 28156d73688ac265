/**
 * Splits a request body into NDJSON lines as it streams in, so a feed of any size costs memory for one
 * line at a time. A line longer than the limit is dropped as it arrives (its bytes are never gathered)
 * and reported as too long; blank lines are skipped but counted, so line numbers match the file. A CRLF
 * line's CR stays: JSON.parse takes it as white space.
 */
export type RawLine = { number: number; text: string } | { number: number; problem: 'too_long' | 'not_utf8' };

const newline = 0x0a;

export async function* ndjsonLines(body: ReadableStream<Uint8Array> | null, maxBytes: number): AsyncGenerator<RawLine> {
  if (!body) return;
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
