import '../venue-owner.css';
import { useMemo } from 'react';
import { useParams } from '../../../navigation/navigation.tsx';
import { venueCodeUrl } from '../../../../core/contract/venues.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { ErrorState, LoadingState } from '../../../ui/status-views.tsx';
import { useVenue } from '../api/get-venue.ts';
import { qrShape } from '../../../ui/qr-path.ts';
import { qrPngDataUrl, qrSvgDocument, svgDataUrl } from '../../../ui/qr-image.ts';

interface PosterImages {
  svg: string;
  png: string;
}


/** The printable 场所码 poster (A4 through print CSS) with SVG and PNG downloads of the code. */
export function VenuePoster() {
  const { t } = useI18n();
  const { number = '' } = useParams();
  const venue = useVenue(number);
  const url = venue.data ? venueCodeUrl(location.origin, venue.data.venue.token) : null;
  // Error correction M with the standard quiet zone: a poster scanned from a metre away under shop lights.
  const images = useMemo<PosterImages | null>(() => {
    if (!url) return null;
    const shape = qrShape(url, 'M');
    return { svg: svgDataUrl(qrSvgDocument(shape)), png: qrPngDataUrl(shape, 1200) };
  }, [url]);

  if (venue.isPending) return <LoadingState />;
  if (venue.isError) return <ErrorState error={venue.error} onRetry={() => void venue.refetch()} />;
  const { name, district, address } = venue.data.venue;

  return (
    <main className="page poster-page">
      <div className="no-print">
        <PageHeader title={t('poster.title')} backTo="/venues" />
      </div>
      <article className="poster" aria-label={t('poster.title')}>
        <p className="poster__brand">{t('app.title')} · {t('poster.title')}</p>
        <h2 className="poster__name">{name}</h2>
        <p className="poster__address">
          {district} · {address}
        </p>
        {images ? <img className="poster__qr" src={images.svg} alt={t('poster.qr', { name })} /> : <LoadingState />}
        <p className="poster__number">
          {t('venue.number')} <strong>{number}</strong>
        </p>
        <p className="poster__instructions">{t('poster.instructions')}</p>
      </article>
      <div className="button-row no-print">
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('poster.print')}
        </button>
        {images && (
          <>
            <a className="button button--secondary" href={images.svg} download={`venue-${number}.svg`}>
              {t('poster.svg')}
            </a>
            <a className="button button--secondary" href={images.png} download={`venue-${number}.png`}>
              {t('poster.png')}
            </a>
          </>
        )}
        {url && <p className="poster__length">{t('poster.length', { length: url.length })}</p>}
      </div>
    </main>
  );
}
