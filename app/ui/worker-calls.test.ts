import { describe, expect, it } from 'vitest';
import { answerCalls, type WorkerScope } from './worker-answers.ts';
import { workerCalls, type WorkerLike } from './worker-calls.ts';

/** A worker and its scope wired back to back, each message delivered in a later task as a real worker's is. */
function pairedWorker(): { worker: WorkerLike & { terminated: boolean; fail(message: string): void }; scope: WorkerScope } {
  const scope: WorkerScope = {
    onmessage: null,
    postMessage: (message) => setTimeout(() => worker.onmessage?.(new MessageEvent('message', { data: message }))),
  };
  const worker = {
    onmessage: null as WorkerLike['onmessage'],
    onerror: null as WorkerLike['onerror'],
    terminated: false,
    postMessage: (message: unknown) => {
      if (!worker.terminated) setTimeout(() => scope.onmessage?.(new MessageEvent('message', { data: message })));
    },
    terminate: () => {
      worker.terminated = true;
    },
    fail: (message: string) => worker.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent),
  };
  return { worker, scope };
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('workerCalls and answerCalls', () => {
  it('gives each call its own answer, even when a later call is answered first', async () => {
    const { worker, scope } = pairedWorker();
    answerCalls<number, string>(async (n) => {
      await later(n);
      return `answer ${n}`;
    }, scope);
    const calls = workerCalls<number, string>(worker);
    const slow = calls.call(30);
    const fast = calls.call(1);
    expect(await Promise.race([slow, fast])).toBe('answer 1');
    expect(await slow).toBe('answer 30');
  });

  it('rejects with the error the worker threw, and keeps answering after it', async () => {
    const { worker, scope } = pairedWorker();
    answerCalls<number, number>((n) => {
      if (n < 0) throw new Error('negative');
      return n * 2;
    }, scope);
    const calls = workerCalls<number, number>(worker);
    await expect(calls.call(-1)).rejects.toThrow('negative');
    expect(await calls.call(4)).toBe(8);
  });

  it('rejects every waiting call when the worker fails, and every later one at once', async () => {
    const { worker, scope } = pairedWorker();
    answerCalls<number, number>(() => later(50).then(() => 1), scope);
    const calls = workerCalls<number, number>(worker);
    const waiting = calls.call(1);
    worker.fail('script failed to load');
    await expect(waiting).rejects.toThrow('script failed to load');
    await expect(calls.call(2)).rejects.toThrow('script failed to load');
    expect(worker.terminated).toBe(true);
  });

  it('ends the worker on close, rejecting what still waits', async () => {
    const { worker, scope } = pairedWorker();
    answerCalls<number, number>(() => later(50).then(() => 1), scope);
    const calls = workerCalls<number, number>(worker);
    const waiting = calls.call(1);
    calls.close();
    await expect(waiting).rejects.toThrow('closed');
    expect(worker.terminated).toBe(true);
  });
});
