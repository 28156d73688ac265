import '../venue-scan.css';
import { useEffect } from 'react';
import { Link, useParams } from '../../../navigation/navigation.tsx';
import type { Profile } from '../../../../core/contract/account.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { formatDateTime } from '../../../i18n/shanghai-time.ts';
import { summariseAntigen } from '../../../records/antigen-summary.ts';
import { useAntigenTests } from '../../../records/api/get-antigen-tests.ts';
import { usePcrTests } from '../../../records/api/get-pcr-tests.ts';
import { useVaccinations } from '../../../records/api/get-vaccinations.ts';
import { summarisePcr } from '../../../records/pcr-summary.ts';
import { antigenSummaryText, pcrSummaryText, vaccineSummaryText } from '../../../records/summary-messages.ts';
import { summariseVaccinations } from '../../../records/vaccine-summary.ts';
import { ErrorState, LoadingState } from '../../../ui/status-views.tsx';
import { LiveClock } from '../../../ui/live-clock.tsx';
import { speak } from '../../../ui/speak.ts';
import { useNow } from '../../../ui/use-now.ts';
import { useLocalCheckIn } from '../hooks/use-local-check-in.ts';

/** The screen staff look at: the venue in large type, a ticking clock, and the citizen's own health facts. */
export function CheckInResult({ citizen }: { citizen: Profile }) {
  const { t, language } = useI18n();
  const { id = '' } = useParams();
  const query = useLocalCheckIn(id, citizen.id);
  const now = useNow(60_000);
  const outcome = query.data ? t('result.spoken', { colour: t(`colour.${citizen.colour}`), state: t(query.data.status === 'synced' ? 'result.registered' : 'result.pending') }) : null;

  // Spoken once per outcome when the screen opens or the state changes (待上传 → 已登记).
  useEffect(() => {
    if (outcome) speak(outcome, language);
  }, [outcome, language]);

  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const checkIn = query.data;
  if (!checkIn) {
    return (
      <main className="page">
        <p className="status-view status-view--error" role="alert">
          {t('result.notFound')}
        </p>
      </main>
    );
  }
  const synced = checkIn.status === 'synced';

  return (
    <main className={`page check-in-result check-in-result--${citizen.colour}`}>
      <p className={`check-in-result__state check-in-result__state--${checkIn.status}`} role="status">
        {t(synced ? 'result.registered' : 'result.pending')}
      </p>
      <h1 className="check-in-result__venue">{checkIn.venue.n}</h1>
      <p className="check-in-result__place">
        {checkIn.venue.d} · {checkIn.venue.a}
      </p>
      <p className="check-in-result__number">{t('result.venueNumber', { number: checkIn.venue.id })}</p>
      <div className="check-in-result__clock">
        <LiveClock />
      </div>
      <p className="check-in-result__scanned">{t('result.scannedAt', { time: formatDateTime(checkIn.scannedAt, true) })}</p>
      {!synced && <p className="check-in-result__hint">{t('result.pendingHint')}</p>}
      <dl className="check-in-result__facts">
        <dt>{t('result.codeColour')}</dt>
        <dd className={`check-in-result__colour check-in-result__colour--${citizen.colour}`}>
          {citizen.maskedName} · {t(`colour.${citizen.colour}`)}
        </dd>
        <HealthFacts citizenId={citizen.id} now={now} />
      </dl>
      {outcome && (
        <button type="button" className="button button--secondary" onClick={() => speak(outcome, language)}>
          {t('result.speak')}
        </button>
      )}
      <Link to="/" className="button button--primary">
        {t('result.done')}
      </Link>
    </main>
  );
}

function HealthFacts({ citizenId, now }: { citizenId: string; now: number }) {
  const { t } = useI18n();
  const pcr = usePcrTests(citizenId);
  const antigen = useAntigenTests(citizenId);
  const vaccine = useVaccinations(citizenId);
  const pcrSummary = pcr.data ? summarisePcr(pcr.data.pcrTests, now) : undefined;
  const antigenSummary = antigen.data ? summariseAntigen(antigen.data.antigenTests, now) : undefined;
  const vaccineSummary = vaccine.data ? summariseVaccinations(vaccine.data.vaccinations) : undefined;

  const pending = t('app.loading');
  return (
    <>
      <dt>{t('result.pcr')}</dt>
      <dd>{pcrSummary ? pcrSummaryText(pcrSummary, t) : pending}</dd>
      <dt>{t('result.antigen')}</dt>
      <dd>{antigenSummary ? antigenSummaryText(antigenSummary, t) : pending}</dd>
      <dt>{t('result.vaccine')}</dt>
      <dd>{vaccineSummary ? vaccineSummaryText(vaccineSummary, t) : pending}</dd>
    </>
  );
}
