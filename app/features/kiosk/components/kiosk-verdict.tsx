import type { KioskLookupStatus } from '../../../../core/contract/kiosks.ts';
import type { RuleSet } from '../../../../core/contract/records.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { useKioskText } from '../../../i18n/kiosk-messages.ts';
import { VerdictView } from '../../../verification/components/verdict-view.tsx';
import type { Verification } from '../../../verification/verify-health-code.ts';

/** `seq` numbers the visitors: each verdict is a new element, so a screen reader announces the next one too. */
export type Shown = { seq: number } & ({ kind: 'code'; verification: Verification; at: number; logged: boolean } | { kind: 'id'; status: KioskLookupStatus; logged: boolean; at: number });

/** The verdict of a lookup by document (a card read, or a typed number that failed): status only, as the server answers it. */
export function IdVerdict({ status, logged, ruleSet }: { status: KioskLookupStatus; logged: boolean; ruleSet: RuleSet }) {
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

/** The verdict full-screen, a code's or a document lookup's, until the next visitor's replaces it. */
export function ShownVerdict({ shown, ruleSet }: { shown: Shown; ruleSet: RuleSet }) {
  const k = useKioskText();
  return (
    <div className="kiosk__verdict" data-testid="kiosk-verdict">
      {shown.kind === 'code' ? (
        <>
          <VerdictView verification={shown.verification} ruleSet={ruleSet} now={shown.at} className="kiosk-verdict" />
          {shown.logged && <span className="kiosk-verdict__logged">{k('kiosk.logged')}</span>}
        </>
      ) : (
        <IdVerdict status={shown.status} logged={shown.logged} ruleSet={ruleSet} />
      )}
    </div>
  );
}
