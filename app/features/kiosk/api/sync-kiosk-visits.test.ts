import { describe, expect, it } from 'vitest';
import { offlineSecondsOf } from './sync-kiosk-visits.ts';

const item = (scannedAt: unknown) => ({ id: crypto.randomUUID(), kind: 'kiosk-visit', payload: { code: 'x', scannedAt } });

describe('offlineSecondsOf', () => {
  it('is the age of the oldest scan in the batch, by the kiosk’s clock', () => {
    const now = Date.parse('2026-04-01T10:00:00Z');
    expect(offlineSecondsOf([item('2026-04-01T09:59:58Z'), item('2026-04-01T09:45:00.5Z')], now)).toBe(900);
    expect(offlineSecondsOf([item('2026-04-01T10:00:05Z')], now)).toBe(0);
    expect(offlineSecondsOf([item(null)], now)).toBe(0);
  });
});
