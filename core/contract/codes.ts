/** The signed codes: the server's public keys, device-bound credentials, paper codes, the revocation list. */
import * as z from 'zod/mini';
import { documentType } from '../identity/documents.ts';
import { citizenId, codeColour, endpoint, instant } from './common.ts';

/** A public ECDSA P-256 signing key as published in the JWK set. */
export const publicJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  y: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  kid: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  alg: z.literal('ES256'),
  use: z.literal('sig'),
});
export type PublicJwk = z.infer<typeof publicJwk>;
export const jwkSet = z.object({ keys: z.array(publicJwk) });

/** A device's public key, sent when it asks for a credential bound to it. */
export const devicePublicKey = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  y: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
});
/** `subject` asks for a dependant's credential (亲友码); without it, the caller's own. */
export const credentialBody = z.object({ publicKey: devicePublicKey, subject: z.optional(citizenId) });
/**
 * A signed health credential (see core/crypto/health-code.ts for its payload), as a token (SSM1) and,
 * from servers that issue it, in the compact form (SSM2, core/crypto/compact-code.ts) over the same claims.
 */
export const issuedCredential = z.object({
  credential: z.string().check(z.maxLength(2048)),
  compact: z.optional(z.string().check(z.maxLength(2048))),
  expiresAt: instant,
});
export type IssuedCredential = z.infer<typeof issuedCredential>;

/** How long a printed paper code is accepted; the server signs it, the card and its screen say it. */
export const paperCodeLifetimeDays = 3;
/** How long a phone's credential is signed for at most (it is renewed online); also the most a reader accepts. */
export const credentialLifetimeHours = 24;
/**
 * The most `exp − iat` a reader believes, with a minute for rounding: a signed code claiming a longer life
 * was not made by this service's rules, whatever key signed it.
 */
export const maxCodeLifetimeSeconds = { cred: credentialLifetimeHours * 3600 + 60, paper: paperCodeLifetimeDays * 24 * 3600 + 60 } as const;
/** Asks for a printable paper code (纸质码) for the caller or a linked dependant. */
export const paperCodeBody = z.object({ subject: citizenId });
/** A paper code's QR text and what the card prints beside it, all taken from the signed claims. */
export const paperCode = z.object({
  code: z.string().check(z.maxLength(2048)),
  maskedName: z.string(),
  maskedIdNumber: z.string(),
  /** Which document the number is on (absent from servers before documents: a resident ID). */
  documentType: z.optional(documentType),
  documentCountry: z.optional(z.string()),
  colour: codeColour,
  printedAt: instant,
  validUntil: instant,
});
export type PaperCode = z.infer<typeof paperCode>;

/** `list` is a signed token whose payload is `revocationPayload` (core/crypto/revocation-list.ts). */
export const revocationList = z.object({ list: z.string() });
export type RevocationList = z.infer<typeof revocationList>;

export const codeEndpoints = {
  credential: endpoint({ method: 'POST', path: '/credential', body: credentialBody, response: issuedCredential }),
  paperCode: endpoint({ method: 'POST', path: '/paper-code', body: paperCodeBody, response: paperCode }),
  signingKeys: endpoint({ method: 'GET', path: '/keys', body: undefined, response: jwkSet }),
  /**
   * The signed revocation list (core/crypto/revocation-list.ts), whole or, with `?since=<version>`, what
   * changed after that version; public, like the keys it is checked with.
   */
  revocations: endpoint({ method: 'GET', path: '/revocations', body: undefined, response: revocationList }),
  /**
   * The same list in its compact binary form (core/crypto/revocation-compact.ts), sealed by the server key,
   * as `application/octet-stream`: what verifiers sync, since it stays under 1 MB for half a million changes.
   */
  revocationsCompact: endpoint({ method: 'GET', path: '/revocations/compact', body: undefined, response: z.instanceof(Uint8Array) }),
} as const;
