import { Link } from '../navigation/navigation.tsx';
import { useI18n } from '../i18n/i18n-provider.tsx';

/** The header of a sub-screen: a thumb-sized way back to the panel and the screen's title. */
export function PageHeader({ title, backTo = '/' }: { title: string; backTo?: string }) {
  const { t } = useI18n();
  return (
    <header className="page__header">
      <Link to={backTo} className="button button--ghost">
        ‹ {t('app.back')}
      </Link>
      <h1>{title}</h1>
    </header>
  );
}
