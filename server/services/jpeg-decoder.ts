/**
 * Decodes JPEGs on worker threads with a time limit, so that no photo, however made, holds the thread that
 * answers requests: jpeg-js is pure JavaScript and a crafted file can hold it for seconds. A
 * decode past its limit ends its worker (the only way to stop it) and a fresh one takes its place.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Raster } from '../../core/antigen/raster.ts';

export class JpegDecodeTimeout extends Error {}

export interface JpegDecodeOptions {
  maxResolutionInMP: number;
  maxMemoryUsageInMB: number;
}

// Plain JavaScript evaluated in the worker: the server runs under tsx, and a worker would not load TypeScript.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const jpeg = require(workerData.jpegJs);
parentPort.on('message', (bytes) => {
  try {
    const image = jpeg.decode(bytes, { ...workerData.options, useTArray: true, formatAsRGBA: true });
    parentPort.postMessage({ width: image.width, height: image.height, data: image.data }, [image.data.buffer]);
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});
`;

type Answer = { width: number; height: number; data: Uint8Array } | { error: string };

interface Job {
  bytes: Uint8Array;
  resolve(raster: Raster | null): void;
  reject(error: Error): void;
}

export interface JpegDecoder {
  /** The picture, null when the bytes do not decode; rejects with JpegDecodeTimeout past the time limit. */
  decode(bytes: Uint8Array): Promise<Raster | null>;
  close(): Promise<void>;
}

export function createJpegDecoder(options: JpegDecodeOptions & { timeLimitMs: number; workers?: number }): JpegDecoder {
  const size = options.workers ?? Math.max(1, Math.min(2, availableParallelism() - 1));
  const workerData = { jpegJs: createRequire(import.meta.url).resolve('jpeg-js'), options: { maxResolutionInMP: options.maxResolutionInMP, maxMemoryUsageInMB: options.maxMemoryUsageInMB } };
  const idle: Worker[] = [];
  const queue: Job[] = [];
  let running = 0;

  function spawn(): Worker {
    // No execArgv: the worker needs neither tsx nor the test runner's flags.
    const worker = new Worker(workerSource, { eval: true, workerData, execArgv: [] });
    worker.unref();
    return worker;
  }

  function run(worker: Worker, job: Job): void {
    running += 1;
    const finish = (next: Worker | null) => {
      clearTimeout(timer);
      worker.removeAllListeners('message').removeAllListeners('error');
      running -= 1;
      if (next) idle.push(next);
      pump();
    };
    const timer = setTimeout(() => {
      void worker.terminate();
      finish(null);
      job.reject(new JpegDecodeTimeout(`decoding took longer than ${options.timeLimitMs} ms`));
    }, options.timeLimitMs);
    worker.once('message', (answer: Answer) => {
      finish(worker);
      job.resolve('error' in answer ? null : answer);
    });
    worker.once('error', (error) => {
      finish(null);
      job.reject(error);
    });
    // A copy goes over: the caller keeps its bytes to store.
    worker.postMessage(job.bytes);
  }

  function pump(): void {
    while (queue.length > 0 && running < size) {
      const job = queue.shift();
      if (job) run(idle.pop() ?? spawn(), job);
    }
  }

  return {
    decode: (bytes) =>
      new Promise<Raster | null>((resolve, reject) => {
        queue.push({ bytes, resolve, reject });
        pump();
      }),
    async close() {
      await Promise.all(idle.splice(0).map((worker) => worker.terminate()));
    },
  };
}
