/**
 * Decides whether scanned text is a place code of this app, and which one. Pure apart from WebCrypto,
 * never throws: every way a scan can be wrong comes back as its own refusal, so the screen can say
 * exactly what the citizen pointed the camera at. Nothing is accepted without a valid signature
 * from a key the caller knows.
 */
import { codePrefix, compactPrefix } from '../../../core/crypto/health-code.ts';
import { venueCodeParam, venueCodePath, venuePayload, type VenuePayload } from '../../../core/contract/venues.ts';
import { maxTokenLength, tokenVersion, unverifiedTokenType, verifyToken, type KeyLookup } from '../../../core/crypto/signed-token.ts';

export type VenueCodeRefusal =
  | 'empty'
  | 'too-large'
  | 'plain-text'
  | 'foreign-url'
  | 'not-venue-url'
  | 'personal-code'
  | 'truncated'
  | 'unknown-key'
  | 'bad-signature'
  | 'bad-payload';

export type VenueCodeResult = { ok: true; venue: VenuePayload; token: string } | { ok: false; reason: VenueCodeRefusal };

/** The panel's own QR text (the signed health code) starts with one of these. */
const personalCodePrefixes = [`${codePrefix}~`, compactPrefix];
const maxCodeBytes = 2048;

const refuse = (reason: VenueCodeRefusal): VenueCodeResult => ({ ok: false, reason });

export async function verifyVenueCode(scanned: string, origin: string, lookup: KeyLookup): Promise<VenueCodeResult> {
  const text = scanned.trim();
  if (text === '') return refuse('empty');
  if (new TextEncoder().encode(text).length > maxCodeBytes) return refuse('too-large');
  if (personalCodePrefixes.some((prefix) => text.startsWith(prefix))) return refuse('personal-code');

  const url = parseUrl(text);
  if (!url) return isPersonalToken(text) ? refuse('personal-code') : refuse('plain-text');
  if (url.origin !== origin) return refuse('foreign-url');
  const token = url.pathname === venueCodePath ? url.searchParams.get(venueCodeParam) : null;
  if (token === null) {
    const carried = [...url.searchParams.values(), url.pathname.split('/').pop() ?? ''];
    return carried.some(isPersonalToken) ? refuse('personal-code') : refuse('not-venue-url');
  }
  return token === '' ? refuse('truncated') : verifyVenueToken(token, lookup);
}

/** Whether text has the shape of this app's place code (unverified): what a photo with several codes is searched for. */
export function isVenueCodeUrl(text: string, origin: string): boolean {
  const url = parseUrl(text.trim());
  return url?.origin === origin && url.pathname === venueCodePath && Boolean(url.searchParams.get(venueCodeParam));
}

/** Verifies a bare token as a venue's; the check-in route calls this with the token from its URL. */
export async function verifyVenueToken(token: string, lookup: KeyLookup): Promise<VenueCodeResult> {
  if (token.length > maxTokenLength) return refuse('too-large');
  if (isPersonalToken(token)) return refuse('personal-code');
  const verified = await verifyToken(token, lookup);
  if (!verified.ok) {
    switch (verified.reason) {
      case 'too-large':
        return refuse('too-large');
      case 'malformed':
        return refuse('truncated');
      case 'unknown-key':
        return refuse('unknown-key');
      case 'bad-signature':
        return refuse('bad-signature');
      case 'bad-payload':
        return refuse('bad-payload');
    }
  }
  const payload = venuePayload.safeParse(verified.payload);
  return payload.success ? { ok: true, venue: payload.data, token } : refuse('bad-payload');
}

function parseUrl(text: string): URL | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** A token of ours whose payload claims to be something other than a venue (read unverified: only ever to refuse). */
function isPersonalToken(text: string): boolean {
  if (!text.startsWith(`${tokenVersion}.`)) return false;
  const type = unverifiedTokenType(text);
  return type !== undefined && type !== 'venue';
}
