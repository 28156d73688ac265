/**
 * How an antigen result was established, in words: one label and one display for every screen that shows
 * a result (抗原 tab, the panel's antigen line, 离沪核验, the verifier and what reuses its facts).
 */
import './antigen-trust.css';
import type { AntigenTest, AntigenTrust } from '../../core/contract/antigen.ts';
import { useI18n } from '../i18n/i18n-provider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { translate } from '../i18n/translate.ts';

/** A level as shown: the three levels, a self-test a reviewer rejected, and a code that names none. */
export type ShownTrust = AntigenTrust | 'rejected' | 'unknown';

export function shownTrust(test: { trust?: AntigenTrust | undefined; review?: AntigenTest['review'] }): ShownTrust {
  if (test.review?.decision === 'rejected') return 'rejected';
  return test.trust ?? 'unknown';
}

export const trustLabelKey = (trust: ShownTrust): MessageKey => `antigen.trust.${trust}`;

/** The level as a badge; `bilingual` gives Chinese and English side by side (离沪核验 speaks both). */
export function TrustBadge({ trust, bilingual = false }: { trust: ShownTrust; bilingual?: boolean }) {
  const { t } = useI18n();
  return (
    <span className={`trust trust--${trust}`} data-trust={trust}>
      {bilingual ? (
        <>
          <span lang="zh-CN">{translate('zh', trustLabelKey(trust))}</span> <span lang="en">{translate('en', trustLabelKey(trust))}</span>
        </>
      ) : (
        t(trustLabelKey(trust))
      )}
    </span>
  );
}

/** Why a level does not count (yet), or that a reviewer confirmed it; nothing for a level that just counts. */
export function TrustNote({ test }: { test: Pick<AntigenTest, 'trust' | 'review'> }) {
  const { t } = useI18n();
  const trust = shownTrust(test);
  if (trust === 'self-review') return <p className="trust-note">{t('antigen.trust.self-review.note')}</p>;
  if (trust === 'rejected') return <p className="trust-note">{t('antigen.trust.rejected.note')}</p>;
  if (test.review?.decision === 'confirmed') return <p className="trust-note">{t('antigen.trust.reviewed')}</p>;
  return null;
}
