/**
 * Reads a scanned text as a health code of either format (health-code.ts, compact-code.ts), never
 * throwing: the server's signature and expiry always; for a phone's live code also the device signature
 * and freshness; and whether the reader's own clock can be trusted against the code's issue time.
 */
import { maxCodeLifetimeSeconds } from '../contract/codes.ts';
import { codeColour } from '../contract/common.ts';
import { base64urlToBytes, base64urlToText, bytesToBase64url } from './base64url.ts';
import {
  codePrefix,
  compactPrefix,
  credentialClaims,
  freshnessMs,
  futureSkewMs,
  issuerSkewMs,
  paperClaims,
  rawToPublicKey,
  type CodeRefusal,
  type CredentialClaims,
  type ReadCode,
} from './health-code.ts';
import { openCompactCode } from './read-compact-code.ts';
import { payloadType, signAlgorithm, unverifiedTokenType, verifyToken, type KeyLookup } from './signed-token.ts';

const embeddedToken = /v1\.[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

/**
 * A credential that fails its signature but verifies once its colour is put back was changed only in
 * its colour: a verifier says so, which is more use to staff than "forged".
 */
async function colourWasChanged(credential: string, lookup: KeyLookup): Promise<boolean> {
  const [version, kid, payloadPart, signature] = credential.split('.');
  const text = payloadPart === undefined ? null : base64urlToText(payloadPart);
  if (text === null) return false;
  const shown = /"c":"(green|yellow|red)"/.exec(text)?.[1];
  if (!shown) return false;
  for (const colour of codeColour.options) {
    if (colour === shown) continue;
    const original = text.replace(`"c":"${shown}"`, `"c":"${colour}"`);
    const candidate = [version, kid, bytesToBase64url(new TextEncoder().encode(original)), signature].join('.');
    if ((await verifyToken(candidate, lookup)).ok) return true;
  }
  return false;
}

/** Why a server-signed payload of the wrong kind was refused: what it is, where that helps staff. */
function wrongKind(payload: unknown): CodeRefusal {
  const type = payloadType(payload);
  if (type === 'venue') return 'venue-code';
  // A phone's credential without its live device signature: a copy, not the holder's phone.
  if (type === 'cred') return 'device-signature';
  return 'malformed';
}

const issuedAfter = (now: number, iat: number) => iat * 1000 > now + issuerSkewMs;

function readPaper(payload: unknown, now: number): ReadCode {
  const claims = paperClaims.safeParse(payload);
  if (!claims.success) return { ok: false, reason: wrongKind(payload) };
  if (issuedAfter(now, claims.data.iat)) return { ok: false, reason: 'clock' };
  if (claims.data.exp - claims.data.iat > maxCodeLifetimeSeconds.paper) return { ok: false, reason: 'malformed' };
  if (now >= claims.data.exp * 1000) return { ok: false, reason: 'paper-expired' };
  return { ok: true, kind: 'paper', claims: claims.data };
}

/** The time checks of a live code whose signatures hold, whichever format carried it. */
function readLive(claims: CredentialClaims, signedAt: number, now: number): ReadCode {
  if (issuedAfter(now, claims.iat)) return { ok: false, reason: 'clock' };
  if (claims.exp - claims.iat > maxCodeLifetimeSeconds.cred) return { ok: false, reason: 'malformed' };
  if (signedAt > now + futureSkewMs) return { ok: false, reason: 'future' };
  if (now - signedAt > freshnessMs) return { ok: false, reason: 'stale' };
  if (now >= claims.exp * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, kind: 'live', claims, signedAt };
}

async function readCompact(text: string, lookup: KeyLookup, now: number): Promise<ReadCode> {
  const opened = await openCompactCode(text, lookup);
  if (!opened.ok) return opened;
  if (opened.kind === 'paper') return readPaper(opened.payload, now);
  const claims = credentialClaims.safeParse(opened.payload);
  return claims.success ? readLive(claims.data, opened.signedAt, now) : { ok: false, reason: 'malformed' };
}

/**
 * Reads a scanned text as a health code, never throwing: the server's signature and expiry always;
 * for a phone's live code also the device signature and freshness.
 */
export async function readHealthCode(text: string, lookup: KeyLookup, now: number): Promise<ReadCode> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (trimmed.startsWith(compactPrefix)) return readCompact(trimmed, lookup, now);
  if (!trimmed.startsWith(`${codePrefix}~`)) {
    const token = embeddedToken.exec(trimmed)?.[0];
    return { ok: false, reason: token !== undefined && unverifiedTokenType(token) === 'venue' ? 'venue-code' : 'foreign' };
  }
  const parts = trimmed.split('~');
  if (parts.length !== 2 && parts.length !== 4) return { ok: false, reason: 'malformed' };
  const [, credential = '', secondsText = '', signatureText = ''] = parts;
  if (parts.length === 4 && !/^\d{1,12}$/.test(secondsText)) return { ok: false, reason: 'malformed' };

  const verified = await verifyToken(credential, lookup);
  if (!verified.ok) {
    if (verified.reason === 'unknown-key') return { ok: false, reason: 'unknown-key' };
    if (verified.reason === 'bad-signature') return { ok: false, reason: (await colourWasChanged(credential, lookup)) ? 'tampered-colour' : 'forged' };
    return { ok: false, reason: 'malformed' };
  }
  if (parts.length === 2) return readPaper(verified.payload, now);
  const claims = credentialClaims.safeParse(verified.payload);
  if (!claims.success) return { ok: false, reason: payloadType(verified.payload) === 'venue' ? 'venue-code' : 'malformed' };

  const deviceKey = await rawToPublicKey(claims.data.k);
  const signature = base64urlToBytes(signatureText);
  if (!deviceKey || !signature || signature.length !== 64) return { ok: false, reason: 'device-signature' };
  const deviceSigned = await crypto.subtle
    .verify(signAlgorithm, deviceKey, signature, new TextEncoder().encode(`${codePrefix}~${credential}~${secondsText}`))
    .catch(() => false);
  if (!deviceSigned) return { ok: false, reason: 'device-signature' };

  return readLive(claims.data, Number(secondsText) * 1000, now);
}
