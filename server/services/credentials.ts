/**
 * Signed codes for the logged-in citizen or a linked dependant: a credential bound to the public key of
 * the device asking, and a paper code (纸质码) to print for a relative who carries no phone. The claims
 * are recomputed from the records at each request (credential-claims.ts).
 */
import type { IssuedCredential, PaperCode } from '../../core/contract/codes.ts';
import { base64urlToBytes, bytesToBase64url } from '../../core/crypto/base64url.ts';
import { ecdsa } from '../../core/crypto/signed-token.ts';
import { HttpError } from '../http/errors.ts';
import type { RecordStore } from '../storage/records.ts';
import type { RuleSetStore } from '../storage/rule-sets.ts';
import type { CitizenService } from './citizens.ts';
import { credentialClaimsFor, paperClaimsFor } from './credential-claims.ts';
import { paperIdText, readPaperId } from '../../core/identity/paper-id.ts';
import type { Signer } from './signer.ts';

/** The device key as a raw uncompressed point, once WebCrypto agrees it is a point on P-256. */
async function deviceKeyRaw(x: string, y: string): Promise<string> {
  const xBytes = base64urlToBytes(x);
  const yBytes = base64urlToBytes(y);
  const valid =
    xBytes?.length === 32 &&
    yBytes?.length === 32 &&
    (await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x, y, ext: true }, ecdsa, true, ['verify']).then(
      () => true,
      () => false,
    ));
  if (!valid) throw new HttpError(400, 'invalid_body', 'publicKey: not a P-256 public key.');
  return bytesToBase64url(new Uint8Array([4, ...xBytes, ...yBytes]));
}

export function createCredentialService(deps: { citizens: CitizenService; records: RecordStore; ruleSets: RuleSetStore; signer: Signer }) {
  const { citizens, records, ruleSets, signer } = deps;

  /** The facts about a subject the viewer may read, as both kinds of code carry them. */
  async function holder(viewer: string, subject: string, data: 'health-code' | 'paper-code') {
    const profile = await citizens.readable(viewer, subject, { data });
    const [pcrTests, antigenTests, vaccinations] = await Promise.all([
      records.pcrTests(subject),
      records.antigenTests(subject),
      records.vaccinations(subject),
    ]);
    return {
      profile,
      input: { subject, maskedName: profile.maskedName, colour: profile.colour, pcrTests, antigenTests, doses: vaccinations.length, now: Date.now() },
    };
  }

  return {
    async credential(viewer: string, subject: string, publicKey: { x: string; y: string }): Promise<IssuedCredential> {
      const deviceKey = await deviceKeyRaw(publicKey.x, publicKey.y);
      const { input } = await holder(viewer, subject, 'health-code');
      const claims = credentialClaimsFor({ ...input, deviceKey, ruleSets: await ruleSets.all() });
      // Both forms during the changeover: a phone of an older build presents the first, a newer one the compact.
      const [credential, compact] = await Promise.all([signer.sign(claims), signer.signCompact(claims)]);
      return { credential, compact, expiresAt: new Date(claims.exp * 1000).toISOString() };
    },
    async paperCode(viewer: string, subject: string): Promise<PaperCode> {
      const { profile, input } = await holder(viewer, subject, 'paper-code');
      const type = profile.documentType ?? 'resident-id';
      const claims = paperClaimsFor({ ...input, maskedIdNumber: paperIdText({ type, ...(profile.documentCountry ? { country: profile.documentCountry } : {}), maskedNumber: profile.maskedIdNumber }) });
      const printed = readPaperId(claims.i);
      return {
        code: await signer.signCompactPaper(claims),
        maskedName: claims.n,
        maskedIdNumber: printed.maskedNumber,
        documentType: printed.type,
        ...(printed.country ? { documentCountry: printed.country } : {}),
        colour: claims.c,
        printedAt: new Date(claims.iat * 1000).toISOString(),
        validUntil: new Date(claims.exp * 1000).toISOString(),
      };
    },
  };
}

export type CredentialService = ReturnType<typeof createCredentialService>;
