import { signKeptCode, type CodeCredential } from '../../offline/sign-kept-code.ts';
import { qrShapeOffThread } from '../../ui/qr-off-thread.ts';
import type { QrShape } from '../../ui/qr-shape.ts';

export type { CodeCredential } from '../../offline/sign-kept-code.ts';

/** What the device can show for a credential right now. */
export type SignedCode =
  | { kind: 'ready'; text: string; signedAt: number; shape: QrShape }
  | { kind: 'needs-sync' }
  /** The phone's clock was set back since it was last online: a code signed with it would be refused. */
  | { kind: 'clock' };

/**
 * The QR for a credential: its text signed the one way the boot module signs it too (offline/sign-kept-code.ts),
 * and its modules encoded off the main thread. Throws when signing fails.
 */
export async function signCode(citizenId: string, credential: CodeCredential): Promise<SignedCode> {
  const signed = await signKeptCode(citizenId, credential);
  return signed.kind === 'ready' ? { ...signed, shape: await qrShapeOffThread(signed.text) } : signed;
}
