import '../verifier.css';
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { serverNow } from '../../../api/server-clock.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { useRuleSets } from '../../../records/api/get-rule-sets.ts';
import { useKeyLookup } from '../../../records/api/get-signing-keys.ts';
import { QrScanner } from '../../../scanner/qr-scanner.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { LoadingState } from '../../../ui/status-views.tsx';
import { useRevocations } from '../../../verification/api/get-revocations.ts';
import { RevocationAge } from '../../../verification/components/revocation-age.tsx';
import { DocumentCheck } from './document-check.tsx';
import { VerdictView } from '../../../verification/components/verdict-view.tsx';
import { isHealthCodeText, verifyHealthCode, type Verification } from '../../../verification/verify-health-code.ts';

const countKey = 'suishen.verifier.checks';

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

/** /verify: staff scan a citizen's code and see PASS / FAIL with the reason, checked offline. */
export function VerifierPage() {
  const { t, language } = useI18n();
  const ruleSets = useRuleSets();
  const keys = useKeyLookup();
  const revocations = useRevocations();
  const [ruleSetId, setRuleSetId] = useState('leave-shanghai');
  const [text, setText] = useState('');
  const [verification, setVerification] = useState<{ result: Verification; at: number } | null>(null);
  const [count, countCheck] = useCheckCount();
  // The camera decodes ten frames a second: one check per code shown, then it waits for "next".
  const scanLocked = useRef(false);
  const ruleSet = ruleSets.data?.ruleSets.find((set) => set.id === ruleSetId);

  const check = async (scanned: string) => {
    if (keys.kind !== 'ready' || !ruleSet) return;
    // Judged by the server's time as this device reckons it; a clock set back since it was online judges nothing.
    const clock = serverNow();
    const at = clock.ok ? clock.now : Date.now();
    setVerification({ result: clock.ok ? await verifyHealthCode(scanned, keys.lookup, ruleSet, clock.now, revocations.data ?? null) : { kind: 'refused', reason: 'clock' }, at });
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
            <VerdictView verification={verification.result} ruleSet={ruleSet} now={verification.at} />
            {verification.result.kind === 'checked' && <DocumentCheck code={verification.result} />}
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
