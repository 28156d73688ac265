/**
 * How big each kind of code is: the characters in its QR text and the QR version they need at the
 * error correction the app draws them with (M on screen, Q on paper). A bigger version means smaller
 * modules, harder to scan from a worn card, a dim screen or a kiosk camera at arm's length.
 * Asks a real server over a temporary SQLite for demo citizen (a)'s credential, in both forms it issues,
 * and for a paper code of her linked relative; prints each before (SSM1 token) and after (SSM2 compact).
 * The server prints paper codes only in the compact form now: the SSM1 paper size is measured on the same
 * claims signed into a token with a throwaway key whose id is as long as the server's (sizes depend on
 * lengths only, every signature being 64 bytes).
 *
 *   npm run bench:codes
 */
import { endpoints } from '../../core/contract/endpoints.ts';
import { presentCompactCode } from '../../core/crypto/compact-code.ts';
import { openCompactCode } from '../../core/crypto/read-compact-code.ts';
import { paperCodeText } from '../../core/crypto/health-code.ts';
import { presentCode } from '../../core/crypto/live-code.ts';
import { ecdsa, signToken } from '../../core/crypto/signed-token.ts';
import { qrShape } from '../../app/ui/qr-path.ts';
import type { ErrorCorrection } from '../../app/ui/qr-shape.ts';
import { demoDependant, linkDependant, loginCookie, postJson, signingKeyLookup } from '../../testing/server/test-client.ts';
import { startTestServer } from '../../testing/server/test-server.ts';

const server = await startTestServer();

function report(label: string, text: string, errorCorrection: ErrorCorrection): void {
  // Measured on the symbol the app draws (alphanumeric mode when every character allows it, else bytes).
  const { size } = qrShape(text, errorCorrection);
  console.log(`${label}: ${text.length} characters, QR version ${(size - 17) / 4} (${size} modules a side) at error correction ${errorCorrection}`);
}

try {
  const cookie = await loginCookie(server.url, '13800000001');
  const device = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
  const { x = '', y = '' } = await crypto.subtle.exportKey('jwk', device.publicKey);
  const issued = endpoints.credential.response.parse(
    await (await postJson(server.url, '/credential', { publicKey: { kty: 'EC', crv: 'P-256', x, y } }, cookie)).json(),
  );
  const now = Date.now();
  report('Phone code of 张*三, before (SSM1~credential~seconds~device signature)', await presentCode(issued.credential, device.privateKey, now), 'M');
  report('Phone code of 张*三, after (SSM2: Base45 of CBOR)', await presentCompactCode(issued.compact ?? '', device.privateKey, now), 'M');

  await linkDependant(server.url, cookie, demoDependant.name, demoDependant.idNumber);
  const paper = endpoints.paperCode.response.parse(await (await postJson(server.url, '/paper-code', { subject: demoDependant.id }, cookie)).json());
  const opened = await openCompactCode(paper.code, await signingKeyLookup(server.url));
  if (!opened.ok) throw new Error(`the server's paper code does not verify: ${opened.reason}`);
  const throwaway = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
  // The server's key ids are RFC 7638 thumbprints cut to 8 bytes: 11 base64url characters.
  report('Paper code of 张*婆, before (SSM1~paper token)', paperCodeText(await signToken(throwaway.privateKey, 'k'.repeat(11), opened.payload)), 'Q');
  report('Paper code of 张*婆, after (SSM2: Base45 of CBOR)', paper.code, 'Q');
} finally {
  await server.close();
}
