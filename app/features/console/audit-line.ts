import type { ConsoleMessageKey } from '../../i18n/console-messages.ts';

export interface AuditEntryView {
  action: string;
  target: string;
}

const actionKeys: Record<string, ConsoleMessageKey> = {
  'operator.sign-in': 'console.audit.signIn',
  'operator.passkey-registered': 'console.audit.passkey',
  'venue.approve': 'console.audit.venue.approve',
  'venue.refuse': 'console.audit.venue.refuse',
  'kiosk.license': 'console.audit.kiosk.license',
  'kiosk.suspend': 'console.audit.kiosk.suspend',
  'kiosk.revoke': 'console.audit.kiosk.revoke',
  'kiosk.set-typed-id': 'console.audit.kiosk.typedId',
  'provider.add': 'console.audit.provider.add',
  'provider.revoke': 'console.audit.provider.revoke',
  'antigen-review.read': 'console.audit.review.read',
  'antigen-review.decide': 'console.audit.review.decide',
};

// Matched without separators or case: `venue.approve`, `venue_approve` and `VENUE-APPROVE` are one action.
const squash = (action: string) => action.toLowerCase().replace(/[^a-z0-9]/g, '');
const known = new Map(Object.entries(actionKeys).map(([action, key]) => [squash(action), key]));

/** One audit entry as a sentence: a known action in the user's language, an unknown one as the server names it. */
export function auditLine(entry: AuditEntryView): { key: ConsoleMessageKey; values: Record<string, string> } {
  const key = known.get(squash(entry.action)) ?? 'console.audit.other';
  return { key, values: { action: entry.action, target: entry.target } };
}
