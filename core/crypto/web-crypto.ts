/**
 * WebCrypto's key types, named from the `crypto` global that browsers and Node both have, so that the core
 * compiles for the client (DOM library) and for the server (Node's library) alike.
 */
export type CryptoKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
export interface CryptoKeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}
export type JsonWebKey = Awaited<ReturnType<typeof crypto.subtle.exportKey>> & { x?: string; y?: string };
