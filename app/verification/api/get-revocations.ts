/**
 * The revocation list as the verifier syncs it, in its compact form (core/crypto/revocation-compact.ts):
 * asked of the server at once, again every 5 minutes while the page is open and on reconnecting, as a
 * delta since the version held; checked against the server's signing keys, merged a slice at a time
 * and kept in IndexedDB. When the server cannot be reached the held list
 * stands, and its age on screen tells staff how current it is.
 */
import { useQuery } from '@tanstack/react-query';
import { requestBytes } from '../../api/client.ts';
import { keyLookupFromSet } from '../../../core/crypto/keys.ts';
import type { CompactHeader } from '../../../core/crypto/revocation-compact.ts';
import { openCompactList } from '../../../core/crypto/revocation-groups.ts';
import { serverUnavailable } from '../../offline/network-first.ts';
import { reportStorageError } from '../../offline/query-persister.ts';
import { saveRevocations, storedRevocations, type HeldRevocations } from '../../offline/revocation-store.ts';
import { fetchSigningKeys } from '../../records/api/get-signing-keys.ts';
import { applyRevocations, CorruptList } from '../revocation-check.ts';

export const revocationRefreshMs = 5 * 60 * 1000;
/** A door must not wait on a bad signal: the held list answers after this long. */
const listTimeoutMs = 10_000;

class UnverifiedList extends Error {}

async function fetchList(signal: AbortSignal, since: number | undefined): Promise<CompactHeader> {
  const [sealed, keys] = await Promise.all([
    requestBytes('revocationsCompact', { signal, timeoutMs: listTimeoutMs, ...(since === undefined ? {} : { query: { since: String(since) } }) }),
    fetchSigningKeys(signal),
  ]);
  // Keys older than the list (a key rotated since this device last fetched them): try again next round.
  const header = await openCompactList(sealed, await keyLookupFromSet(keys));
  if (!header) throw new UnverifiedList('The revocation list does not verify with the server keys held.');
  return header;
}

/** The list after this sync, or the held one (null if never synced) when the server gave none. */
export async function syncRevocations(signal: AbortSignal): Promise<HeldRevocations | null> {
  const held = await storedRevocations().catch(() => null);
  try {
    let received = await fetchList(signal, held?.version);
    // A delta under a salt or shape this device does not hold cannot be merged: the whole list is needed.
    if (held && !received.full && (received.salt !== held.salt || received.hashBits !== held.hashBits || received.bucketSeconds !== held.bucketSeconds)) {
      received = await fetchList(signal, undefined);
    }
    const merged = await applyRevocations(held, received, Date.now());
    await saveRevocations(merged).catch(reportStorageError);
    return merged;
  } catch (error) {
    if (serverUnavailable(error) || error instanceof UnverifiedList || error instanceof CorruptList) return held;
    throw error;
  }
}

export function useRevocations() {
  return useQuery({
    queryKey: ['verifier', 'revocations'],
    queryFn: ({ signal }) => syncRevocations(signal),
    // It falls back to the device itself, so it must run offline too, not wait for a network.
    networkMode: 'always',
    staleTime: 0,
    refetchInterval: revocationRefreshMs,
    refetchOnReconnect: 'always',
    // Kept in its own store already; the query cache need not hold a second copy.
    meta: { persist: false },
  });
}
