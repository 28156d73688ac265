import '../health-code-panel.css';
import { memo, useEffect, useLayoutEffect } from 'react';
import { releaseBootCard } from '../../../boot/hand-over.ts';
import type { Profile } from '../../../../core/contract/account.ts';
import { documentLabel } from '../../../../core/identity/labels.ts';
import { Link } from '../../../navigation/navigation.tsx';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { formatDateTime } from '../../../i18n/shanghai-time.ts';
import { ErrorState, LoadingState } from '../../../ui/status-views.tsx';
import { useHealthCode } from '../hooks/use-health-code.ts';
import { usePanelRefresh } from '../hooks/use-panel-refresh.ts';
import { colourIcons, QrSvg } from '../../../ui/qr-svg.tsx';
import { LiveClock } from '../../../ui/live-clock.tsx';

interface HealthCodeCardProps {
  profile: Profile;
  /** When the data behind the card last came from the server. */
  refreshedAt: number;
  /** Called once the code is drawn, or cannot be: work that must not delay it may start then. */
  onCodeSettled?: () => void;
}

/**
 * The top of the 随申码 panel: who, the coloured code with its name in words, and a live clock.
 * Memoised: the panel renders again as each record tab's query lands (four times on a first load), and
 * the card, whose own queries re-render it, need not follow unless the profile or refresh time changed.
 */
export const HealthCodeCard = memo(function HealthCodeCard({ profile, refreshedAt, onCodeSettled }: HealthCodeCardProps) {
  const { t, language } = useI18n();
  const colourName = t(`colour.${profile.colour}`);
  const refreshed = formatDateTime(refreshedAt, true);
  const code = useHealthCode(profile.id, profile.colour);
  usePanelRefresh(profile.id);
  const settled = code.kind !== 'loading';
  // The boot module's card (app/boot/) leaves in the commit that shows this one's code: same frame, same place.
  useLayoutEffect(() => {
    if (settled) releaseBootCard();
  }, [settled]);
  useEffect(() => {
    if (settled) onCodeSettled?.();
  }, [settled, onCodeSettled]);
  return (
    <section className={`code-card code-card--${profile.colour}`} aria-labelledby="code-card-title">
      <h1 id="code-card-title" className="code-card__title">
        {t('app.title')}
      </h1>
      <dl className="code-card__identity">
        <div>
          <dt>{t('panel.name')}</dt>
          <dd>{profile.maskedName}</dd>
        </div>
        <div>
          {/* The document's name where 证件号 was: staff check the number against the right card. */}
          <dt>{documentLabel({ type: profile.documentType ?? 'resident-id', country: profile.documentCountry }, language)}</dt>
          <dd>{profile.maskedIdNumber}</dd>
        </div>
      </dl>
      <LiveClock />
      {(code.kind === 'ready' || code.kind === 'loading') && (
        <div className="code-card__qr-slot">
          {code.kind === 'ready' ? (
            <QrSvg
              shape={code.shape}
              colour={profile.colour}
              label={t('panel.qr.label', { name: profile.maskedName, colour: colourName, time: formatDateTime(code.signedAt, true) })}
            />
          ) : (
            <LoadingState label={t('panel.code.loading')} />
          )}
        </div>
      )}
      {code.kind === 'error' && <ErrorState error={code.error} onRetry={code.retry} />}
      {code.kind === 'needs-sync' && (
        <p className="code-card__needs-sync" role="alert">
          {t('panel.code.needsSync')}
        </p>
      )}
      {code.kind === 'clock' && (
        <p className="code-card__needs-sync" role="alert">
          {t('clock.wrong')}
        </p>
      )}
      <p className="code-card__colour">
        <span className="colour-icon" aria-hidden="true">
          {colourIcons[profile.colour]}
        </span>
        <span>{colourName}</span>
      </p>
      <p className="code-card__hint">{t(`colour.${profile.colour}.hint`)}</p>
      <p className="code-card__refreshed">{t('panel.refreshed', { time: refreshed })}</p>
      {code.kind === 'ready' && code.offline && <p className="code-card__offline">{t('panel.code.offline')}</p>}
      <Link to={`/traveller-check?who=${encodeURIComponent(profile.id)}`} className="button button--secondary code-card__travel">
        {t('panel.travellerCheck')}
      </Link>
    </section>
  );
});
