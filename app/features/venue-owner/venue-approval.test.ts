import { describe, expect, it } from 'vitest';
import { consoleEn, consoleZh } from '../../i18n/console-messages.ts';
import { approvalLabel, approvalNotice, canRequestKiosk } from './venue-approval.ts';

describe('venue approval', () => {
  it('names the three states as the owner reads them, and lets only an approved venue ask for kiosks', () => {
    expect([consoleZh[approvalLabel.pending], consoleZh[approvalLabel.approved], consoleZh[approvalLabel.refused]]).toEqual(['待审核', '已通过', '未通过']);
    expect([consoleEn[approvalLabel.pending], consoleEn[approvalLabel.approved], consoleEn[approvalLabel.refused]]).toEqual(['Awaiting review', 'Approved', 'Not approved']);
    expect(canRequestKiosk({ status: 'pending' })).toBe(false);
    expect(canRequestKiosk({ status: 'refused' })).toBe(false);
    expect(canRequestKiosk({ status: 'approved' })).toBe(true);
  });

  it('tells the owner of a refused venue the operator’s reason and what to do next', () => {
    const notice = approvalNotice({ status: 'refused', refusalReason: '  地址不在本区  ' });
    expect(notice).toEqual({ label: 'owner.venue.refused', reason: { key: 'owner.venue.refusedReason', reason: '地址不在本区' }, next: 'owner.venue.refusedNext' });
    expect(consoleZh[notice.next ?? 'owner.venue.pending']).toContain('重新登记');
    expect(consoleEn[notice.next ?? 'owner.venue.pending']).toContain('register the venue again');
  });

  it('says plainly when a refusal came without a reason, and gives no reason for other states', () => {
    expect(approvalNotice({ status: 'refused' }).reason).toEqual({ key: 'owner.venue.refusedNoReason' });
    expect(approvalNotice({ status: 'refused', refusalReason: '   ' }).reason).toEqual({ key: 'owner.venue.refusedNoReason' });
    expect(approvalNotice({ status: 'pending', refusalReason: '旧理由' })).toEqual({ label: 'owner.venue.pending', reason: null, next: 'owner.venue.pendingHint' });
    expect(approvalNotice({ status: 'approved' })).toEqual({ label: 'owner.venue.approved', reason: null, next: null });
  });
});
