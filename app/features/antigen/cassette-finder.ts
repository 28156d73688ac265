/**
 * Where the cassette lies in a live frame, asked of a worker that lives as long as the camera is open
 * (one frame at a time: the camera loop waits for each answer). Without workers the main thread looks.
 */
import type { Cassette } from '../../../core/antigen/strip-reader.ts';

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
  const worker = new Worker(new URL('./cassette-finder-worker.ts', import.meta.url), { type: 'module' });
  let pending: { resolve: (found: Cassette | null) => void; reject: (error: Error) => void } | null = null;
  worker.onmessage = (event: MessageEvent<Cassette | null>) => {
    pending?.resolve(event.data);
    pending = null;
  };
  worker.onerror = (event) => {
    pending?.reject(new Error(event.message));
    pending = null;
  };
  return {
    find(frame) {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage(frame, [frame.data.buffer]);
      });
    },
    close() {
      worker.terminate();
      pending?.reject(new Error('closed'));
      pending = null;
    },
  };
}
