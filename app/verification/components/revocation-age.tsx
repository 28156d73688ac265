import './verdict-view.css';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { formatRelativeAge, relativeAge } from '../../i18n/shanghai-time.ts';
import type { HeldRevocations } from '../../offline/revocation-store.ts';
import { useNow } from '../../ui/use-now.ts';
import { revocationRefreshMs } from '../api/get-revocations.ts';

/** Missed rounds mean the device has been offline a while: a change since may not be known here. */
const oldListMs = 6 * revocationRefreshMs;

/** How current the list of changed subjects is, since a code revoked after the last sync still passes. */
export function RevocationAge({ held }: { held: HeldRevocations | null }) {
  const { t, language } = useI18n();
  const now = useNow(30_000);
  if (!held) return <p className="verifier__revocations verifier__revocations--old">{t('verify.revocations.never')}</p>;
  const age = relativeAge(held.syncedAt, now);
  const old = now - held.syncedAt > oldListMs;
  return (
    <p className={`verifier__revocations${old ? ' verifier__revocations--old' : ''}`} data-testid="revocation-age">
      {t('verify.revocations.synced', { age: age.unit === 'justNow' ? t('time.justNow') : formatRelativeAge(age, language) })}
      {old && ` ${t('verify.revocations.old')}`}
    </p>
  );
}
