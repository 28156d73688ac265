import type { MessageKey } from '../i18n/messages.ts';
import type { MessageValues } from '../i18n/translate.ts';
import type { AntigenSummary } from './antigen-summary.ts';
import type { PcrSummary } from './pcr-summary.ts';
import type { VaccineSummary } from './vaccine-summary.ts';

type Translate = (key: MessageKey, values?: MessageValues) => string;

/** One wording for each summary, shared by the panel tabs, the scan result and the household view. */
export function vaccineSummaryText(summary: VaccineSummary, t: Translate): string {
  switch (summary.kind) {
    case 'none':
      return t('vaccine.summary.none');
    case 'partial':
      return t('vaccine.summary.partial', { n: summary.doses });
    case 'complete':
      return t('vaccine.summary.complete');
    case 'booster':
      return t('vaccine.summary.booster', { n: summary.boosters });
  }
}

export function pcrSummaryText(summary: PcrSummary, t: Translate): string {
  return summary.kind === 'none' ? t('pcr.summary.none') : `${t(`pcr.tier.${summary.tier}`)} ${t(`pcr.result.${summary.result}`)}`;
}

const antigenKeys = {
  none: 'antigen.summary.none',
  'fresh-negative': 'antigen.summary.fresh',
  positive: 'antigen.summary.positive',
  stale: 'antigen.summary.stale',
} as const satisfies Record<AntigenSummary['kind'], MessageKey>;

export function antigenSummaryText(summary: AntigenSummary, t: Translate): string {
  return t(antigenKeys[summary.kind]);
}
