import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CodeColour } from '../../../../core/contract/common.ts';
import { issuedColour } from '../../../offline/kept-code.ts';
import { useCredential } from '../api/issue-credential.ts';
import { awaitEarlyCode, takeEarlyCode } from '../early-code.ts';
import { signCode, type SignedCode } from '../sign-code.ts';
import type { QrShape } from '../../../ui/qr-shape.ts';

/** How often the device re-signs the code: a verifier refuses one older than 90 s. */
export const codeRefreshMs = 60_000;

export type HealthCodeState =
  | { kind: 'loading' }
  | { kind: 'ready'; text: string; signedAt: number; shape: QrShape; offline: boolean }
  | { kind: 'needs-sync' }
  /** The phone's clock was set back since it was last online: a code signed with it would be refused. */
  | { kind: 'clock' }
  | { kind: 'error'; error: unknown; retry: () => void };

const asState = (code: SignedCode): HealthCodeState => (code.kind === 'ready' ? { ...code, offline: false } : code);

/**
 * The QR text for the citizen's code (sign-code.ts), re-signed every minute and as soon as the page is
 * visible again (a phone taken out of a pocket must not show a code that a verifier will call stale).
 * At start the code signed while the app loaded (early-code.ts) stands in for the first signature.
 */
export function useHealthCode(citizenId: string, colour: CodeColour): HealthCodeState {
  const credential = useCredential(citizenId);
  const data = credential.data;
  // Re-signed (and the QR drawn again, the costly part) only when the credential itself changes: a refetch
  // that falls back to the same kept credential offline changes nothing on the code but the offline note.
  const token = data?.credential;
  const compact = data?.compact;
  const expiresAt = data?.expiresAt;
  /** The early code, when it was made by the time of the first render: shown at once, not signed again until the next refresh. */
  const [early] = useState(() => {
    const code = token === undefined ? null : takeEarlyCode(citizenId, token);
    return code && token !== undefined ? { token, code } : null;
  });
  const [signed, setSigned] = useState<HealthCodeState>(early ? asState(early.code) : { kind: 'loading' });
  const firstSigning = useRef(true);
  const { refetch } = credential;
  const refetchedFor = useRef<CodeColour | null>(null);

  // The colour changed since the credential was issued: a verifier would see the old one, and refuse it
  // once its revocation list knows. Asked once per new colour, so a server that disagrees cannot loop it.
  useEffect(() => {
    if (token === undefined || issuedColour(token) === colour || refetchedFor.current === colour) return;
    refetchedFor.current = colour;
    void refetch();
  }, [token, colour, refetch]);

  // A layout effect: the signature is asked for in the commit that shows the card, not after the page has
  // painted and the renders queued behind it have run, which at start would hold the code back.
  useLayoutEffect(() => {
    if (token === undefined || expiresAt === undefined) return;
    let cancelled = false;
    const sign = async (first: boolean) => {
      try {
        const code = (first ? await awaitEarlyCode(citizenId, token) : null) ?? (await signCode(citizenId, { token, compact, expiresAt }));
        if (!cancelled) setSigned(asState(code));
      } catch (error) {
        if (!cancelled) setSigned({ kind: 'error', error, retry: () => void sign(false) });
      }
    };
    if (!firstSigning.current || early?.token !== token) void sign(firstSigning.current);
    firstSigning.current = false;
    const timer = setInterval(() => void sign(false), codeRefreshMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void sign(false);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      cancelled = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [citizenId, token, compact, expiresAt, early]);

  if (!data) {
    if (credential.isError) return { kind: 'error', error: credential.error, retry: () => void credential.refetch() };
    return { kind: 'loading' };
  }
  return signed.kind === 'ready' ? { ...signed, offline: data.fromStore } : signed;
}
