import { describe, expect, it } from 'vitest';
import { consoleEn, consoleZh } from '../../i18n/console-messages.ts';
import { approvalLabel, canRequestKiosk } from './venue-approval.ts';

describe('venue approval', () => {
  it('marks a pending venue 未核实 and lets only an approved one ask for kiosks', () => {
    expect(consoleZh[approvalLabel.pending]).toBe('未核实');
    expect(consoleEn[approvalLabel.pending]).toBe('Not verified');
    expect(canRequestKiosk({ status: 'pending' })).toBe(false);
    expect(canRequestKiosk({ status: 'refused' })).toBe(false);
    expect(canRequestKiosk({ status: 'approved' })).toBe(true);
  });
});
