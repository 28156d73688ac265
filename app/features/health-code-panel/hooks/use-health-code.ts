import { useEffect, useRef, useState } from 'react';
import type { CodeColour } from '../../../../core/contract.ts';
import { base64urlToText } from '../../../../core/crypto/base64url.ts';
import { presentCode } from '../../../../core/crypto/health-code.ts';
import { serverNow } from '../../../api/server-clock.ts';
import { deviceKeyFor } from '../../../offline/credential-store.ts';
import { useCredential } from '../api/issue-credential.ts';

/**
 * The compact encoder, fetched alongside the credential rather than in the panel's first load (it has a
 * size budget). Should it fail to load, the phone shows the SSM1 form, which every verifier reads too.
 */
const compactCode = import('../../../../core/crypto/compact-code.ts').catch(() => null);

/** How often the device re-signs the code: a verifier refuses one older than 90 s. */
export const codeRefreshMs = 60_000;

export type HealthCodeState =
  | { kind: 'loading' }
  | { kind: 'ready'; text: string; signedAt: number; offline: boolean }
  | { kind: 'needs-sync' }
  /** The phone's clock was set back since it was last online: a code signed with it would be refused. */
  | { kind: 'clock' }
  | { kind: 'error'; error: unknown; retry: () => void };

/** The colour a credential was issued with, read without verifying: only to tell whether it is out of date. */
function issuedColour(credential: string): unknown {
  const text = base64urlToText(credential.split('.')[2] ?? '');
  try {
    return text === null ? undefined : (JSON.parse(text) as { c?: unknown }).c;
  } catch {
    return undefined;
  }
}

/**
 * The QR text for the citizen's code, re-signed every minute and as soon as the page is visible
 * again (a phone taken out of a pocket must not show a code that a verifier will call stale).
 * It is signed with the time the server would read (api/server-clock.ts), so a phone whose clock is
 * off still shows a code a verifier accepts; the compact form (SSM2) when the credential has one.
 */
export function useHealthCode(citizenId: string, colour: CodeColour): HealthCodeState {
  const credential = useCredential(citizenId);
  const [signed, setSigned] = useState<HealthCodeState>({ kind: 'loading' });
  const data = credential.data;
  // Re-signed (and the QR drawn again, the costly part) only when the credential itself changes: a refetch
  // that falls back to the same kept credential offline changes nothing on the code but the offline note.
  const token = data?.credential;
  const compact = data?.compact;
  const expiresAt = data?.expiresAt;
  const { refetch } = credential;
  const refetchedFor = useRef<CodeColour | null>(null);

  // The colour changed since the credential was issued: a verifier would see the old one, and refuse it
  // once its revocation list knows. Asked once per new colour, so a server that disagrees cannot loop it.
  useEffect(() => {
    if (token === undefined || issuedColour(token) === colour || refetchedFor.current === colour) return;
    refetchedFor.current = colour;
    void refetch();
  }, [token, colour, refetch]);

  useEffect(() => {
    if (token === undefined || expiresAt === undefined) return;
    let cancelled = false;
    const sign = async () => {
      const reckoned = serverNow();
      if (!reckoned.ok) {
        setSigned({ kind: 'clock' });
        return;
      }
      const { now } = reckoned;
      if (now >= expiresAt) {
        setSigned({ kind: 'needs-sync' });
        return;
      }
      try {
        const { privateKey } = await deviceKeyFor(citizenId);
        const encoder = compact === undefined ? null : await compactCode;
        const text = encoder && compact !== undefined ? await encoder.presentCompactCode(compact, privateKey, now) : await presentCode(token, privateKey, now);
        if (!cancelled) setSigned({ kind: 'ready', text, signedAt: now, offline: false });
      } catch (error) {
        if (!cancelled) setSigned({ kind: 'error', error, retry: () => void sign() });
      }
    };
    void sign();
    const timer = setInterval(() => void sign(), codeRefreshMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void sign();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      cancelled = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [citizenId, token, compact, expiresAt]);

  if (!data) {
    if (credential.isError) return { kind: 'error', error: credential.error, retry: () => void credential.refetch() };
    return { kind: 'loading' };
  }
  return signed.kind === 'ready' ? { ...signed, offline: data.fromStore } : signed;
}
