import { describe, expect, it } from 'vitest';
import type { CheckIn } from '../../../../core/contract/venues.ts';
import type { LocalCheckIn } from '../check-in-store.ts';
import { mergeHistory } from './get-check-ins.ts';

const venue = { t: 'venue', id: '31010001', n: '上海书城', d: '黄浦区', a: '福州路465号' } as const;
const local = (id: string, scannedAt: number): LocalCheckIn => ({ id, citizenId: 'demo-a', scannedAt, venue, token: 't' });
const server = (id: string, scannedAt: number): CheckIn => ({
  id,
  venueNumber: '31010002',
  venueName: '外滩美术馆',
  district: '黄浦区',
  scannedAt: new Date(scannedAt).toISOString(),
  receivedAt: new Date(scannedAt).toISOString(),
});

describe('mergeHistory', () => {
  it('lists each check-in once, newest first, waiting only while the outbox still holds it', () => {
    const merged = mergeHistory([local('a', 3000), local('b', 1000)], new Set(['a']), [server('b', 1000), server('c', 2000)]);
    expect(merged.map((entry) => [entry.id, entry.status])).toEqual([
      ['a', 'pending'],
      ['c', 'synced'],
      ['b', 'synced'],
    ]);
    expect(merged[1]?.venueName).toBe('外滩美术馆');
  });

  it('calls a check-in synced once the server lists it, even if the outbox has not caught up', () => {
    expect(mergeHistory([local('a', 1)], new Set(['a']), [server('a', 1)])[0]?.status).toBe('synced');
  });
});
