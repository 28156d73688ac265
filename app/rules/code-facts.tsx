/**
 * The tests a verified code carries, as staff see them under the verdict: the latest PCR and the latest
 * antigen with how it was established. Shared by every screen that reads a code (the verifier, the kiosk).
 */
import '../records/antigen-trust.css';
import type { Facts, TestFact } from '../../core/rules/evaluate.ts';
import { useI18n } from '../i18n/i18n-provider.tsx';
import { formatDateTime } from '../i18n/shanghai-time.ts';
import { TrustBadge } from '../records/antigen-trust.tsx';

function latest(tests: readonly TestFact[]): TestFact | undefined {
  return tests.reduce<TestFact | undefined>((best, test) => (!best || test.at > best.at ? test : best), undefined);
}

export function CodeFacts({ facts }: { facts: Facts }) {
  const { t } = useI18n();
  const pcr = latest(facts.pcr);
  const antigen = latest(facts.antigen);
  return (
    <dl className="code-facts" aria-label={t('facts.title')}>
      <dt>{t('facts.pcr')}</dt>
      <dd data-testid="fact-pcr">{pcr ? `${t(`pcr.result.${pcr.result === 'positive' ? 'positive' : 'negative'}`)} · ${formatDateTime(pcr.at)}` : t('facts.none')}</dd>
      <dt>{t('facts.antigen')}</dt>
      <dd data-testid="fact-antigen">
        {antigen ? (
          <>
            {t(`antigen.result.${antigen.result}`)} · {formatDateTime(antigen.at)} <TrustBadge trust={antigen.trust ?? 'unknown'} />
          </>
        ) : (
          t('facts.none')
        )}
      </dd>
    </dl>
  );
}
