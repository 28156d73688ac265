import type { StripResult } from '../../../../core/antigen/strip-reader.ts';
import type { AntigenResult } from '../../../../core/contract/antigen.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { explainReading } from '../outcome-words.ts';
import { OutcomeNote } from './outcome-note.tsx';

export type StripState = { kind: 'reading' } | { kind: 'read'; reading: StripResult };

/**
 * What the strip reader read from the photo, beside what the citizen declared; where they differ or the
 * strip cannot be read, why in plain words and what to do, and that the upload then waits for a
 * reviewer. Never changes the declaration.
 */
export function StripOpinion({ strip, declared }: { strip: StripState; declared: AntigenResult | null }) {
  const { t } = useI18n();
  if (strip.kind === 'reading') {
    return (
      <p className="strip-opinion" role="status">
        {t('antigen.strip.reading')}
      </p>
    );
  }
  const { reading } = strip;
  const agrees = declared !== null && reading.result === declared;
  const explained = explainReading(reading, declared);
  const warning = reading.result === 'unreadable' ? 'antigen.strip.cannotRead' : explained ? 'antigen.strip.disagrees' : null;
  return (
    <div className={`strip-opinion${warning ? ' strip-opinion--review' : ''}`} role="status">
      <p>
        <strong>{t('antigen.strip.read', { reading: t(`antigen.strip.${reading.result}`) })}</strong>
      </p>
      {agrees && <p>{t('antigen.strip.agrees')}</p>}
      {explained && <OutcomeNote explained={explained} tone="review" />}
      {warning && <p>{t(warning)}</p>}
    </div>
  );
}
