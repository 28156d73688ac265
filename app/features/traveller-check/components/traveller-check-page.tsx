import '../../../ui/verdict.css';
import '../traveller-check.css';
import { use } from 'react';
import { documentLabel } from '../../../../core/identity/labels.ts';
import { useSearchParams } from '../../../navigation/navigation.tsx';
import { serverNowAt } from '../../../api/server-clock.ts';
import type { Me, Profile } from '../../../../core/contract/account.ts';
import type { RuleSet } from '../../../../core/contract/records.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import { formatDateTime } from '../../../i18n/shanghai-time.ts';
import { loadLanguage, translate } from '../../../i18n/translate.ts';
import { sortAntigenTests } from '../../../records/antigen-summary.ts';
import { shownTrust, TrustBadge } from '../../../records/antigen-trust.tsx';
import { useAntigenTests } from '../../../records/api/get-antigen-tests.ts';
import { usePcrTests } from '../../../records/api/get-pcr-tests.ts';
import { useRuleSets } from '../../../records/api/get-rule-sets.ts';
import { clauseStateKey, clauseText, formatCountdown } from '../../../rules/clause-text.ts';
import { evaluate } from '../../../../core/rules/evaluate.ts';
import { factsFromRecords } from '../../../../core/rules/facts.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { ErrorState, LoadingState } from '../../../ui/status-views.tsx';
import { useNow } from '../../../ui/use-now.ts';
import { useWakeLock } from '../../../ui/use-wake-lock.ts';

const ruleSetId = 'leave-shanghai';
/** The screen speaks both languages whichever the phone is set to: English is fetched with the screen. */
const englishLoaded = loadLanguage('en');

/** Chinese and English side by side: staff and travellers may read different ones. */
function Both({ k, values, className }: { k: MessageKey; values?: Record<string, string | number>; className?: string }) {
  return (
    <span className={`bilingual ${className ?? ''}`}>
      <span lang="zh-CN">{translate('zh', k, values)}</span>
      <span lang="en">{translate('en', k, values)}</span>
    </span>
  );
}

/** The document beside its masked number, in both languages, so the check is against the right card. */
function DocumentLine({ profile }: { profile: Profile }) {
  const document = { type: profile.documentType ?? 'resident-id', country: profile.documentCountry };
  return (
    <span className="bilingual verdict__document" data-testid="traveller-document">
      <span lang="zh-CN">
        {documentLabel(document, 'zh')} {profile.maskedIdNumber}
      </span>
      <span lang="en">
        {documentLabel(document, 'en')} {profile.maskedIdNumber}
      </span>
    </span>
  );
}

function Verdict({ ruleSet, profile }: { ruleSet: RuleSet; profile: Profile }) {
  // Ages are counted from the server's time as this device reckons it, never from a clock set back since.
  const clock = serverNowAt(useNow(1000));
  const citizenId = profile.id;
  const pcr = usePcrTests(citizenId);
  const antigen = useAntigenTests(citizenId);
  if (!pcr.data || !antigen.data) {
    const failed = pcr.isError ? pcr : antigen.isError ? antigen : null;
    return failed ? <ErrorState error={failed.error} onRetry={() => void failed.refetch()} /> : <LoadingState />;
  }
  if (!clock.ok) {
    return (
      <p className="verdict verdict--fail" role="alert">
        <Both k="clock.wrong" className="verdict__words" />
      </p>
    );
  }
  const { now } = clock;
  const result = evaluate(ruleSet, factsFromRecords(profile.colour, pcr.data.pcrTests, antigen.data.antigenTests), now);
  // The result the antigen line is about: the newest that says something and was not rejected on review.
  const newestAntigen = sortAntigenTests(antigen.data.antigenTests).find((test) => test.result !== 'invalid' && shownTrust(test) !== 'rejected');
  return (
    <>
      <section className={`verdict verdict--${result.pass ? 'pass' : 'fail'}`} aria-live="polite">
        <span className="verdict__icon" aria-hidden="true">
          {result.pass ? '✓' : '✕'}
        </span>
        <Both k={result.pass ? 'travel.pass' : 'travel.fail'} className="verdict__words" />
        <span className="verdict__name">{profile.maskedName}</span>
        <DocumentLine profile={profile} />
        {result.lapsesAt !== null && (
          <Both k="travel.lapsesIn" values={{ time: formatCountdown(result.lapsesAt - now) }} className="verdict__countdown" />
        )}
      </section>
      <h2 className="requirements__title">
        <Both k="travel.requirements" />
      </h2>
      <ul className="stacked-list">
        {result.clauses.map(({ clause, state }) => (
          <li key={clause.kind} className={`requirement requirement--${state.kind === 'met' ? 'met' : 'unmet'}`}>
            <span className="requirement__icon" aria-hidden="true">
              {state.kind === 'met' ? '✓' : '✕'}
            </span>
            <span className="bilingual requirement__clause">
              <span lang="zh-CN">{clauseText('zh', clause)}</span>
              <span lang="en">{clauseText('en', clause)}</span>
            </span>
            <Both k={clauseStateKey(state)} className="requirement__state" />
            {clause.kind === 'antigen-negative' && newestAntigen && <TrustBadge trust={shownTrust(newestAntigen)} bilingual />}
          </li>
        ))}
      </ul>
      <p className="verdict__checked-at">
        <Both k="travel.checkedAt" values={{ time: formatDateTime(now, true) }} />
      </p>
    </>
  );
}

/** 离沪核验: one screen a traveller holds up at the station, readable at arm's length. */
export function TravellerCheckPage({ me }: { me: Me }) {
  use(englishLoaded);
  const { t } = useI18n();
  useWakeLock();
  // A guardian checks a dependant's records the same way (亲友码): ?who= names her.
  const [searchParams] = useSearchParams();
  const profile = me.dependants.find((dependant) => dependant.id === searchParams.get('who')) ?? me.citizen;
  const ruleSets = useRuleSets();
  const ruleSet = ruleSets.data?.ruleSets.find((set) => set.id === ruleSetId);
  return (
    <main className="page page--traveller">
      <PageHeader title={t('travel.title')} />
      {ruleSet ? (
        <Verdict ruleSet={ruleSet} profile={profile} />
      ) : ruleSets.isPending ? (
        <LoadingState />
      ) : ruleSets.isError ? (
        <ErrorState error={ruleSets.error} onRetry={() => void ruleSets.refetch()} />
      ) : (
        <p className="status-view status-view--error" role="alert">
          {t('travel.noRules')}
        </p>
      )}
    </main>
  );
}
