import { describe, expect, it } from 'vitest';
import { findPersonalData } from './log-privacy.ts';

const line = (fields: Record<string, unknown>) => JSON.stringify({ level: 30, time: '2026-12-04T02:00:00.000Z', requestId: 'a1b2c3d4-0000-4000-8000-123456789012', ...fields });

describe('findPersonalData', () => {
  it('finds phone and ID numbers by their shape, and known names and numbers as written', () => {
    const log = [
      line({ method: 'POST', route: '/api/auth/otp', status: 200, msg: 'request' }),
      line({ msg: 'sms to 13800000001 failed' }),
      'Error: citizen 310101199001011234 not found',
      line({ msg: 'lookup for 张小三' }),
      line({ msg: 'passport E12345678' }),
    ].join('\n');
    expect(findPersonalData(log, ['张小三', 'E12345678'])).toEqual([
      { line: 2, what: 'phone number', text: '13800000001' },
      { line: 3, what: 'resident ID number', text: '310101199001011234' },
      { line: 4, what: 'a known name or number', text: '张小三' },
      { line: 5, what: 'a known name or number', text: 'E12345678' },
    ]);
  });

  it('does not take digits in a request id, a time or a duration for a number of a person', () => {
    const log = [
      line({ requestId: '13800000001-13800000001', method: 'GET', route: '/api/me', status: 200, durationMs: 12.4, msg: 'request' }),
      line({ route: '/api/venues/:number', status: 404, msg: 'request' }),
    ].join('\n');
    expect(findPersonalData(log, [])).toEqual([]);
  });
});
