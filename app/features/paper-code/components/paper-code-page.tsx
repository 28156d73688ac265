import { paperCodeLifetimeDays } from '../../../../core/contract/codes.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { useParams } from '../../../navigation/navigation.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { ErrorState, LoadingState } from '../../../ui/status-views.tsx';
import { usePaperCode } from '../api/print-paper-code.ts';
import { PaperCard } from './paper-card.tsx';

/** /family/:id/paper: a printable A6 paper code (纸质码) for a relative who carries no phone. */
export function PaperCodePage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const paper = usePaperCode(id);
  // Offline the request waits rather than fails; it goes out by itself once the phone is back online.
  const waitingForNetwork = paper.fetchStatus === 'paused';

  return (
    <main className="page paper-page">
      <div className="no-print">
        <PageHeader title={t('paper.title')} backTo="/family" />
        <p className="paper-page__intro">{t('paper.intro', { days: paperCodeLifetimeDays })}</p>
      </div>
      {waitingForNetwork && (
        <p className="notice no-print" role="alert">
          {t('paper.offline')}
        </p>
      )}
      {paper.isPending && !waitingForNetwork && <LoadingState label={t('paper.loading')} />}
      {paper.isError && <ErrorState error={paper.error} onRetry={() => void paper.refetch()} />}
      {paper.data && (
        <>
          <PaperCard paper={paper.data} />
          <div className="button-row no-print">
            <button type="button" className="button button--primary" onClick={() => window.print()}>
              {t('paper.print')}
            </button>
            <button type="button" className="button button--secondary" disabled={paper.isFetching} onClick={() => void paper.refetch()}>
              {t('paper.renew')}
            </button>
          </div>
        </>
      )}
    </main>
  );
}
