import '../paper-code.css';
import type { PaperCode } from '../../../../core/contract/codes.ts';
import { documentLabel } from '../../../../core/identity/labels.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { formatDateTime } from '../../../i18n/shanghai-time.ts';
import { CodeQr } from '../../../ui/code-qr.tsx';
import { colourIcons } from '../../../ui/qr-svg.tsx';

/**
 * The A6 card itself: the same facts the verifier will show, so staff can compare the two. The
 * colour is a frame, a word and an icon as well as the QR's own colour: a grey-scale printer keeps two.
 */
export function PaperCard({ paper }: { paper: PaperCode }) {
  const { t, language } = useI18n();
  const colourName = t(`colour.${paper.colour}`);
  const document = { type: paper.documentType ?? 'resident-id', country: paper.documentCountry };
  const validUntil = formatDateTime(paper.validUntil);
  return (
    <article className={`paper-card paper-card--${paper.colour}`} aria-labelledby="paper-card-title">
      <h2 id="paper-card-title" className="paper-card__title">
        {t('paper.card.title')}
      </h2>
      <dl className="paper-card__facts">
        <div>
          <dt>{t('panel.name')}</dt>
          <dd>{paper.maskedName}</dd>
        </div>
        <div>
          <dt>{documentLabel(document, language)}</dt>
          <dd>{paper.maskedIdNumber}</dd>
        </div>
      </dl>
      <CodeQr
        text={paper.code}
        colour={paper.colour}
        errorCorrection="Q"
        label={t('paper.qr', { name: paper.maskedName, colour: colourName, time: validUntil })}
      />
      <p className="paper-card__colour">
        <span className="colour-icon" aria-hidden="true">
          {colourIcons[paper.colour]}
        </span>
        <span>{colourName}</span>
      </p>
      <dl className="paper-card__facts">
        <div>
          <dt>{t('paper.card.printed')}</dt>
          <dd>{formatDateTime(paper.printedAt)}</dd>
        </div>
        <div>
          <dt>{t('paper.card.validUntil')}</dt>
          <dd className="paper-card__valid-until">{validUntil}</dd>
        </div>
      </dl>
      <p className="paper-card__check-id">
        {document.type === 'resident-id' ? t('paper.card.checkId') : t('paper.card.checkDocument', { document: documentLabel(document, language) })}
      </p>
    </article>
  );
}
