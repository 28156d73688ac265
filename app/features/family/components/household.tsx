import '../family.css';
import type { Profile } from '../../../../core/contract/account.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { usePcrTests } from '../../../records/api/get-pcr-tests.ts';
import { summarisePcr } from '../../../records/pcr-summary.ts';
import { pcrSummaryText } from '../../../records/summary-messages.ts';
import { useNow } from '../../../ui/use-now.ts';

/** Everyone in the household side by side: whose code, its colour in words, and how old the PCR is. */
export function Household({ members }: { members: readonly Profile[] }) {
  const { t } = useI18n();
  return (
    <ul className="household" aria-label={t('family.household')}>
      {members.map((member) => (
        <li key={member.id} className={`household__member household__member--${member.colour}`}>
          <span className="household__name">{member.maskedName}</span>
          <span className="household__colour">{t(`colour.${member.colour}`)}</span>
          <MemberPcr citizenId={member.id} />
        </li>
      ))}
    </ul>
  );
}

function MemberPcr({ citizenId }: { citizenId: string }) {
  const { t } = useI18n();
  const now = useNow(60_000);
  const query = usePcrTests(citizenId);
  if (!query.data) return <span className="household__pcr">{query.isError ? t('error.title') : t('app.loading')}</span>;
  const summary = summarisePcr(query.data.pcrTests, now);
  return (
    <span className="household__pcr">
      {t('tab.pcr')}{' '}
      {pcrSummaryText(summary, t)}
    </span>
  );
}
