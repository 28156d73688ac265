import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.ts';
import { networkFirst, serverUnavailable } from './network-first.ts';

const unreachable = new ApiError(0, 'network', 'offline');

describe('networkFirst', () => {
  it('keeps and returns a fresh answer', async () => {
    const keep = vi.fn(() => Promise.resolve());
    expect(await networkFirst(() => Promise.resolve('fresh'), keep, () => Promise.resolve('old'))).toEqual({ answer: 'fresh', fromStore: false });
    expect(keep).toHaveBeenCalledWith('fresh');
  });

  it('stands in the kept answer when the server cannot be reached or fails', async () => {
    for (const error of [unreachable, new ApiError(0, 'timeout', 'slow'), new ApiError(503, 'internal', 'down')]) {
      expect(await networkFirst(() => Promise.reject(error), () => Promise.resolve(), () => Promise.resolve('old'))).toEqual({ answer: 'old', fromStore: true });
    }
  });

  it('passes the error on when nothing is kept or the store itself fails', async () => {
    await expect(networkFirst(() => Promise.reject(unreachable), () => Promise.resolve(), () => Promise.resolve(null))).rejects.toBe(unreachable);
    await expect(networkFirst(() => Promise.reject(unreachable), () => Promise.resolve(), () => Promise.reject(new Error('no IndexedDB')))).rejects.toBe(unreachable);
  });

  it('never hides a refusal behind an old answer', async () => {
    const forbidden = new ApiError(403, 'forbidden', 'no');
    const kept = vi.fn(() => Promise.resolve('old'));
    await expect(networkFirst(() => Promise.reject(forbidden), () => Promise.resolve(), kept)).rejects.toBe(forbidden);
    expect(kept).not.toHaveBeenCalled();
    expect(serverUnavailable(forbidden)).toBe(false);
  });

  it('still answers when keeping the answer fails', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await networkFirst(() => Promise.resolve('fresh'), () => Promise.reject(new Error('QuotaExceededError')), () => Promise.resolve(null))).toEqual({ answer: 'fresh', fromStore: false });
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
