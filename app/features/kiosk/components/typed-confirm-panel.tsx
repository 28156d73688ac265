import type { ActionDispatch } from 'react';
import type { RuleSet } from '../../../../core/contract/records.ts';
import { documentLabel } from '../../../../core/identity/labels.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { useKioskText } from '../../../i18n/kiosk-messages.ts';
import { useNow } from '../../../ui/use-now.ts';
import { confirmWindowMs, type ConfirmEvent, type ConfirmState } from '../typed-confirm.ts';

/**
 * A typed lookup that passed, waiting for the staff's tap: the masked name, the document and the
 * verdict's colour, with 取消 and 确认放行 big at the bottom of the screen, in reach of one thumb on a phone or
 * a tablet. Only 确认放行 logs the visit; a failed confirm says so and can be tapped again.
 */
export function TypedConfirmPanel({ state, dispatch, ruleSet }: { state: Exclude<ConfirmState, { step: 'idle' }>; dispatch: ActionDispatch<[event: ConfirmEvent]>; ruleSet: RuleSet }) {
  const { t, language } = useI18n();
  const k = useKioskText();
  const now = useNow(1000);
  const { pass } = state;
  const seconds = Math.max(0, Math.ceil((pass.since + confirmWindowMs - now) / 1000));
  const problem = state.step === 'waiting' ? state.problem : null;

  let line;
  if (state.step === 'logged') line = <span className="kiosk-verdict__logged">{k('kiosk.logged')}</span>;
  else if (state.step === 'sending') line = <span className="kiosk-confirm__line">{k('kiosk.confirm.sending')}</span>;
  else if (problem) line = <span className="kiosk-confirm__problem">{k(problem === 'network' ? 'kiosk.confirm.network' : 'kiosk.confirm.refused')}</span>;
  else line = <span className="kiosk-confirm__line">{k('kiosk.confirm.pending')}</span>;

  return (
    <div className="kiosk__verdict kiosk__verdict--confirm" data-testid="kiosk-verdict">
      <section className="verdict verdict--pass kiosk-verdict" role="status" aria-label={k('kiosk.confirm.title')}>
        <span className="verdict__icon" aria-hidden="true">
          ✓
        </span>
        <strong className="verdict__words">{t('verify.pass')}</strong>
        <span className="verdict__name">{pass.status.maskedName}</span>
        <span className="verdict__paper">
          {k(pass.document.type === 'resident-id' ? 'kiosk.id.source' : 'kiosk.id.documentSource')} · {documentLabel(pass.document, language, 'full')}
        </span>
        <span className="verdict__rule">{ruleSet.title[language]}</span>
        {line}
      </section>
      {state.step !== 'logged' && (
        <div className="kiosk-confirm__buttons">
          {/* Outside the status region, so a screen reader is not told every second. */}
          {state.step === 'waiting' && <p className="kiosk-confirm__countdown">{k('kiosk.confirm.countdown', { seconds })}</p>}
          <button type="button" className="button button--secondary kiosk-confirm__button" disabled={state.step === 'sending'} onClick={() => dispatch({ type: 'cancel' })}>
            {k('kiosk.confirm.no')}
          </button>
          <button type="button" className="button button--primary kiosk-confirm__button" disabled={state.step === 'sending' || problem === 'refused'} onClick={() => dispatch({ type: 'confirm' })}>
            {k('kiosk.confirm.yes')}
          </button>
        </div>
      )}
    </div>
  );
}
