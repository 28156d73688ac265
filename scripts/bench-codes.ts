/**
 * How big each kind of code is: the characters in its QR text and the QR version they need at the
 * error correction the app draws them with (M on screen, Q on paper). A bigger version means smaller
 * modules, harder to scan from a worn card or a dim screen.
 * Asks a real server over a temporary SQLite for demo citizen (a)'s phone code and for a paper code of
 * her linked relative.
 *
 *   npm run bench:codes
 */
import { endpoints } from '../core/contract.ts';
import { presentCode } from '../core/crypto/health-code.ts';
import { ecdsa } from '../core/crypto/signed-token.ts';
import { qrShape, type ErrorCorrection } from '../app/ui/qr-path.ts';
import { demoDependant, linkDependant, loginCookie, postJson } from '../server/test-client.ts';
import { startTestServer } from '../server/test-server.ts';

const server = await startTestServer();

function report(label: string, text: string, errorCorrection: ErrorCorrection): void {
  // Measured on the symbol the app draws, not on qrcode's own choice of modes.
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
  report('Phone code of 张*三 (SSM1~credential~seconds~device signature)', await presentCode(issued.credential, device.privateKey, Date.now()), 'M');

  await linkDependant(server.url, cookie, demoDependant.name, demoDependant.idNumber);
  const paper = endpoints.paperCode.response.parse(await (await postJson(server.url, '/paper-code', { subject: demoDependant.id }, cookie)).json());
  report('Paper code of 张*婆 (SSM1~paper token)', paper.code, 'Q');
} finally {
  await server.close();
}
