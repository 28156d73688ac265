import '../venue-scan.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from '../../../navigation/navigation.tsx';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import { useKeyLookup } from '../../../records/api/get-signing-keys.ts';
import { QrScanner } from '../../../scanner/qr-scanner.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useQueueCheckIn } from '../api/queue-check-in.ts';
import { isVenueCodeUrl, verifyVenueCode } from '../venue-code.ts';
import { ScanFallbacks } from './scan-fallbacks.tsx';

/**
 * 扫一扫: the camera first, a photo and the venue number always on offer underneath. A code verified
 * here is checked in at once; only a place-code URL opened from outside (a phone's own camera app)
 * goes through the check-in route, which verifies it there.
 */
export function ScanPage({ citizenId }: { citizenId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const keys = useKeyLookup();
  const queueCheckIn = useQueueCheckIn(citizenId);
  const [message, setMessage] = useState<MessageKey | null>(null);
  const lastText = useRef('');
  /** A code read from a photo or found by its number before the signing keys were ready: judged once they are. */
  const waitingForKeys = useRef<string | null>(null);
  const isVenueCode = useCallback((text: string) => isVenueCodeUrl(text, location.origin), []);

  const handleText = useCallback(
    async (text: string) => {
      if (keys.kind === 'loading') {
        waitingForKeys.current = text;
        return;
      }
      if (keys.kind === 'missing') {
        setMessage('scan.keysMissing');
        return;
      }
      const result = await verifyVenueCode(text, location.origin, keys.lookup);
      if (!result.ok) {
        setMessage(`refusal.${result.reason}`);
        return;
      }
      const checkIn = await queueCheckIn(result.venue, result.token);
      navigate(`/check-ins/${checkIn.id}`);
    },
    [keys, navigate, queueCheckIn],
  );

  // A photo or a number is read for seconds while the keys may arrive: the text is judged by the latest
  // handleText, never by the one the photo was picked under.
  const latestHandleText = useRef(handleText);
  useEffect(() => {
    latestHandleText.current = handleText;
    const waiting = waitingForKeys.current;
    if (waiting === null || keys.kind === 'loading') return;
    waitingForKeys.current = null;
    void handleText(waiting);
  }, [handleText, keys.kind]);

  // The camera reports the same code many times a second: judge each text once, once the keys are here
  // (the camera opens at once, without waiting for them).
  const onDecoded = useCallback(
    (text: string) => {
      if (keys.kind === 'loading' || text === lastText.current) return;
      lastText.current = text;
      void handleText(text);
    },
    [handleText, keys.kind],
  );

  return (
    <main className="page page--scan">
      <PageHeader title={t('scan.title')} />
      <p className="scan__hint">{t('scan.hint')}</p>
      <QrScanner onDecoded={onDecoded} wanted={isVenueCode} />
      {message && (
        <p className="scan__message" role="alert">
          {t(message)}
        </p>
      )}
      <ScanFallbacks isVenueCode={isVenueCode} onText={(text) => latestHandleText.current(text)} onMessage={setMessage} />
      <nav className="button-row">
        <Link to="/check-ins" className="button button--ghost">
          {t('scan.history')}
        </Link>
        <Link to="/venues" className="button button--ghost">
          {t('scan.venues')}
        </Link>
      </nav>
    </main>
  );
}
