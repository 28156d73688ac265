import { Hono } from 'hono';
import { credentialBody, endpoints, type ResponseOf } from '../../app/api/contract.ts';
import { base64urlToBytes, bytesToBase64url } from '../../app/crypto/base64url.ts';
import { ecdsa } from '../../app/crypto/signed-token.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { requireSession, type SessionVariables } from '../http/session.ts';
import { credentialClaimsFor } from '../services/credentials.ts';
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

/** A signed credential for the logged-in citizen or a dependant, bound to the public key of the device asking. */
export function credentialRoutes({ auth, citizens, records, ruleSets, signer }: Services) {
  const app = new Hono<{ Variables: SessionVariables }>();
  app.use(endpoints.credential.path, requireSession(auth));
  return app.post(endpoints.credential.path, async (c) => {
    const body = await readJson(c, credentialBody);
    const deviceKey = await deviceKeyRaw(body.publicKey.x, body.publicKey.y);
    const viewer = c.get('citizenId');
    const subject = body.subject ?? viewer;
    const profile = citizens.profile(subject);
    if (!profile) throw new HttpError(404, 'not_found', 'No such citizen.');
    if (!citizens.canRead(viewer, subject)) {
      throw new HttpError(403, 'forbidden', 'You may show only your own and your family members’ codes.');
    }
    const claims = credentialClaimsFor({
      subject,
      maskedName: profile.maskedName,
      colour: profile.colour,
      pcrTests: records.pcrTests(subject),
      antigenTests: records.antigenTests(subject),
      doses: records.vaccinations(subject).length,
      deviceKey,
      ruleSets: ruleSets.all(),
      now: Date.now(),
    });
    c.header('Cache-Control', 'no-store');
    return c.json<ResponseOf<'credential'>>({ credential: await signer.sign(claims), expiresAt: new Date(claims.exp * 1000).toISOString() });
  });
}
