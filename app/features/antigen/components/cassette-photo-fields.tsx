import { lazy, Suspense, type ChangeEvent } from 'react';
import type { AntigenResult } from '../../../../core/contract/antigen.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import type { CassettePhoto } from '../hooks/use-cassette-photo.ts';
import { StripOpinion } from './strip-opinion.tsx';

/** The cassette camera and its finder load only when the citizen opens it. */
const CassetteCamera = lazy(() => import('./cassette-camera.tsx').then((module) => ({ default: module.CassetteCamera })));

interface Props {
  photo: CassettePhoto;
  /** One camera at a time: the page closes the kit scanner when this one opens. */
  shooting: boolean;
  setShooting: (shooting: boolean) => void;
  error: MessageKey | undefined;
  declared: AntigenResult | null;
}

/** The cassette photo: taken by the cassette camera or chosen from the album, its preview, and the strip reader's opinion. */
export function CassettePhotoFields({ photo, shooting, setShooting, error, declared }: Props) {
  const { t } = useI18n();
  const shown = photo.photo;
  function onChosen(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setShooting(false);
    photo.chooseFile(file);
  }
  return (
    <>
      <fieldset className="cassette-photo">
        <legend>{t('antigen.upload.photo')}</legend>
        <p className="field__hint">{t('antigen.upload.photo.hint')}</p>
        {shooting ? (
          <>
            <Suspense fallback={<p role="status">{t('scanner.starting')}</p>}>
              <CassetteCamera onCapture={(frame) => { setShooting(false); photo.takeFrame(frame); }} />
            </Suspense>
            <button type="button" className="button button--secondary" onClick={() => setShooting(false)}>
              {t('antigen.scan.close')}
            </button>
          </>
        ) : (
          <button type="button" className="button button--primary" disabled={photo.busy} onClick={() => setShooting(true)}>
            {t(shown ? 'antigen.camera.retake' : 'antigen.camera.open')}
          </button>
        )}
        <label className="field">
          <span className="field__label">{t('antigen.camera.album')}</span>
          {/* No capture attribute: this is the way in for a photo already taken, and for a phone whose camera the app cannot open. */}
          <input className="field__input field__file" type="file" accept="image/*" aria-invalid={Boolean(error)} disabled={photo.busy} onChange={onChosen} />
        </label>
      </fieldset>
      {error && (
        <p className="field__error" role="alert">
          {t(error)}
        </p>
      )}
      {shown && (
        <figure className="photo-preview">
          <img src={shown.previewUrl} alt={t('antigen.upload.photo.preview')} width={shown.width} height={shown.height} />
          <figcaption>{t('antigen.upload.photo.ready', { width: shown.width, height: shown.height, kb: Math.ceil(shown.bytes / 1024) })}</figcaption>
        </figure>
      )}
      {shown && photo.strip && <StripOpinion strip={photo.strip} declared={declared} />}
    </>
  );
}
