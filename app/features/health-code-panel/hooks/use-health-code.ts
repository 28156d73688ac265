import { useEffect, useState } from 'react';
import { presentCode } from '../../../../core/crypto/health-code.ts';
import { deviceKeyFor } from '../../../offline/credential-store.ts';
import { useCredential } from '../api/issue-credential.ts';

/** How often the device re-signs the code: a verifier refuses one older than 90 s. */
export const codeRefreshMs = 60_000;

export type HealthCodeState =
  | { kind: 'loading' }
  | { kind: 'ready'; text: string; signedAt: number; offline: boolean }
  | { kind: 'needs-sync' }
  | { kind: 'error'; error: unknown; retry: () => void };

/**
 * The QR text for the citizen's code, re-signed every minute and as soon as the page is visible
 * again (a phone taken out of a pocket must not show a code that a verifier will call stale).
 */
export function useHealthCode(citizenId: string): HealthCodeState {
  const credential = useCredential(citizenId);
  const [signed, setSigned] = useState<HealthCodeState>({ kind: 'loading' });
  const data = credential.data;

  useEffect(() => {
    if (!data) return;
    let cancelled = false;
    const sign = async () => {
      const now = Date.now();
      if (now >= data.expiresAt) {
        setSigned({ kind: 'needs-sync' });
        return;
      }
      try {
        const { privateKey } = await deviceKeyFor(citizenId);
        const text = await presentCode(data.credential, privateKey, now);
        if (!cancelled) setSigned({ kind: 'ready', text, signedAt: now, offline: data.fromStore });
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
  }, [citizenId, data]);

  if (!data) {
    if (credential.isError) return { kind: 'error', error: credential.error, retry: () => void credential.refetch() };
    return { kind: 'loading' };
  }
  return signed;
}
