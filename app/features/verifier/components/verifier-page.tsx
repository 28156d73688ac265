import '../../../ui/verdict.css';
import '../verifier.css';
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import type { RuleSet } from '../../../../core/contract.ts';
import { codePrefix } from '../../../../core/crypto/health-code.ts';
import { serverNow } from '../../../api/server-clock.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { formatDateTime, formatRelativeAge, relativeAge } from '../../../i18n/shanghai-time.ts';
import type { HeldRevocations } from '../../../offline/revocation-store.ts';
import { useRuleSets } from '../../../records/api/get-rule-sets.ts';
import { useKeyLookup } from '../../../records/api/get-signing-keys.ts';
import { clauseStateKey, clauseText } from '../../../rules/clause-text.ts';
import { CodeFacts } from '../../../rules/code-facts.tsx';
import { QrScanner } from '../../../scanner/qr-scanner.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { LoadingState } from '../../../ui/status-views.tsx';
import { useNow } from '../../../ui/use-now.ts';
import { revocationRefreshMs, useRevocations } from '../api/get-revocations.ts';
import { verifyHealthCode, type PaperDetails, type Verification } from '../verify-health-code.ts';

const countKey = 'suishen.verifier.checks';

/** A phone's or a paper health code, by its shape: what a frame holding several codes is searched for. */
const isHealthCodeText = (text: string) => text.trim().startsWith(`${codePrefix}~`);

function storedCount(): number {
  try {
    return Number(localStorage.getItem(countKey)) || 0;
  } catch {
    return 0;
  }
}

/** A tally only: how many checks this device made, never who was checked. Storage may be refused (private mode). */
function useCheckCount(): [number, () => void] {
  const [count, setCount] = useState(storedCount);
  useEffect(() => {
    try {
      localStorage.setItem(countKey, String(count));
    } catch {
      // The tally then lasts for this visit only; checking goes on.
    }
  }, [count]);
  return [count, () => setCount((previous) => previous + 1)];
}

/** Paper proves nothing about who holds it: staff see that it is paper and what to check it against. */
function PaperNotes({ paper }: { paper: PaperDetails }) {
  const { t } = useI18n();
  return (
    <>
      <span className="verdict__paper">{t('verify.paper')}</span>
      <span className="verdict__check-id">{t('verify.paper.checkId', { id: paper.maskedIdNumber })}</span>
      <span className="verdict__dates">
        {t('verify.paper.printed', { time: formatDateTime(paper.printedAt) })} · {t('verify.paper.validUntil', { time: formatDateTime(paper.validUntil) })}
      </span>
    </>
  );
}

/** Missed rounds mean the device has been offline a while: a change since may not be known here. */
const oldListMs = 6 * revocationRefreshMs;

/** How current the list of changed subjects is, since a code revoked after the last sync still passes. */
function RevocationAge({ held }: { held: HeldRevocations | null }) {
  const { t, language } = useI18n();
  const now = useNow(30_000);
  if (!held) return <p className="verifier__revocations verifier__revocations--old">{t('verify.revocations.never')}</p>;
  const age = relativeAge(held.syncedAt, now);
  const old = now - held.syncedAt > oldListMs;
  return (
    <p className={`verifier__revocations${old ? ' verifier__revocations--old' : ''}`} data-testid="revocation-age">
      {t('verify.revocations.synced', { age: age.unit === 'justNow' ? t('time.justNow') : formatRelativeAge(age, language) })}
      {old && ` ${t('verify.revocations.old')}`}
    </p>
  );
}

function Result({ verification, ruleSet }: { verification: Verification; ruleSet: RuleSet }) {
  const { t, language } = useI18n();
  if (verification.kind === 'refused') {
    return (
      <section className="verdict verdict--fail" role="alert">
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
    <section className={`verdict verdict--${pass ? 'pass' : 'fail'}`} role="status">
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
      <CodeFacts facts={verification.facts} />
    </section>
  );
}

/** /verify: staff scan a citizen's code and see PASS / FAIL with the reason, checked offline. */
export function VerifierPage() {
  const { t, language } = useI18n();
  const ruleSets = useRuleSets();
  const keys = useKeyLookup();
  const revocations = useRevocations();
  const [ruleSetId, setRuleSetId] = useState('leave-shanghai');
  const [text, setText] = useState('');
  const [verification, setVerification] = useState<Verification | null>(null);
  const [count, countCheck] = useCheckCount();
  // The camera decodes ten frames a second: one check per code shown, then it waits for "next".
  const scanLocked = useRef(false);
  const ruleSet = ruleSets.data?.ruleSets.find((set) => set.id === ruleSetId);

  const check = async (scanned: string) => {
    if (keys.kind !== 'ready' || !ruleSet) return;
    // Judged by the server's time as this device reckons it; a clock set back since it was online judges nothing.
    const clock = serverNow();
    setVerification(clock.ok ? await verifyHealthCode(scanned, keys.lookup, ruleSet, clock.now, revocations.data ?? null) : { kind: 'refused', reason: 'clock' });
    countCheck();
  };
  const onScanned = (scanned: string) => {
    if (scanLocked.current) return;
    scanLocked.current = true;
    void check(scanned);
  };
  const next = () => {
    scanLocked.current = false;
    setVerification(null);
  };
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    void check(text);
  };

  let body;
  if (keys.kind === 'loading' || ruleSets.isPending) body = <LoadingState label={t('verify.keys.loading')} />;
  else if (keys.kind === 'missing' || ruleSets.isError || !ruleSet) body = <p role="alert">{t('verify.keys.missing')}</p>;
  else {
    body = (
      <>
        <fieldset className="verifier__rules">
          <legend>{t('verify.ruleSet')}</legend>
          {ruleSets.data.ruleSets.map((set) => (
            <label key={set.id} className="verifier__rule">
              <input type="radio" name="rule-set" value={set.id} checked={set.id === ruleSetId} onChange={() => setRuleSetId(set.id)} />
              {set.title[language]}
            </label>
          ))}
        </fieldset>
        {verification ? (
          <>
            <Result verification={verification} ruleSet={ruleSet} />
            <button type="button" className="button button--primary verifier__next" onClick={next}>
              {t('verify.scanAgain')}
            </button>
          </>
        ) : (
          <QrScanner onDecoded={onScanned} wanted={isHealthCodeText} />
        )}
        <form className="verifier__paste" onSubmit={onSubmit}>
          <label htmlFor="verifier-text">{t('verify.paste')}</label>
          <textarea id="verifier-text" rows={3} value={text} onChange={(event) => setText(event.target.value)} spellCheck={false} autoComplete="off" />
          <button type="submit" className="button button--primary">
            {t('verify.check')}
          </button>
        </form>
      </>
    );
  }

  return (
    <main className="page page--verifier">
      <PageHeader title={t('verify.title')} />
      {body}
      {revocations.data !== undefined && <RevocationAge held={revocations.data} />}
      <p className="verifier__count">{t('verify.count', { n: count })}</p>
    </main>
  );
}
