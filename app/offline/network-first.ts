/**
 * Asks the server first and keeps its answer on the device; when the server cannot answer, the kept
 * answer stands in. This is how a code shows, and a code is checked, at a door with no signal.
 * A refusal (4xx) is never papered over with an old answer: it means the old one is wrong too.
 */
import { ApiError } from '../api/client.ts';
import { reportStorageError } from './query-persister.ts';

/** The server could not be reached, or failed on its side: a kept answer is better than none. */
export function serverUnavailable(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'network' || error.code === 'timeout' || error.status >= 500);
}

export interface NetworkFirstAnswer<T> {
  answer: T;
  fromStore: boolean;
}

export async function networkFirst<T>(
  ask: () => Promise<T>,
  keep: (answer: T) => Promise<void>,
  kept: () => Promise<T | null>,
): Promise<NetworkFirstAnswer<T>> {
  let answer: T;
  try {
    answer = await ask();
  } catch (error) {
    const stored = serverUnavailable(error) ? await kept().catch(() => null) : null;
    if (stored === null) throw error;
    return { answer: stored, fromStore: true };
  }
  // A full disk must not cost the fresh answer: it is shown now and kept next time.
  await keep(answer).catch(reportStorageError);
  return { answer, fromStore: false };
}
