import { describe, expect, it } from 'vitest';
import { consoleZh } from '../../i18n/console-messages.ts';
import { approvalLabel, canRequestKiosk, venueApproval } from './venue-approval.ts';

describe('venue approval', () => {
  it('marks a pending venue 未核实 and lets only an approved one ask for kiosks', () => {
    expect(consoleZh[approvalLabel[venueApproval({ status: 'pending' })]]).toBe('未核实');
    expect(canRequestKiosk({ status: 'pending' })).toBe(false);
    expect(canRequestKiosk({ status: 'refused' })).toBe(false);
    expect(canRequestKiosk({ status: 'approved' })).toBe(true);
  });

  it('takes a venue without a status as approved', () => {
    expect(venueApproval({})).toBe('approved');
  });
});
