/**
 * Signing the live code with the kept device key, at the time the server would read: the one step the boot
 * module (app/boot/) and the panel (features/health-code-panel/sign-code.ts) both take, so the first code on
 * screen and every later one are made the same way (core/crypto/live-code.ts).
 */
import { liveCodeText } from '../../core/crypto/live-code.ts';
import { serverNow } from '../api/server-clock.ts';
import { keptDeviceKey } from './kept-code.ts';

export interface CodeCredential {
  token: string;
  compact: string | undefined;
  expiresAt: number;
}

export type SignedText =
  | { kind: 'ready'; text: string; signedAt: number }
  | { kind: 'needs-sync' }
  /** The phone's clock was set back since it was last online: a code signed with it would be refused. */
  | { kind: 'clock' };

/**
 * The QR text for a credential, signed with this device's key at server time (api/server-clock.ts), so a phone
 * whose clock is off still shows a code a verifier accepts. Throws when signing fails.
 */
export async function signKeptCode(citizenId: string, { token, compact, expiresAt }: CodeCredential): Promise<SignedText> {
  const reckoned = serverNow();
  if (!reckoned.ok) return { kind: 'clock' };
  const { now } = reckoned;
  if (now >= expiresAt) return { kind: 'needs-sync' };
  // No key, no code a verifier would take: the credential must be issued again, for a new key, online.
  const key = await keptDeviceKey(citizenId);
  if (!key) return { kind: 'needs-sync' };
  return { kind: 'ready', text: await liveCodeText({ token, compact }, key.privateKey, now), signedAt: now };
}
