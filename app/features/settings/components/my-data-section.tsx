import '../settings.css';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { Link } from '../../../navigation/navigation.tsx';
import { FormError } from '../../../ui/status-views.tsx';
import { useExportMyData } from '../api/export-my-data.ts';

/** The citizen's rights in Settings: see who looked, take a copy of everything, delete the account. */
export function MyDataSection() {
  const { t } = useI18n();
  const exported = useExportMyData();
  return (
    <section className="card my-data" aria-labelledby="my-data-title">
      <h2 id="my-data-title">{t('myData.title')}</h2>
      <Link to="/settings/access-log" className="button button--secondary">
        {t('accessLog.title')}
      </Link>
      <button type="button" className="button button--secondary" disabled={exported.isPending} onClick={() => exported.mutate()}>
        {exported.isPending ? t('app.loading') : t('myData.export')}
      </button>
      {exported.data && (
        <p className="notice" role="status">
          {t('myData.export.done', { file: exported.data })}
        </p>
      )}
      <FormError error={exported.error} />
      <Link to="/settings/delete-account" className="button button--ghost my-data__delete">
        {t('myData.delete')}
      </Link>
    </section>
  );
}
