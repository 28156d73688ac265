import { QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../api/query-client.ts';
import type { Me } from '../../../core/contract/account.ts';
import { NoSession, meQueryOptions } from './get-me.ts';

const household: Me = {
  citizen: { id: 'demo-a', maskedName: '张*三', maskedIdNumber: '3101**********0011', colour: 'green', colourSince: '2026-11-28T00:00:00.000Z' },
  dependants: [],
};

function answerSession(body: unknown) {
  const fetch = vi.fn(() => Promise.resolve(Response.json(body)));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('meQueryOptions', () => {
  it('asks the session probe and gives the household of a live session', async () => {
    const fetch = answerSession(household);
    await expect(createQueryClient().query(meQueryOptions())).resolves.toEqual(household);
    expect(fetch).toHaveBeenCalledWith('/api/session', expect.objectContaining({ method: 'GET' }));
  });

  it('fails with NoSession, once and without retrying, when no one is logged in', async () => {
    const fetch = answerSession({ citizen: null });
    await expect(createQueryClient().query(meQueryOptions())).rejects.toBeInstanceOf(NoSession);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('does not ask again when a reader mounts on an answer fetched on this visit (one request on a first visit)', async () => {
    const fetch = answerSession(household);
    const client = createQueryClient();
    await client.query(meQueryOptions());
    const unsubscribe = new QueryObserver(client, meQueryOptions()).subscribe(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetch).toHaveBeenCalledTimes(1);
    unsubscribe();
  });
});
