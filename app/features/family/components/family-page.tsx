import '../family.css';
import { useState } from 'react';
import type { Me } from '../../../../core/contract/account.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { Link } from '../../../navigation/navigation.tsx';
import { useFreshMe } from '../../../records/api/get-me.ts';
import { FormError } from '../../../ui/status-views.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useUnlinkDependant } from '../api/unlink-dependant.ts';
import { GuardianList } from './guardian-list.tsx';
import { Household } from './household.tsx';
import { LinkDependantForm } from './link-dependant-form.tsx';

/** 亲友码: the household at a glance, linking a relative, letting one go, and who can show the citizen's own code. */
export function FamilyPage({ me }: { me: Me }) {
  const { t } = useI18n();
  // `me` comes from the session check, which may be a minute old: the household is asked for again on opening.
  useFreshMe();
  const unlink = useUnlinkDependant();
  const [linked, setLinked] = useState<string | null>(null);

  return (
    <main className="page">
      <PageHeader title={t('family.title')} />
      <section className="card" aria-labelledby="household-title">
        <h2 id="household-title">{t('family.household')}</h2>
        <Household members={[me.citizen, ...me.dependants]} />
        {me.dependants.length === 0 && <p className="empty">{t('family.empty')}</p>}
        {linked && (
          <p className="notice" role="status">
            {t('family.linked', { name: linked })}
          </p>
        )}
        {me.dependants.map((dependant) => (
          <div key={dependant.id} className="button-row">
            <Link to={`/family/${encodeURIComponent(dependant.id)}/paper`} className="button button--secondary">
              {t('paper.open', { name: dependant.maskedName })}
            </Link>
            <button
              type="button"
              className="button button--ghost"
              disabled={unlink.isPending}
              onClick={() => {
                if (window.confirm(t('family.unlink.confirm', { name: dependant.maskedName }))) unlink.mutate(dependant.id);
              }}
            >
              {t('family.unlink', { name: dependant.maskedName })}
            </button>
          </div>
        ))}
        <FormError error={unlink.error} />
      </section>
      {/* Before the form: an elderly relative opening 亲友码 on her own phone is here for this, not to link anyone. */}
      <GuardianList />
      <LinkDependantForm onLinked={setLinked} />
    </main>
  );
}
