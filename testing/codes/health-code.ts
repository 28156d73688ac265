import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { base45ToBytes, bytesToBase45 } from '../../core/crypto/base45.ts';
import { decodeCbor, encodeCbor, type CborValue } from '../../core/crypto/cbor.ts';
import { colours } from '../../core/crypto/compact-code.ts';
import { compactPrefix } from '../../core/crypto/health-code.ts';
import { readQrFromPng } from '../images/read-qr.ts';

/** What a camera would read off the citizen's screen: the QR element as pixels, decoded in node. */
export async function readShownCode(page: Page): Promise<string> {
  const qr = page.getByRole('img', { name: /随申码/ });
  // The card is repainted as it goes (the boot module's card handed to React, a fresh signature each tick):
  // a node replaced while it is photographed is taken again, not counted a failure.
  for (let attempt = 1; ; attempt++) {
    await expect(qr).toBeVisible();
    try {
      return readQrFromPng(await qr.screenshot());
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('not attached')) throw error;
    }
  }
}

/** The items of a compact (SSM2) code: `[kid, claims bytes, server signature, time since issue, device signature]`. */
export function compactItems(code: string): CborValue[] {
  if (!code.startsWith(compactPrefix)) throw new Error(`not a compact code: ${code.slice(0, 12)}…`);
  const decoded = decodeCbor(base45ToBytes(code.slice(compactPrefix.length)) ?? new Uint8Array());
  if (!decoded || !Array.isArray(decoded.value)) throw new Error('a compact code that does not decode');
  return [...(decoded.value as CborValue[])];
}


/** The same code with its credential's colour rewritten, every signature left as it was; either format. */
export function withColour(code: string, colour: string): string {
  if (code.startsWith(compactPrefix)) {
    const items = compactItems(code);
    const claims = [...((decodeCbor(items[1] as Uint8Array)?.value ?? []) as CborValue[])];
    claims[3] = Math.max(0, colours.indexOf(colour as (typeof colours)[number]));
    items[1] = encodeCbor(claims);
    return compactPrefix + bytesToBase45(encodeCbor(items));
  }
  const [prefix, credential, seconds, signature] = code.split('~') as [string, string, string, string];
  const [version, kid, payload, credentialSignature] = credential.split('.') as [string, string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  claims.c = colour;
  const forged = [version, kid, Buffer.from(JSON.stringify(claims)).toString('base64url'), credentialSignature].join('.');
  return [prefix, forged, seconds, signature].join('~');
}

/**
 * What a shown code says, either format: its credential's colour, when the phone signed it (unix seconds),
 * and its antigen item as carried (SSM2 `[signed time, level index]`, SSM1 `[result, seconds, letter]`).
 */
export function shownClaims(code: string): { colour: string; signedAt: number; antigen: unknown } {
  if (code.startsWith(compactPrefix)) {
    const items = compactItems(code);
    const claims = (decodeCbor(items[1] as Uint8Array)?.value ?? []) as CborValue[];
    return { colour: colours[Number(claims[3])] ?? 'unknown', signedAt: Number(claims[7]) + Number(items[3]), antigen: claims[5] };
  }
  const [, credential = '', seconds] = code.split('~');
  const claims = JSON.parse(Buffer.from(credential.split('.')[2] ?? '', 'base64url').toString('utf8')) as { c: string; a: unknown };
  return { colour: claims.c, signedAt: Number(seconds), antigen: claims.a };
}

/** A staff phone's verifier, opened online once and then cut off, that has checked `code` against 离沪核验. */
export async function checkOnOfflineVerifier(browser: Browser, baseURL: string, code: string): Promise<{ staff: BrowserContext; verifier: Page }> {
  const staff = await browser.newContext({ baseURL, locale: 'zh-CN' });
  const verifier = await staff.newPage();
  await verifier.goto('/verify');
  await expect(verifier.getByRole('radio', { name: '离沪核验' })).toBeChecked();
  await staff.setOffline(true);
  await verifier.getByLabel('二维码内容').fill(code);
  await verifier.getByRole('button', { name: '核验', exact: true }).click();
  return { staff, verifier };
}
