import { useCallback, useEffect, useRef, useState } from 'react';
import { type KioskLookupStatus, type KioskMe, kioskVisitKind } from '../../../../core/contract/kiosks.ts';
import type { RuleSet } from '../../../../core/contract/records.ts';
import { defaultVenueRuleSetId } from '../../../../core/contract/venues.ts';
import type { ApiError } from '../../../api/client.ts';
import { serverNow } from '../../../api/server-clock.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { useKioskText } from '../../../i18n/kiosk-messages.ts';
import { enqueue } from '../../../offline/outbox.ts';
import { useRuleSets } from '../../../records/api/get-rule-sets.ts';
import { useKeyLookup } from '../../../records/api/get-signing-keys.ts';
import { LanguageToggle } from '../../../ui/language-toggle.tsx';
import { speak } from '../../../ui/speak.ts';
import { LoadingState } from '../../../ui/status-views.tsx';
import { useNow } from '../../../ui/use-now.ts';
import { useWakeLock } from '../../../ui/use-wake-lock.ts';
import { useRevocations } from '../../../verification/api/get-revocations.ts';
import { RevocationAge } from '../../../verification/components/revocation-age.tsx';
import { VerdictView } from '../../../verification/components/verdict-view.tsx';
import { verifyHealthCode, type Verification } from '../../../verification/verify-health-code.ts';
import type { KeyLookup } from '../../../../core/crypto/signed-token.ts';
import type { HeldRevocations } from '../../../offline/revocation-store.ts';
import { summarise, type HourCount } from '../hourly-counts.ts';
import { useKioskSync } from '../hooks/use-kiosk-sync.ts';
import { countOutcome, kioskOwner, storedCounts } from '../kiosk-store.ts';
import { playOutcomeTone } from '../outcome-sound.ts';
import { createRepeatGuard, createTextMemo } from '../repeat-guard.ts';
import { DoorReaders } from './door-readers.tsx';
import { IdNumberForm } from './id-number-form.tsx';
import { KioskCamera } from './kiosk-camera.tsx';

/** How long a verdict stays up unless the next visitor's replaces it; scanning never pauses meanwhile. */
const verdictShownMs = 3000;

/** `seq` numbers the visitors: each verdict is a new element, so a screen reader announces the next one too. */
type Shown = { seq: number } & ({ kind: 'code'; verification: Verification; at: number; logged: boolean } | { kind: 'id'; status: KioskLookupStatus; logged: boolean; at: number });

interface Checker {
  lookup: KeyLookup;
  ruleSet: RuleSet;
  revocations: HeldRevocations | null;
}

