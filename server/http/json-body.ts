import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { issueText, maxJsonBodyBytes } from '../../core/contract/common.ts';
import { HttpError } from './errors.ts';

/**
 * Reads and validates a JSON request body against a contract schema. Every way a body can be wrong
 * (type, size, syntax, shape) ends as a 4xx HttpError before a handler sees it.
 */
export async function readJson<S extends z.ZodMiniType>(c: Context, schema: S, limit = maxJsonBodyBytes): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > limit) throw tooLarge(limit);
  const buffer = await readAtMost(c.req.raw.body, limit);

  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buffer));
  } catch {
    throw new HttpError(400, 'bad_json', 'The body is not valid JSON.');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new HttpError(400, 'invalid_body', issueText(result.error, 'invalid body'));
  return result.data;
}

/** Reads a body but stops at `limit` bytes, so a chunked upload without a length cannot fill memory. */
async function readAtMost(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const buffer = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    buffer.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return buffer;
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'body_too_large', `The body is larger than ${limit} bytes.`);
}
