import '../../../ui/record-list.css';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { formatCalendarDay } from '../../../i18n/shanghai-time.ts';
import { useVaccinations } from '../../../records/api/get-vaccinations.ts';
import { vaccineSummaryText } from '../../../records/summary-messages.ts';
import { summariseVaccinations } from '../../../records/vaccine-summary.ts';
import { ErrorState, LoadingState } from '../../../ui/status-views.tsx';

export function VaccineSummaryLine({ citizenId }: { citizenId: string }) {
  const { t } = useI18n();
  const query = useVaccinations(citizenId);
  if (!query.data) return <>{query.isError ? t('error.title') : '…'}</>;
  return <>{vaccineSummaryText(summariseVaccinations(query.data.vaccinations), t)}</>;
}

export function VaccinePanel({ citizenId }: { citizenId: string }) {
  const { t, language } = useI18n();
  const query = useVaccinations(citizenId);
  if (query.isPending) return <LoadingState />;
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { vaccinations } = query.data;
  if (vaccinations.length === 0) return <p className="empty">{t('vaccine.empty')}</p>;
  return (
    <ol className="record-list">
      {vaccinations.map((dose) => (
        <li key={dose.id} className="record">
          <h2 className="record__title">{t('vaccine.dose', { dose: dose.dose })}</h2>
          <dl className="record__facts">
            <dt>{t('vaccine.date')}</dt>
            <dd>{formatCalendarDay(dose.date, language)}</dd>
            <dt>{t('vaccine.manufacturer')}</dt>
            <dd>{dose.manufacturer}</dd>
            <dt>{t('vaccine.site')}</dt>
            <dd>{dose.site}</dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}
