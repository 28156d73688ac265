import type { KioskMe } from '../../../../core/contract/kiosks.ts';
import type { RuleSet } from '../../../../core/contract/records.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { useKioskText } from '../../../i18n/kiosk-messages.ts';
import type { HeldRevocations } from '../../../offline/revocation-store.ts';
import { LanguageToggle } from '../../../ui/language-toggle.tsx';
import { RevocationAge } from '../../../verification/components/revocation-age.tsx';
import { summarise, type HourCount } from '../hourly-counts.ts';

/** The venue the kiosk serves, in large type, and the rule it checks. */
export function KioskHeader({ venue, ruleSet }: { venue: KioskMe['venue']; ruleSet: RuleSet | undefined }) {
  const { language } = useI18n();
  const k = useKioskText();
  return (
    <header className="kiosk__venue">
      {/* Travellers at a station may not read Chinese: one tap turns the screen and its voice to English. */}
      <div className="kiosk__language">
        <LanguageToggle />
      </div>
      <span className="kiosk__serves">
        {k('kiosk.title')} · {k('kiosk.serves')}
      </span>
      <h1 className="kiosk__name">{venue.name}</h1>
      <p className="kiosk__where">
        {venue.district} · {venue.address} · {k('kiosk.venueNumber', { number: venue.number })}
      </p>
      {ruleSet && <p className="kiosk__rule">{k('kiosk.rule', { rule: ruleSet.title[language] })}</p>}
    </header>
  );
}

/** The tallies (this hour and today, never a list of people), the outbox and the revocation list's age. */
export function KioskFooter({ counts, now, sync, revocations }: { counts: HourCount[]; now: number; sync: { online: boolean; pending: number }; revocations: HeldRevocations | null | undefined }) {
  const k = useKioskText();
  const summary = summarise(counts, now);
  let syncLine;
  if (!sync.online) syncLine = k('kiosk.sync.offline');
  else if (sync.pending > 0) syncLine = k('kiosk.sync.pending', { n: sync.pending });
  else syncLine = k('kiosk.sync.done');
  return (
    <footer className="kiosk__footer">
      <p className="kiosk__counts" data-testid="kiosk-counts">
        {k('kiosk.counts', { hourPass: summary.hour.pass, hourFail: summary.hour.fail, dayPass: summary.day.pass, dayFail: summary.day.fail })}
      </p>
      <p className="kiosk__sync" data-testid="kiosk-sync">
        {syncLine}
      </p>
      {revocations !== undefined && <RevocationAge held={revocations} />}
    </footer>
  );
}
