import { describe, expect, it } from 'vitest';
import { canToggleTypedId, kioskActions, splitKiosks, syncState, wireAction } from './kiosk-licence.ts';

describe('kiosk licence', () => {
  it('offers license/refuse on a request and nothing on a revoked kiosk', () => {
    expect(kioskActions('requested')).toEqual(['license', 'refuse']);
    expect(kioskActions('licensed')).toEqual(['suspend', 'revoke']);
    expect(kioskActions('suspended')).toEqual(['resume', 'revoke']);
    expect(kioskActions('revoked')).toEqual([]);
    expect(canToggleTypedId('requested')).toBe(false);
    expect(canToggleTypedId('licensed')).toBe(true);
  });

  it('sends a refusal as a revocation and a resumption as a licence', () => {
    expect(kioskActions('requested').map(wireAction)).toEqual(['license', 'revoke']);
    expect(kioskActions('suspended').map(wireAction)).toEqual(['license', 'revoke']);
  });

  it('reads a sync older than a day as stale', () => {
    const now = Date.parse('2022-04-10T12:00:00Z');
    expect(syncState(null, now)).toEqual({ kind: 'never' });
    expect(syncState('2022-04-10T11:55:00Z', now).kind).toBe('recent');
    expect(syncState('2022-04-09T11:59:00Z', now).kind).toBe('stale');
  });

  it('lists requests oldest first, apart from the rest, revoked last', () => {
    const kiosk = (id: string, licence: 'requested' | 'licensed' | 'revoked', createdAt: string, number = '10000001') => ({ id, licence, createdAt, venue: { number } });
    const { requests, others } = splitKiosks([
      kiosk('b', 'requested', '2022-04-10T10:00:00Z'),
      kiosk('e', 'revoked', '2022-04-01T00:00:00Z', '00000001'),
      kiosk('c', 'licensed', '2022-04-01T00:00:00Z', '20000000'),
      kiosk('a', 'requested', '2022-04-09T10:00:00Z'),
      kiosk('d', 'licensed', '2022-04-02T00:00:00Z', '10000000'),
    ]);
    expect(requests.map((k) => k.id)).toEqual(['a', 'b']);
    expect(others.map((k) => k.id)).toEqual(['d', 'c', 'e']);
  });
});
