/**
 * The one signing path of the live code on the phone: the boot module (app/boot/) and the React panel
 * (app/features/health-code-panel/sign-code.ts) both sign through `liveCodeText`, so the code first painted
 * and the code the app keeps re-signing cannot differ in form. No zod and no schema here: the boot module's
 * size budget is 12 KB gzipped with its QR encoder.
 */
import type { CryptoKey } from './web-crypto.ts';
import { bytesToBase64url } from './base64url.ts';
import { signAlgorithm } from './signed-token.ts';
import { codePrefix } from './code-prefixes.ts';
import { presentCompactCode } from './compact-code.ts';

/** The QR text for a credential at `now`, signed by the device key the credential is bound to. */
export async function presentCode(credential: string, devicePrivateKey: CryptoKey, now: number): Promise<string> {
  const signed = `${codePrefix}~${credential}~${Math.floor(now / 1000)}`;
  const signature = await crypto.subtle.sign(signAlgorithm, devicePrivateKey, new TextEncoder().encode(signed));
  return `${signed}~${bytesToBase64url(new Uint8Array(signature))}`;
}

export interface KeptCredential {
  /** The SSM1 credential token. */
  token: string;
  /** The compact (SSM2) form of the same credential, shown when there is one: half the QR modules. */
  compact: string | undefined;
}

/** The live QR text: the compact form when the credential has one, else SSM1. */
export function liveCodeText({ token, compact }: KeptCredential, devicePrivateKey: CryptoKey, now: number): Promise<string> {
  return compact === undefined ? presentCode(token, devicePrivateKey, now) : presentCompactCode(compact, devicePrivateKey, now);
}
