import { presentCode } from '../../../core/crypto/health-code.ts';
import { serverNow } from '../../api/server-clock.ts';
import { keptDeviceKey } from '../../offline/credential-store.ts';
import { qrShapeOffThread } from '../../ui/qr-off-thread.ts';
import type { QrShape } from '../../ui/qr-shape.ts';

/**
 * The compact encoder, fetched alongside the credential rather than in the panel's first load (it has a
 * size budget). Should it fail to load, the phone shows the SSM1 form, which every verifier reads too.
 */
const compactCode = import('../../../core/crypto/compact-code.ts').catch(() => null);

/** What the device can show for a credential right now. */
export type SignedCode =
  | { kind: 'ready'; text: string; signedAt: number; shape: QrShape }
  | { kind: 'needs-sync' }
  /** The phone's clock was set back since it was last online: a code signed with it would be refused. */
  | { kind: 'clock' };

export interface CodeCredential {
  token: string;
  compact: string | undefined;
  expiresAt: number;
}

/**
 * The QR for a credential (its text, and its modules encoded off the main thread), signed with this device's
 * key at the time the server would read (api/server-clock.ts), so a phone whose clock is off still shows a
 * code a verifier accepts; the compact form (SSM2) when the credential has one. Throws when signing fails.
 */
export async function signCode(citizenId: string, { token, compact, expiresAt }: CodeCredential): Promise<SignedCode> {
  const reckoned = serverNow();
  if (!reckoned.ok) return { kind: 'clock' };
  const { now } = reckoned;
  if (now >= expiresAt) return { kind: 'needs-sync' };
  // No key, no code a verifier would take: the credential must be issued again, for a new key, online.
  const key = await keptDeviceKey(citizenId);
  if (!key) return { kind: 'needs-sync' };
  const { privateKey } = key;
  const encoder = compact === undefined ? null : await compactCode;
  const text = encoder && compact !== undefined ? await encoder.presentCompactCode(compact, privateKey, now) : await presentCode(token, privateKey, now);
  return { kind: 'ready', text, signedAt: now, shape: await qrShapeOffThread(text) };
}
