import '../../../ui/record-list.css';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { formatCalendarDay } from '../../../i18n/shanghai-time.ts';
import { useItinerary } from '../../../records/api/get-itinerary.ts';
import { recentCities, recentStops } from '../../../records/itinerary-summary.ts';
import { ErrorState, LoadingState } from '../../../ui/status-views.tsx';

export function ItinerarySummaryLine({ citizenId, now }: { citizenId: string; now: number }) {
  const { t } = useI18n();
  const query = useItinerary(citizenId);
  if (!query.data) return <>{query.isError ? t('error.title') : '…'}</>;
  const cities = recentCities(query.data.stops, now);
  if (cities.length === 0) return <>{t('itinerary.summary.none')}</>;
  const list = cities.map(({ city, risk }) => (risk ? `${city}*` : city)).join('，');
  return <>{t('itinerary.summary', { cities: list })}</>;
}

export function ItineraryPanel({ citizenId, now }: { citizenId: string; now: number }) {
  const { t, language } = useI18n();
  const query = useItinerary(citizenId);
  if (query.isPending) return <LoadingState />;
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const stops = recentStops(query.data.stops, now);
  if (stops.length === 0) return <p className="empty">{t('itinerary.empty')}</p>;
  return (
    <>
      <ol className="record-list">
        {stops.map((stop) => (
          <li key={stop.id} className={stop.risk ? 'record record--risk' : 'record'}>
            <h2 className="record__title">
              {stop.risk ? (
                <>
                  <span aria-hidden="true">{stop.city}*</span>
                  <span className="visually-hidden">{t('itinerary.riskCity', { city: stop.city })}</span>
                </>
              ) : (
                stop.city
              )}
            </h2>
            <p className="record__meta">{formatCalendarDay(stop.date, language)}</p>
          </li>
        ))}
      </ol>
      <p className="footnote">{t('itinerary.risk')}</p>
    </>
  );
}
