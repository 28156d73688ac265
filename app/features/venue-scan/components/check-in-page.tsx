import '../venue-scan.css';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from '../../../navigation/navigation.tsx';
import { venueCodeParam } from '../../../../core/contract/venues.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import { useKeyLookup } from '../../../records/api/get-signing-keys.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { LoadingState } from '../../../ui/status-views.tsx';
import { useQueueCheckIn } from '../api/queue-check-in.ts';
import { verifyVenueToken, type VenueCodeResult } from '../venue-code.ts';

/**
 * Where a place code's URL lands when a phone's own camera app opens it (the in-app scanner checks in
 * itself, with the code it has verified already): verify, show the venue and wait for the citizen's tap
 * (were opening the link enough, any link could plant a visit), then store the check-in on the
 * device and show the result under its own id so a reload never checks in twice.
 */
export function CheckInPage({ citizenId }: { citizenId: string }) {
  const { t } = useI18n();
  const [searchParams] = useSearchParams();
  const token = searchParams.get(venueCodeParam) ?? '';
  const navigate = useNavigate();
  const keys = useKeyLookup();
  const queueCheckIn = useQueueCheckIn(citizenId);
  const [refusal, setRefusal] = useState<MessageKey | null>(null);
  const [verified, setVerified] = useState<Extract<VenueCodeResult, { ok: true }> | null>(null);
  const [busy, setBusy] = useState(false);
  const handled = useRef('');

  useEffect(() => {
    if (keys.kind !== 'ready' || handled.current === token) return;
    handled.current = token;
    const { lookup } = keys;
    void (async () => {
      const result = await verifyVenueToken(token, lookup);
      if (!result.ok) {
        setRefusal(`refusal.${result.reason}`);
        return;
      }
      setVerified(result);
    })();
  }, [keys, token]);

  async function confirm(venue: Extract<VenueCodeResult, { ok: true }>) {
    setBusy(true);
    const checkIn = await queueCheckIn(venue.venue, venue.token);
    navigate(`/check-ins/${checkIn.id}`, { replace: true });
  }

  const shown = keys.kind === 'missing' ? 'scan.keysMissing' : refusal;
  return (
    <main className="page">
      <PageHeader title={t('result.title')} backTo="/scan" />
      {shown ? (
        <div className="status-view status-view--error" role="alert">
          <strong>{t(shown)}</strong>
          <Link to="/scan" className="button button--secondary">
            {t('scan.title')}
          </Link>
        </div>
      ) : verified ? (
        <section className="card" aria-labelledby="confirm-venue">
          <h2 id="confirm-venue">{verified.venue.n}</h2>
          <p>
            {verified.venue.d} · {verified.venue.a}
          </p>
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void confirm(verified)}>
            {t('checkIn.confirm')}
          </button>
        </section>
      ) : (
        <LoadingState label={t('scan.checking')} />
      )}
    </main>
  );
}
