/**
 * Whether the server answered the last request anyone made. `navigator.onLine` only says a network is attached:
 * a phone on a hotel's captive Wi-Fi, or with one bar and no data, reports true while nothing arrives. Any answer
 * of any status counts as reached; a request that got none (no connection, timeout, a gateway with no server
 * behind it) counts as unreachable until the next answer.
 */
let reachable = true;
const listeners = new Set<() => void>();

function set(next: boolean): void {
  if (next === reachable) return;
  reachable = next;
  listeners.forEach((listener) => {
    listener();
  });
}

/** A gateway's 502/504 means the proxy answered and our server did not. */
export function noteAnswer(status: number): void {
  set(status !== 502 && status !== 504);
}

export function noteNoAnswer(): void {
  set(false);
}

export const isServerReachable = (): boolean => reachable;

export function subscribeReachability(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
