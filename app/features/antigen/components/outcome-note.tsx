import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { detailsLabel, type Explained } from '../outcome-words.ts';

/**
 * Why a self-test was refused or waits for a reviewer: a title and the next step in plain words, and what
 * the server or the reader said behind a small 详情 toggle, for staff helping at the door or on the phone.
 */
export function OutcomeNote({ explained, tone }: { explained: Pick<Explained, 'words'> & { detail?: string }; tone: 'review' | 'refused' }) {
  const { language } = useI18n();
  const { title, next } = explained.words[language];
  return (
    <div className={`outcome outcome--${tone}`} data-outcome={tone}>
      <p className="outcome__title">{title}</p>
      <p className="outcome__next">{next}</p>
      {explained.detail && (
        <details className="outcome__detail">
          <summary>{detailsLabel[language]}</summary>
          <code>{explained.detail}</code>
        </details>
      )}
    </div>
  );
}
