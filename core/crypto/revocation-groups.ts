/**
 * What the compact revocation list (revocation-compact.ts) is made of and how it is used, pure: entries
 * bucketed into groups by the server, groups merged and aged out by a verifier, a code looked up, and the
 * list sealed with the server's signature so that a verifier trusts only what the server sent.
 */
import { base64urlToBytes, bytesToBase64url } from './base64url.ts';
import { readCompactHeader, type CompactHeader, type RevocationGroup } from './revocation-compact.ts';
import { payloadType, verifyToken, type KeyLookup } from './signed-token.ts';

/** Entries into groups by bucket, each sorted and unique, its `hi` the latest change in it. */
export function groupEntries(entries: Iterable<{ hash: number; notBefore: number }>, bucketSeconds: number): RevocationGroup[] {
  const buckets = new Map<number, { hi: number; hashes: number[] }>();
  for (const { hash, notBefore } of entries) {
    const bucket = Math.floor(notBefore / bucketSeconds);
    const held = buckets.get(bucket);
    if (held) {
      held.hashes.push(hash);
      held.hi = Math.max(held.hi, notBefore);
    } else buckets.set(bucket, { hi: notBefore, hashes: [hash] });
  }
  return [...buckets]
    .sort(([a], [b]) => a - b)
    .map(([bucket, { hi, hashes }]) => ({ bucket, hi, hashes: uniqueSorted(Uint32Array.from(hashes).sort()) }));
}

function uniqueSorted(sorted: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  let length = 0;
  for (const value of sorted) if (length === 0 || value !== sorted[length - 1]) sorted[length++] = value;
  return sorted.subarray(0, length).slice();
}

/** Two sorted unique sets as one, in one pass. */
export function unionSorted(a: Uint32Array, b: Uint32Array): Uint32Array<ArrayBuffer> {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x <= y) i++;
    if (y <= x) j++;
    out[n++] = Math.min(x, y);
  }
  out.set(a.subarray(i), n);
  n += a.length - i;
  out.set(b.subarray(j), n);
  n += b.length - j;
  return n === out.length ? out : out.slice(0, n);
}

/** The held groups with one received group folded in: the same bucket is one group, its latest change kept. */
export function mergeGroup(held: RevocationGroup[], received: RevocationGroup): RevocationGroup[] {
  const index = held.findIndex((group) => group.bucket === received.bucket);
  if (index < 0) return [...held, received].sort((a, b) => a.bucket - b.bucket);
  const same = held[index];
  if (!same) return held;
  const merged = { bucket: same.bucket, hi: Math.max(same.hi, received.hi), hashes: unionSorted(same.hashes, received.hashes) };
  return held.map((group, i) => (i === index ? merged : group));
}

function contains(sorted: Uint32Array, value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = sorted[middle] ?? 0;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/**
 * True when a code signed at `iat` of the subject hashed to `hash` may carry a colour that changed since:
 * its hash is in a group whose latest change came after it was signed. A truncated hash may be another
 * subject's, and the bucket hides the exact time, so this asks for a check; it never proves a change.
 */
export function mayPredateChange(groups: readonly RevocationGroup[], hash: number, iat: number): boolean {
  return groups.some((group) => iat < group.hi && contains(group.hashes, hash));
}

export const entryCount = (groups: readonly RevocationGroup[]) => groups.reduce((sum, group) => sum + group.hashes.length, 0);

const sealType = 'revocations-compact';
const digestOf = async (body: Uint8Array<ArrayBuffer>) => bytesToBase64url(new Uint8Array(await crypto.subtle.digest('SHA-256', body)));

/**
 * The list with the server's signature after it: body, then a signed token whose payload carries the
 * body's SHA-256, then the token's length in two bytes. The keys and their rotation are the credentials'.
 */
export async function sealRevocations(body: Uint8Array<ArrayBuffer>, sign: (payload: unknown) => Promise<string>): Promise<Uint8Array<ArrayBuffer>> {
  const token = new TextEncoder().encode(await sign({ t: sealType, d: await digestOf(body) }));
  const out = new Uint8Array(body.length + token.length + 2);
  out.set(body);
  out.set(token, body.length);
  out[out.length - 2] = token.length >>> 8;
  out[out.length - 1] = token.length & 0xff;
  return out;
}

/** The body if the server signed exactly these bytes, else null. */
export async function openRevocations(sealed: Uint8Array<ArrayBuffer>, lookup: KeyLookup): Promise<Uint8Array<ArrayBuffer> | null> {
  if (sealed.length < 2) return null;
  const tokenLength = ((sealed[sealed.length - 2] ?? 0) << 8) | (sealed[sealed.length - 1] ?? 0);
  const bodyLength = sealed.length - 2 - tokenLength;
  if (bodyLength < 0) return null;
  const body = sealed.subarray(0, bodyLength);
  const token = new TextDecoder().decode(sealed.subarray(bodyLength, sealed.length - 2));
  const verified = await verifyToken(token, lookup);
  if (!verified.ok || payloadType(verified.payload) !== sealType) return null;
  const digest = (verified.payload as { d?: unknown }).d;
  if (typeof digest !== 'string' || !base64urlToBytes(digest) || digest !== (await digestOf(body))) return null;
  return body;
}

/** The compact list's header and groups if the server signed exactly these bytes, else null. */
export async function openCompactList(sealed: Uint8Array<ArrayBuffer>, lookup: KeyLookup): Promise<CompactHeader | null> {
  const body = await openRevocations(sealed, lookup);
  return body && readCompactHeader(body);
}
