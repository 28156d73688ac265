import { useState } from 'react';
import type { OperatorKiosk } from '../../../../core/contract/console.ts';
import { useConsoleText } from '../../../i18n/console-messages.ts';
import { formatDateTime } from '../../../i18n/shanghai-time.ts';
import { useNow } from '../../../ui/use-now.ts';
import { useDecideKiosk } from '../api/operator-work.ts';
import { canToggleTypedId, kioskActions, needsConfirmation, syncState, wireAction, type KioskAction } from '../kiosk-licence.ts';
import { ConsoleFormError } from './console-status.tsx';
import { StatusBadge } from '../../../ui/status-badge.tsx';

const actionStyle: Record<KioskAction, string> = {
  license: 'button--primary',
  resume: 'button--primary',
  refuse: 'button--secondary',
  suspend: 'button--secondary',
  revoke: 'button--danger',
};

/** One kiosk: its venue, licence, last sync and today's counts, and what the operator may do with it. */
export function KioskCard({ kiosk, onDone }: { kiosk: OperatorKiosk; onDone: (notice: string) => void }) {
  const c = useConsoleText();
  const now = useNow(60_000);
  const decide = useDecideKiosk();
  const [confirming, setConfirming] = useState<KioskAction | null>(null);
  // The switch shows the operator's choice while it is sent; the server's answer then replaces the kiosk.
  const [typedDraft, setTypedDraft] = useState<boolean | null>(null);
  const setTypedId = (allowed: boolean) => {
    setTypedDraft(allowed);
    decide.mutate({ kioskId: kiosk.id, action: 'set-typed-id', typedIdAllowed: allowed }, { onSuccess: done, onSettled: () => setTypedDraft(null) });
  };
  const sync = syncState(kiosk.lastSeenAt, now);
  const done = () => onDone(c('console.kiosks.done', { label: kiosk.label }));
  const act = (action: KioskAction) => {
    const ask = needsConfirmation(action) && confirming !== action;
    setConfirming(ask ? action : null);
    if (ask) return;
    decide.mutate({ kioskId: kiosk.id, action: wireAction(action) }, { onSuccess: done });
  };
  return (
    <article className="console-item" aria-label={`${kiosk.label} · ${kiosk.venue.name}`}>
      <h3>
        {kiosk.label} <StatusBadge status={kiosk.licence}>{c(`console.kiosks.status.${kiosk.licence}`)}</StatusBadge>
      </h3>
      <p>{c('console.kiosks.venue', { venue: kiosk.venue.name, number: kiosk.venue.number })} · {kiosk.venue.address}</p>
      {kiosk.licence === 'requested' && <p className="record__meta">{c('console.kiosks.requestedAt', { time: formatDateTime(kiosk.createdAt) })}</p>}
      <p className="record__meta">
        {sync.kind === 'never' ? c('console.kiosks.neverSynced') : c('console.kiosks.lastSync', { time: formatDateTime(sync.at) })}
        {sync.kind === 'stale' && ` · ${c('console.kiosks.stale')}`}
      </p>
      <p className="record__meta">{c('console.kiosks.counts', { visits: kiosk.counts.visitsToday, lookupsToday: kiosk.counts.lookupsToday, lookups: kiosk.counts.lookups })}</p>
      {kiosk.unpairedAt && <p className="record__meta">{c('console.kiosks.unpaired')}</p>}
      {canToggleTypedId(kiosk.licence) && (
        <label className="console-check">
          <input type="checkbox" checked={typedDraft ?? kiosk.typedIdAllowed} disabled={decide.isPending} onChange={(event) => setTypedId(event.target.checked)} />
          <span>{c('console.kiosks.typedId')}</span>
        </label>
      )}
      <ConsoleFormError error={decide.error} />
      {confirming && <p role="alert">{c('console.kiosks.revokeConfirm', { label: kiosk.label })}</p>}
      <div className="button-row">
        {kioskActions(kiosk.licence).map((action) => (
          <button key={action} type="button" className={`button ${actionStyle[action]}`} disabled={decide.isPending} onClick={() => act(action)}>
            {confirming === action ? c('console.kiosks.confirmYes') : c(`console.kiosks.${action}`)}
          </button>
        ))}
        {confirming && (
          <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>
            {c('console.refuse.cancel')}
          </button>
        )}
      </div>
    </article>
  );
}
