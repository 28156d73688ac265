import './live-clock.css';
import { useI18n } from '../i18n/i18n-provider.tsx';
import { formatClock, formatDay } from '../i18n/shanghai-time.ts';
import { useNow } from './use-now.ts';

/** Ticks every second so staff can tell a live screen from a screenshot. */
export function LiveClock() {
  const { t } = useI18n();
  const now = useNow(1000);
  return (
    <p className="live-clock" aria-label={t('panel.clock')}>
      <span className="live-clock__day">{formatDay(now)}</span>{' '}
      <time className="live-clock__time" dateTime={new Date(now).toISOString()}>
        {formatClock(now, true)}
      </time>
    </p>
  );
}
