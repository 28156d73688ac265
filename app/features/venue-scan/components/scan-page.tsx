import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';

export function ScanPage() {
  const { t } = useI18n();
  return (
    <main className="page">
      <PageHeader title={t('scan.title')} />
      <p className="card">{t('scan.placeholder')}</p>
    </main>
  );
}
