import { useCallback, useEffect, useState } from 'react';
import type { KioskLookupStatus, KioskMe } from '../../../../core/contract/kiosks.ts';
import { defaultVenueRuleSetId } from '../../../../core/contract/venues.ts';
import type { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { useKioskText } from '../../../i18n/kiosk-messages.ts';
import { useRuleSets } from '../../../records/api/get-rule-sets.ts';
import { useKeyLookup } from '../../../records/api/get-signing-keys.ts';
import { speak } from '../../../ui/speak.ts';
import { LoadingState } from '../../../ui/status-views.tsx';
import { useNow } from '../../../ui/use-now.ts';
import { useWakeLock } from '../../../ui/use-wake-lock.ts';
import { useRevocations } from '../../../verification/api/get-revocations.ts';
import type { HourCount } from '../hourly-counts.ts';
import { useCodeCheck, type Checker } from '../hooks/use-code-check.ts';
import { useKioskSync } from '../hooks/use-kiosk-sync.ts';
import { countOutcome, kioskOwner, storedCounts } from '../kiosk-store.ts';
import { playOutcomeTone } from '../outcome-sound.ts';
import { DoorReaders } from './door-readers.tsx';
import { useTypedConfirm } from '../hooks/use-typed-confirm.ts';
import { IdNumberForm, type TypedLookup } from './id-number-form.tsx';
import { ShownVerdict, type Shown } from './kiosk-verdict.tsx';
import { KioskCamera } from './kiosk-camera.tsx';
import { KioskFooter, KioskHeader } from './kiosk-frame.tsx';
import { TypedConfirmPanel } from './typed-confirm-panel.tsx';

/** How long a verdict stays up unless the next visitor's replaces it; scanning never pauses meanwhile. */
const verdictShownMs = 3000;

/** The paired kiosk at work: the venue it serves, the camera, the verdict full-screen, the ID field, the tallies. */
export function KioskScreen({ token, me, onUnauthorized }: { token: string; me: KioskMe; onUnauthorized: (error: ApiError) => void }) {
  const { t, language } = useI18n();
  const k = useKioskText();
  useWakeLock();
  const keys = useKeyLookup();
  const ruleSets = useRuleSets();
  const revocations = useRevocations();
  const owner = kioskOwner(me);
  const sync = useKioskSync(token, owner, onUnauthorized);
  const [shown, setShown] = useState<Shown | null>(null);
  const [confirm, dispatchConfirm] = useTypedConfirm(token, onUnauthorized);
  // The tallies' hour and day roll over on their own.
  const now = useNow(60_000);
  const [counts, setCounts] = useState<HourCount[]>([]);
  const ruleSet =
    ruleSets.data?.ruleSets.find((set) => set.id === me.venue.ruleSetId) ?? ruleSets.data?.ruleSets.find((set) => set.id === defaultVenueRuleSetId);

  const checker: Checker | null = keys.kind === 'ready' && ruleSet ? { lookup: keys.lookup, ruleSet, revocations: revocations.data ?? null } : null;

  useEffect(() => {
    void storedCounts().then(setCounts, () => undefined);
  }, []);

  useEffect(() => {
    if (!shown) return;
    const timer = window.setTimeout(() => setShown(null), verdictShownMs);
    return () => window.clearTimeout(timer);
  }, [shown]);

  const announce = useCallback(
    (outcome: 'pass' | 'fail' | 'refused' | 'recheck', maskedName: string) => {
      playOutcomeTone(outcome === 'pass' ? 'pass' : 'fail');
      // A masked name is read without its stars: 张*三 is said as 张三's first and last characters.
      const name = maskedName.replace(/\*/g, '');
      if (outcome === 'refused' || outcome === 'recheck') speak(k(`kiosk.speak.${outcome}`), language);
      else speak(k(outcome === 'pass' ? 'kiosk.speak.pass' : 'kiosk.speak.fail', { name }), language);
    },
    [k, language],
  );

  const tally = useCallback((outcome: 'pass' | 'fail') => {
    // The tally is a convenience: storage refused must not stop the queue.
    void countOutcome(Date.now(), outcome).then(setCounts, () => undefined);
  }, []);

  const onCode = useCodeCheck(checker, owner, sync.flush, ({ verification, at, pass, logged }) => {
    // The next visitor's verdict replaces a typed pass still waiting for its tap: that one logs nothing.
    dispatchConfirm({ type: 'cancel' });
    setShown((previous) => ({ seq: (previous?.seq ?? 0) + 1, kind: 'code', verification, at, logged }));
    announce(verification.kind === 'checked' ? (pass ? 'pass' : 'fail') : verification.kind, verification.kind === 'checked' ? verification.maskedName : '');
    tally(pass ? 'pass' : 'fail');
  });

  const onStatus = (status: KioskLookupStatus, logged: boolean) => {
    dispatchConfirm({ type: 'cancel' });
    setShown((previous) => ({ seq: (previous?.seq ?? 0) + 1, kind: 'id', status, logged, at: Date.now() }));
    announce(status.pass ? 'pass' : 'fail', status.maskedName);
    tally(status.pass ? 'pass' : 'fail');
  };

  // A typed number proves no one is at the door: its PASS waits for the staff's 确认放行 (typed-confirm.ts).
  const onTyped = (lookup: TypedLookup) => {
    if (!lookup.status.pass) {
      onStatus(lookup.status, false);
      return;
    }
    setShown(null);
    dispatchConfirm({ type: 'passed', pass: { ...lookup, since: Date.now() } });
    announce('pass', lookup.status.maskedName);
    tally('pass');
  };

  let main;
  if (keys.kind === 'loading' || ruleSets.isPending) main = <LoadingState label={t('verify.keys.loading')} />;
  else if (keys.kind === 'missing' || !ruleSet) main = <p role="alert">{k('kiosk.needsNetwork')}</p>;
  else {
    main = (
      <>
        <KioskCamera onDecoded={(text) => void onCode(text)} />
        {confirm.step !== 'idle' && <TypedConfirmPanel state={confirm} dispatch={dispatchConfirm} ruleSet={ruleSet} />}
        {confirm.step === 'idle' && shown && <ShownVerdict key={shown.seq} shown={shown} ruleSet={ruleSet} />}
      </>
    );
  }

  return (
    <main className="kiosk">
      <KioskHeader venue={me.venue} ruleSet={ruleSet} />
      <div className="kiosk__main">{main}</div>
      {me.kiosk.typedIdAllowed && <IdNumberForm token={token} onLookedUp={onTyped} onUnauthorized={onUnauthorized} />}
      <DoorReaders token={token} onStatus={onStatus} onUnauthorized={onUnauthorized} />
      <KioskFooter counts={counts} now={now} sync={sync.state} revocations={revocations.data} />
    </main>
  );
}