function IdVerdict({ status, logged, ruleSet }: { status: KioskLookupStatus; logged: boolean; ruleSet: RuleSet }) {
  const { t, language } = useI18n();
  const k = useKioskText();
  return (
    <section className={`verdict verdict--${status.pass ? 'pass' : 'fail'} kiosk-verdict`} role="status">
      <span className="verdict__icon" aria-hidden="true">
        {status.pass ? '✓' : '✕'}
      </span>
      <strong className="verdict__words">{t(status.pass ? 'verify.pass' : 'verify.fail')}</strong>
      <span className="verdict__name">{status.maskedName}</span>
      <span className="verdict__paper">{k('kiosk.id.source')}</span>
      <span className="verdict__rule">{ruleSet.title[language]}</span>
      {status.failedClauses.map((clause) => (
        <span key={clause} className="verdict__reason">
          {k(`kiosk.failed.${clause}`)}
        </span>
      ))}
      <span className="kiosk-verdict__logged">{k(logged ? 'kiosk.logged' : 'kiosk.notLogged')}</span>
    </section>
  );
}

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
  // The tallies' hour and day roll over on their own.
  const now = useNow(60_000);
  const [counts, setCounts] = useState<HourCount[]>([]);
  const [guard] = useState(() => createRepeatGuard());
  const [memo] = useState(() => createTextMemo());
  const inFlight = useRef(new Set<string>());
  const checker = useRef<Checker | null>(null);
  const ruleSet =
    ruleSets.data?.ruleSets.find((set) => set.id === me.venue.ruleSetId) ?? ruleSets.data?.ruleSets.find((set) => set.id === defaultVenueRuleSetId);

  useEffect(() => {
    checker.current = keys.kind === 'ready' && ruleSet ? { lookup: keys.lookup, ruleSet, revocations: revocations.data ?? null } : null;
  }, [keys, ruleSet, revocations.data]);

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

  const onCode = useCallback(
    async (text: string) => {
      const current = checker.current;
      if (!current) return;
      const known = memo.get(text, Date.now());
      // A code read a moment ago: it only keeps its holder's window open.
      if (known !== undefined) {
        guard.isNew(known, Date.now());
        return;
      }
      if (inFlight.current.has(text)) return;
      inFlight.current.add(text);
      try {
        const clock = serverNow();
        const at = clock.ok ? clock.now : Date.now();
        const verification: Verification = clock.ok
          ? await verifyHealthCode(text, current.lookup, current.ruleSet, clock.now, current.revocations)
          : { kind: 'refused', reason: 'clock' };
        const key = verification.kind === 'checked' ? `subject:${verification.subject}` : `text:${text}`;
        memo.set(text, key, Date.now());
        if (!guard.isNew(key, Date.now())) return;
        const pass = verification.kind === 'checked' && verification.evaluation.pass;
        let logged = false;
        if (pass) {
          // The visit is durable on this device before the screen says so; the outbox sends it once.
          logged = await enqueue(kioskVisitKind, owner, { code: text.trim(), scannedAt: new Date(at).toISOString() }).then(
            () => true,
            () => false,
          );
          if (logged) sync.flush();
        }
        setShown((previous) => ({ seq: (previous?.seq ?? 0) + 1, kind: 'code', verification, at, logged }));
        announce(verification.kind === 'checked' ? (pass ? 'pass' : 'fail') : verification.kind, verification.kind === 'checked' ? verification.maskedName : '');
        tally(pass ? 'pass' : 'fail');
      } finally {
        inFlight.current.delete(text);
      }
    },
    [announce, guard, memo, owner, sync, tally],
  );

  // A typed PASS is not logged until the staff's confirm (server: services/kiosks.ts), so the screen says what the server did.
  const onStatus = (status: KioskLookupStatus, logged: boolean) => {
    setShown((previous) => ({ seq: (previous?.seq ?? 0) + 1, kind: 'id', status, logged, at: Date.now() }));
    announce(status.pass ? 'pass' : 'fail', status.maskedName);
    tally(status.pass ? 'pass' : 'fail');
  };

  const summary = summarise(counts, now);
  let syncLine;
  if (!sync.state.online) syncLine = k('kiosk.sync.offline');
  else if (sync.state.pending > 0) syncLine = k('kiosk.sync.pending', { n: sync.state.pending });
  else syncLine = k('kiosk.sync.done');

  let main;
  if (keys.kind === 'loading' || ruleSets.isPending) main = <LoadingState label={t('verify.keys.loading')} />;
  else if (keys.kind === 'missing' || !ruleSet) main = <p role="alert">{k('kiosk.needsNetwork')}</p>;
  else {
    main = (
      <>
        <KioskCamera onDecoded={(text) => void onCode(text)} />
        {shown && (
          <div key={shown.seq} className="kiosk__verdict" data-testid="kiosk-verdict">
            {shown.kind === 'code' ? (
              <>
                <VerdictView verification={shown.verification} ruleSet={ruleSet} now={shown.at} className="kiosk-verdict" />
                {shown.logged && <span className="kiosk-verdict__logged">{k('kiosk.logged')}</span>}
              </>
            ) : (
              <IdVerdict status={shown.status} logged={shown.logged} ruleSet={ruleSet} />
            )}
          </div>
        )}
      </>
    );
  }

  return (
    <main className="kiosk">
      <header className="kiosk__venue">
        {/* Travellers at a station may not read Chinese: one tap turns the screen and its voice to English. */}
        <div className="kiosk__language">
          <LanguageToggle />
        </div>
        <span className="kiosk__serves">
          {k('kiosk.title')} · {k('kiosk.serves')}
        </span>
        <h1 className="kiosk__name">{me.venue.name}</h1>
        <p className="kiosk__where">
          {me.venue.district} · {me.venue.address} · {k('kiosk.venueNumber', { number: me.venue.number })}
        </p>
        {ruleSet && <p className="kiosk__rule">{k('kiosk.rule', { rule: ruleSet.title[language] })}</p>}
      </header>
      <div className="kiosk__main">{main}</div>
      <IdNumberForm token={token} onStatus={onStatus} onUnauthorized={onUnauthorized} />
      <DoorReaders token={token} onStatus={onStatus} onUnauthorized={onUnauthorized} />
      <footer className="kiosk__footer">
        <p className="kiosk__counts" data-testid="kiosk-counts">
          {k('kiosk.counts', { hourPass: summary.hour.pass, hourFail: summary.hour.fail, dayPass: summary.day.pass, dayFail: summary.day.fail })}
        </p>
        <p className="kiosk__sync" data-testid="kiosk-sync">
          {syncLine}
        </p>
        {revocations.data !== undefined && <RevocationAge held={revocations.data} />}
      </footer>
    </main>
  );
}
