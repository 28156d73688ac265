import '../../ui/verdict.css';
import './verdict-view.css';
import type { RuleSet } from '../../../core/contract/records.ts';
import { documentLabel } from '../../../core/identity/labels.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { formatDateTime } from '../../i18n/shanghai-time.ts';
import { TrustBadge } from '../../records/antigen-trust.tsx';
import { pcrTier } from '../../records/pcr-summary.ts';
import { clauseStateKey, clauseText } from '../../rules/clause-text.ts';
import type { HolderFacts, PaperDetails, Verification } from '../verify-health-code.ts';

const antigenFreshMs = 24 * 60 * 60 * 1000;

/** Paper proves nothing about who holds it: staff see that it is paper and what to check it against. */
function PaperNotes({ paper }: { paper: PaperDetails }) {
  const { t, language } = useI18n();
  // A resident ID keeps the words every older paper code was checked with; other documents are named.
  const check =
    paper.document.type === 'resident-id'
      ? t('verify.paper.checkId', { id: paper.maskedIdNumber })
      : t('verify.paper.checkDocument', { document: documentLabel(paper.document, language), id: paper.maskedIdNumber });
  return (
    <>
      <span className="verdict__paper">{t('verify.paper')}</span>
      <span className="verdict__check-id">{check}</span>
      <span className="verdict__dates">
        {t('verify.paper.printed', { time: formatDateTime(paper.printedAt) })} · {t('verify.paper.validUntil', { time: formatDateTime(paper.validUntil) })}
      </span>
    </>
  );
}

/**
 * What the code signs about its holder, in the panel's own words (码色, 核酸 tier, 抗原, 疫苗): one wording
 * for every checker, so what the code comes to carry shows up at the verifier and the kiosk alike.
 */
export function HolderFactsList({ facts, now }: { facts: HolderFacts; now: number }) {
  const { t } = useI18n();
  const pcr = facts.pcr ? `${t(`pcr.tier.${pcrTier(new Date(facts.pcr.at).toISOString(), now)}`)} ${t(facts.pcr.result === 'positive' ? 'pcr.result.positive' : 'pcr.result.negative')}` : t('pcr.summary.none');
  let antigen;
  if (!facts.antigen) antigen = t('antigen.summary.none');
  else if (facts.antigen.result === 'positive') antigen = t('antigen.summary.positive');
  else antigen = t(now - facts.antigen.at <= antigenFreshMs ? 'antigen.summary.fresh' : 'antigen.summary.stale');
  const antigenCounts = facts.antigen && (facts.antigen.result === 'positive' || now - facts.antigen.at <= antigenFreshMs);
  // A result counts by how it was established (机构检测, 自测·已核验 …): staff see the level beside it.
  const antigenShown = facts.antigen && antigenCounts ? (
    <>
      {antigen} <TrustBadge trust={facts.antigen.trust ?? 'unknown'} />
    </>
  ) : (
    antigen
  );
  const rows = [
    ['colour', t('verify.facts.colour'), t(`colour.${facts.colour}`)],
    ['pcr', t('tab.pcr'), pcr],
    ['antigen', t('tab.antigen'), antigenShown],
    ['vaccine', t('tab.vaccine'), facts.doses === 0 ? t('vaccine.summary.none') : t('vaccine.summary.partial', { n: facts.doses })],
  ] as const;
  return (
    <dl className="verdict__facts">
      {rows.map(([key, label, value]) => (
        <div key={key} className="verdict__fact" data-fact={key}>
          <dt>{label}</dt>
          <dd data-testid={`fact-${key}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A verdict on one scanned code, PASS / FAIL / refused / recheck, with the reason: the staff verifier shows it under
 * its camera, the kiosk full-screen (`className` adds its size).
 */
export function VerdictView({ verification, ruleSet, now, className = '' }: { verification: Verification; ruleSet: RuleSet; now: number; className?: string }) {
  const { t, language } = useI18n();
  // Not red: the list's hit may be another holder's hash, and a fresh code settles it either way.
  if (verification.kind === 'recheck') {
    return (
      <section className={`verdict verdict--recheck ${className}`} role="alert">
        <span className="verdict__icon" aria-hidden="true">
          ?
        </span>
        <strong className="verdict__words">{t('verify.recheck')}</strong>
        <span className="verdict__reason">{t('verify.recheck.body')}</span>
      </section>
    );
  }
  if (verification.kind === 'refused') {
    return (
      <section className={`verdict verdict--fail ${className}`} role="alert">
        <span className="verdict__icon" aria-hidden="true">
          ✕
        </span>
        <strong className="verdict__words">{t('verify.refused')}</strong>
        <span className="verdict__reason">{t(`verify.refusal.${verification.reason}`)}</span>
      </section>
    );
  }
  const { pass, failing } = verification.evaluation;
  return (
    <section className={`verdict verdict--${pass ? 'pass' : 'fail'} ${className}`} role="status">
      <span className="verdict__icon" aria-hidden="true">
        {pass ? '✓' : '✕'}
      </span>
      <strong className="verdict__words">{t(pass ? 'verify.pass' : 'verify.fail')}</strong>
      <span className="verdict__name">{verification.maskedName}</span>
      {verification.paper && <PaperNotes paper={verification.paper} />}
      <span className="verdict__rule">{ruleSet.title[language]}</span>
      {failing.map(({ clause, state }) => (
        <span key={clause.kind} className="verdict__reason">
          {clauseText(language, clause)}：{t(clauseStateKey(state))}
        </span>
      ))}
      <HolderFactsList facts={verification.facts} now={now} />
    </section>
  );
}
