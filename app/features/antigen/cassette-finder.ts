/**
 * Where the cassette lies in a live frame, asked of a worker that lives as long as the camera is open
 * (one frame at a time: the camera loop waits for each answer). Without workers the main thread looks.
 */
import type { Cassette } from '../../../core/antigen/strip-reader.ts';
import { workerCalls } from '../../ui/worker-calls.ts';

export interface CassetteFinder {
  find(frame: ImageData): Promise<Cassette | null>;
  close(): void;
}

export function createCassetteFinder(): CassetteFinder {
  if (typeof Worker !== 'function') {
    return {
      find: (frame) => import('../../../core/antigen/strip-reader.ts').then(({ findCassetteWindow }) => findCassetteWindow(frame)),
      close: () => undefined,
    };
  }
  const worker = workerCalls<ImageData, Cassette | null>(new Worker(new URL('./cassette-finder-worker.ts', import.meta.url), { type: 'module' }));
  return {
    find: (frame) => worker.call(frame, [frame.data.buffer]),
    close: () => worker.close(),
  };
}
