import { useMemo, useState, type SubmitEvent } from 'react';
import { kioskLabel } from '../../../../core/contract/kiosks.ts';
import type { Venue } from '../../../../core/contract/venues.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { useConsoleText } from '../../../i18n/console-messages.ts';
import { useKioskText } from '../../../i18n/kiosk-messages.ts';
import { formatDateTime } from '../../../i18n/shanghai-time.ts';
import { useRuleSets } from '../../../records/api/get-rule-sets.ts';
import { errorMessageKey } from '../../../ui/error-message.ts';
import { qrShape } from '../../../ui/qr-path.ts';
import { quietZone } from '../../../ui/qr-shape.ts';
import { ErrorState, FormError, LoadingState } from '../../../ui/status-views.tsx';
import { TextField } from '../../../ui/text-field.tsx';
import { useVenueKiosks } from '../api/get-venue-kiosks.ts';
import { usePairKiosk } from '../api/pair-kiosk.ts';
import { useRevokeKiosk } from '../api/revoke-kiosk.ts';
import { useUpdateVenueRuleSet } from '../api/update-venue.ts';
import { KioskLicenceBadge } from './venue-approval-status.tsx';

/** The link the spare device opens: the token rides in the fragment, which browsers never send to a server. */
export const kioskPairingLink = (origin: string, token: string) => `${origin}/kiosk#pair=${encodeURIComponent(token)}`;

function PairingQr({ link, label }: { link: string; label: string }) {
  const { size, path } = useMemo(() => qrShape(link), [link]);
  const side = size + 2 * quietZone;
  return (
    <svg className="kiosk-pairing__qr" role="img" aria-label={label} viewBox={`0 0 ${side} ${side}`} shapeRendering="crispEdges">
      <rect width={side} height={side} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

function RuleSetChoice({ venue }: { venue: Venue }) {
  const { t, language } = useI18n();
  const k = useKioskText();
  const ruleSets = useRuleSets();
  const update = useUpdateVenueRuleSet(venue.number);
  if (!ruleSets.data) return null;
  return (
    <label className="field">
      <span className="field__label">{k('kiosk.owner.ruleSet')}</span>
      <select className="field__input" value={venue.ruleSetId} disabled={update.isPending} onChange={(event) => update.mutate(event.target.value)}>
        {ruleSets.data.ruleSets.map((set) => (
          <option key={set.id} value={set.id}>
            {set.title[language]}
          </option>
        ))}
      </select>
      {update.isSuccess && <span role="status">{k('kiosk.owner.ruleSaved')}</span>}
      {update.isError && (
        <span className="field__error" role="alert">
          {t(errorMessageKey(update.error))}
        </span>
      )}
    </label>
  );
}

function KioskList({ number }: { number: string }) {
  const k = useKioskText();
  const kiosks = useVenueKiosks(number);
  const revoke = useRevokeKiosk(number);
  const [confirming, setConfirming] = useState<string | null>(null);
  if (kiosks.isPending) return <LoadingState />;
  if (kiosks.isError) return <ErrorState error={kiosks.error} onRetry={() => void kiosks.refetch()} />;
  if (kiosks.data.kiosks.length === 0) return <p className="empty">{k('kiosk.owner.none')}</p>;
  return (
    <ul className="kiosk-pairing__list" aria-label={k('kiosk.owner.list')}>
      {kiosks.data.kiosks.map((kiosk) => (
        <li key={kiosk.id} className="kiosk-pairing__device">
          <strong>{kiosk.label}</strong> <KioskLicenceBadge licence={kiosk.licence} />
          <span>
            {kiosk.revokedAt
              ? k('kiosk.owner.revokedAt', { time: formatDateTime(kiosk.revokedAt) })
              : kiosk.lastSeenAt
                ? k('kiosk.owner.lastSeen', { time: formatDateTime(kiosk.lastSeenAt) })
                : k('kiosk.owner.neverSeen')}
          </span>
          {!kiosk.revokedAt &&
            (confirming === kiosk.id ? (
              <div className="kiosk-pairing__confirm" role="group" aria-label={k('kiosk.owner.revokeConfirm', { label: kiosk.label })}>
                <p>{k('kiosk.owner.revokeConfirm', { label: kiosk.label })}</p>
                <div className="button-row">
                  <button
                    type="button"
                    className="button button--danger"
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate(kiosk.id, { onSettled: () => setConfirming(null) })}
                  >
                    {k('kiosk.owner.revokeYes')}
                  </button>
                  <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>
                    {k('kiosk.owner.cancel')}
                  </button>
                </div>
              </div>
            ) : (
              <button type="button" className="button button--secondary" onClick={() => setConfirming(kiosk.id)}>
                {k('kiosk.owner.revoke')}
              </button>
            ))}
        </li>
      ))}
    </ul>
  );
}

/** Under each of the owner's venues: pair a spare device as its 数字哨兵, see and revoke the paired ones, choose their rule. */
export function KioskPairing({ venue }: { venue: Venue }) {
  const k = useKioskText();
  const c = useConsoleText();
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState('');
  const [labelError, setLabelError] = useState(false);
  const pair = usePairKiosk(venue.number);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = kioskLabel.safeParse(label);
    setLabelError(!parsed.success);
    if (parsed.success) pair.mutate(parsed.data, { onSuccess: () => setLabel('') });
  };

  if (!open) {
    return (
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        {k('kiosk.owner.use')}
      </button>
    );
  }
  const link = pair.data ? kioskPairingLink(window.location.origin, pair.data.pairingToken) : null;
  return (
    <section className="kiosk-pairing" aria-label={`${k('kiosk.owner.title')} · ${venue.name}`}>
      <h4>{k('kiosk.owner.title')}</h4>
      <p>{k('kiosk.owner.intro')}</p>
      <RuleSetChoice venue={venue} />
      {link && pair.data ? (
        <div className="kiosk-pairing__new">
          <PairingQr link={link} label={k('kiosk.owner.qr', { label: pair.data.kiosk.label })} />
          <p>{k('kiosk.owner.pairHint')}</p>
          <p role="status">{c('owner.kiosk.requested')}</p>
          <a className="kiosk-pairing__link" href={link} data-testid="kiosk-pairing-link">
            {link}
          </a>
          <button type="button" className="button button--primary" onClick={() => pair.reset()}>
            {k('kiosk.owner.done')}
          </button>
        </div>
      ) : (
        <form className="kiosk-pairing__form" onSubmit={submit} noValidate>
          <TextField label={k('kiosk.owner.label')} value={label} onValueChange={setLabel} maxLength={32} error={labelError ? k('kiosk.owner.labelRequired') : null} />
          <FormError error={pair.error} />
          <button type="submit" className="button button--primary" disabled={pair.isPending}>
            {pair.isPending ? c('owner.kiosk.requesting') : c('owner.kiosk.request')}
          </button>
        </form>
      )}
      <h5>{k('kiosk.owner.list')}</h5>
      <KioskList number={venue.number} />
    </section>
  );
}
