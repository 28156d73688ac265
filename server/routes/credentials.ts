import { Hono } from 'hono';
import { credentialBody, endpoints, paperCodeBody, type ResponseOf } from '../../core/contract.ts';
import { base64urlToBytes, bytesToBase64url } from '../../core/crypto/base64url.ts';
import { paperCodeText } from '../../core/crypto/health-code.ts';
import { ecdsa } from '../../core/crypto/signed-token.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { requireSession, type SessionVariables } from '../http/session.ts';
import { credentialClaimsFor, paperClaimsFor } from '../services/credentials.ts';
import type { Services } from '../services.ts';

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

/**
 * Signed codes for the logged-in citizen or a linked dependant: a credential bound to the public key
 * of the device asking, and a paper code (纸质码) to print for a relative who carries no phone.
 */
export function credentialRoutes({ auth, citizens, records, ruleSets, signer }: Services) {
  const app = new Hono<{ Variables: SessionVariables }>();
  app.use(endpoints.credential.path, requireSession(auth));
  app.use(endpoints.paperCode.path, requireSession(auth));

  /** The facts about a subject the viewer may read, as both kinds of code carry them. */
  function holder(viewer: string, subject: string) {
    const profile = citizens.profile(subject);
    if (!profile) throw new HttpError(404, 'not_found', 'No such citizen.');
    if (!citizens.canRead(viewer, subject)) {
      throw new HttpError(403, 'forbidden', 'You may show only your own and your family members’ codes.');
    }
    return {
      profile,
      input: {
        subject,
        maskedName: profile.maskedName,
        colour: profile.colour,
        pcrTests: records.pcrTests(subject),
        antigenTests: records.antigenTests(subject),
        doses: records.vaccinations(subject).length,
        now: Date.now(),
      },
    };
  }

  app.post(endpoints.credential.path, async (c) => {
    const body = await readJson(c, credentialBody);
    const deviceKey = await deviceKeyRaw(body.publicKey.x, body.publicKey.y);
    const viewer = c.get('citizenId');
    const { input } = holder(viewer, body.subject ?? viewer);
    const claims = credentialClaimsFor({ ...input, deviceKey, ruleSets: ruleSets.all() });
    c.header('Cache-Control', 'no-store');
    return c.json<ResponseOf<'credential'>>({ credential: await signer.sign(claims), expiresAt: new Date(claims.exp * 1000).toISOString() });
  });

  return app.post(endpoints.paperCode.path, async (c) => {
    const body = await readJson(c, paperCodeBody);
    const { profile, input } = holder(c.get('citizenId'), body.subject);
    const claims = paperClaimsFor({ ...input, maskedIdNumber: profile.maskedIdNumber });
    c.header('Cache-Control', 'no-store');
    return c.json<ResponseOf<'paperCode'>>({
      code: paperCodeText(await signer.sign(claims)),
      maskedName: claims.n,
      maskedIdNumber: claims.i,
      colour: claims.c,
      printedAt: new Date(claims.iat * 1000).toISOString(),
      validUntil: new Date(claims.exp * 1000).toISOString(),
    });
  });
}
