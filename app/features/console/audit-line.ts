import type { ConsoleMessageKey } from '../../i18n/console-messages.ts';

export interface AuditEntryView {
  action: string;
  target: string | null;
  reason?: string | null;
}

const actionKeys: Record<string, ConsoleMessageKey> = {
  'venue.approve': 'console.audit.venue.approve',
  'venue.refuse': 'console.audit.venue.refuse',
  'kiosk.approve': 'console.audit.kiosk.approve',
  'kiosk.license': 'console.audit.kiosk.approve',
  'kiosk.refuse': 'console.audit.kiosk.refuse',
  'kiosk.suspend': 'console.audit.kiosk.suspend',
  'kiosk.resume': 'console.audit.kiosk.resume',
  'kiosk.revoke': 'console.audit.kiosk.revoke',
  'kiosk.typed-id': 'console.audit.kiosk.typedId',
  'provider.add': 'console.audit.provider.add',
  'provider.key': 'console.audit.provider.key',
  'provider.retire-key': 'console.audit.provider.retire',
  'review.decide': 'console.audit.review.decide',
  'operator.sign-in': 'console.audit.signIn',
};

// Matched without separators or case: `venue.approve`, `venue_approve` and `VENUE-APPROVE` are one action.
const squash = (action: string) => action.toLowerCase().replace(/[^a-z0-9]/g, '');
const known = new Map(Object.entries(actionKeys).map(([action, key]) => [squash(action), key]));

/** One audit entry as a sentence: a known action in the user's language, an unknown one as the server names it. */
export function auditLine(entry: AuditEntryView): { key: ConsoleMessageKey; values: Record<string, string> } {
  const key = known.get(squash(entry.action)) ?? 'console.audit.other';
  return { key, values: { action: entry.action, target: entry.target ?? '' } };
}
