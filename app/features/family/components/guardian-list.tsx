import { useState } from 'react';
import type { Guardian } from '../../../../core/contract/account.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { formatDay } from '../../../i18n/shanghai-clock.ts';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { ErrorState, FormError, LoadingState } from '../../../ui/status-views.tsx';
import { useGuardians } from '../api/get-guardians.ts';
import { useLeaveGuardian } from '../api/leave-guardian.ts';

/** 谁可以出示我的码: the family members who linked this citizen, each removable by her after a confirmation. */
export function GuardianList() {
  const { t } = useI18n();
  const guardians = useGuardians();
  const leave = useLeaveGuardian();
  const [asking, setAsking] = useState<Guardian | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);

  const confirm = (guardian: Guardian) =>
    leave.mutate(guardian.id, {
      onSuccess: () => setRemoved(guardian.maskedName),
      onSettled: () => setAsking(null),
    });

  return (
    <section className="card guardians" aria-labelledby="guardians-title">
      <h2 id="guardians-title">{t('family.guardians.title')}</h2>
      {removed && (
        <p className="notice" role="status">
          {t('family.guardians.removed', { name: removed })}
        </p>
      )}
      {guardians.isPending ? (
        <LoadingState />
      ) : guardians.isError ? (
        <ErrorState error={guardians.error} onRetry={() => void guardians.refetch()} />
      ) : guardians.data.guardians.length === 0 ? (
        <p className="empty">{t('family.guardians.none')}</p>
      ) : (
        <>
          <p>{t('family.guardians.intro')}</p>
          <ul className="guardians__list" aria-label={t('family.guardians.title')}>
            {guardians.data.guardians.map((guardian) => (
              <li key={guardian.id} className="guardians__item">
                <span className="household__name">{guardian.maskedName}</span>
                <span className="guardians__meta">
                  {t('family.guardians.since', { phone: guardian.maskedPhone ?? t('family.guardians.noPhone'), day: formatDay(guardian.linkedAt) })}
                </span>
                <button type="button" className="button button--secondary guardians__remove" onClick={() => setAsking(guardian)}>
                  {t('family.guardians.remove', { name: guardian.maskedName })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <FormError error={leave.error} />
      <ConfirmDialog
        open={asking !== null}
        title={t('family.guardians.confirm.title', { name: asking?.maskedName ?? '' })}
        body={t('family.guardians.confirm.body', { name: asking?.maskedName ?? '' })}
        confirmLabel={t('family.guardians.confirm.yes')}
        cancelLabel={t('family.guardians.confirm.no')}
        busy={leave.isPending}
        onConfirm={() => asking && confirm(asking)}
        onCancel={() => setAsking(null)}
      />
    </section>
  );
}
