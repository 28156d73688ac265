import './document-read.css';
import type { DocumentRead } from '../../core/document-read.ts';
import { useReaderText } from '../i18n/reader-messages.ts';
import { maskAnyNumber, maskName } from '../../core/identity/masking.ts';

/**
 * What a door reader read, big enough to check at arm's length: the document's kind (so staff compare with
 * the right card), the masked name and number, the birth date and the expiry, an expired one said plainly.
 */
export function DocumentReadView({ document, today }: { document: DocumentRead; today: string }) {
  const r = useReaderText();
  const expired = document.expiry !== null && document.expiry < today;
  return (
    <section className="document-read" data-testid="document-read" aria-label={r(`doc.kind.${document.kind}`)}>
      <strong className="document-read__kind">{r(`doc.kind.${document.kind}`)}</strong>
      <dl className="document-read__facts">
        <div>
          <dt>{r('doc.name')}</dt>
          <dd className="document-read__name">{maskName(document.name)}</dd>
        </div>
        <div>
          <dt>{r('doc.number')}</dt>
          <dd className="document-read__number">{maskAnyNumber(document.number)}</dd>
        </div>
        {document.source === 'mrz' && (
          <div>
            <dt>{r('doc.issuer')}</dt>
            <dd>{document.issuingState}</dd>
          </div>
        )}
        <div>
          <dt>{r('doc.birth')}</dt>
          <dd>
            {document.birthDate} · {r(`doc.sex.${document.sex}`)}
          </dd>
        </div>
        <div>
          <dt>{r('doc.expiry')}</dt>
          <dd>{document.expiry ?? r('doc.expiry.none')}</dd>
        </div>
      </dl>
      {expired && (
        <p className="document-read__expired" role="alert">
          {r('doc.expired')}
        </p>
      )}
    </section>
  );
}
