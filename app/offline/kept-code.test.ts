import { describe, expect, it } from 'vitest';
import { recordKeys } from '../records/record-keys.ts';
import { cacheBuster, cacheMaxAgeMs, issuedColour, profileOfCache } from './kept-code.ts';

const now = Date.UTC(2022, 3, 2, 8);
const citizen = { id: 'demo-a', maskedName: '张*三', maskedIdNumber: '310***********1234', colour: 'green', colourSince: '2022-03-01T00:00:00Z' };
const client = (edit: { buster?: string; timestamp?: number; data?: unknown; key?: unknown[] } = {}) => ({
  buster: edit.buster ?? cacheBuster,
  timestamp: edit.timestamp ?? now - 60_000,
  clientState: {
    mutations: [],
    queries: [
      { queryKey: ['records', 'citizen', 'demo-a', 'pcr-tests'], state: { data: [], dataUpdatedAt: now } },
      // The key as the app's factory makes it, so the boot module's own copy of it cannot drift from it.
      { queryKey: edit.key ?? [...recordKeys.me()], state: { data: edit.data ?? { citizen, dependants: [] }, dataUpdatedAt: now - 120_000 } },
    ],
  },
});

describe('the profile the boot module paints from the persisted cache', () => {
  it('is the signed-in citizen’s masked name, ID, colour and when it was fetched', () => {
    expect(profileOfCache(client(), 'demo-a', now)).toEqual({
      id: 'demo-a',
      maskedName: '张*三',
      maskedIdNumber: '310***********1234',
      colour: 'green',
      updatedAt: now - 120_000,
      hasDependants: false,
    });
    expect(profileOfCache(client({ data: { citizen, dependants: [citizen] } }), 'demo-a', now)?.hasDependants).toBe(true);
  });

  it('is nothing when the app would not restore that cache, or it is someone else’s or does not fit', () => {
    expect(profileOfCache(client({ buster: 'v0' }), 'demo-a', now)).toBeNull();
    expect(profileOfCache(client({ timestamp: now - cacheMaxAgeMs - 1 }), 'demo-a', now)).toBeNull();
    expect(profileOfCache(client(), 'demo-b', now)).toBeNull();
    expect(profileOfCache(client({ key: ['records', 'me', 'x'] }), 'demo-a', now)).toBeNull();
    expect(profileOfCache(client({ data: { citizen: { ...citizen, colour: 'blue' }, dependants: [] } }), 'demo-a', now)).toBeNull();
    expect(profileOfCache(client({ data: { citizen: { ...citizen, maskedName: 3 }, dependants: [] } }), 'demo-a', now)).toBeNull();
    expect(profileOfCache(undefined, 'demo-a', now)).toBeNull();
  });
});

describe('the colour a kept credential was issued with', () => {
  it('is read from the token’s payload, unverified', () => {
    const payload = Buffer.from(JSON.stringify({ t: 'cred', c: 'yellow' })).toString('base64url');
    expect(issuedColour(`v1.srv1.${payload}.sig`)).toBe('yellow');
    expect(issuedColour('v1.srv1.not-json.sig')).toBeUndefined();
  });
});
