import { useState, type SubmitEvent } from 'react';
import { ApiError } from '../../../api/client.ts';
import { venueCodeUrl, venueNumber } from '../../../../core/contract/venues.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import { errorMessageKey } from '../../../ui/error-message.ts';
import { TextField } from '../../../ui/text-field.tsx';
import { fetchVenueToken } from '../api/get-venue-by-number.ts';

interface ScanFallbacksProps {
  isVenueCode: (text: string) => boolean;
  /** Judges a place-code URL as a camera read would. */
  onText: (text: string) => Promise<void>;
  onMessage: (message: MessageKey) => void;
}

/** For when the camera cannot read the poster: a photo of it, or the venue's 8-digit number printed under the code. */
export function ScanFallbacks({ isVenueCode, onText, onMessage }: ScanFallbacksProps) {
  const { t } = useI18n();
  const [number, setNumber] = useState('');
  const [numberError, setNumberError] = useState<MessageKey | null>(null);
  const [photoBusy, setPhotoBusy] = useState(false);

  const onPhoto = async (file: File | undefined) => {
    if (!file) return;
    setPhotoBusy(true);
    onMessage('scan.photo.reading');
    const { decodeImageFile } = await import('../../../scanner/decode-photo.ts');
    const decoded = await decodeImageFile(file, isVenueCode);
    setPhotoBusy(false);
    if (decoded.ok) await onText(decoded.text);
    else onMessage(decoded.reason === 'unreadable' ? 'scan.photo.unreadable' : 'scan.photo.noCode');
  };

  const onNumber = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = venueNumber.safeParse(number);
    if (!parsed.success) {
      setNumberError('scan.number.invalid');
      return;
    }
    setNumberError(null);
    try {
      await onText(venueCodeUrl(location.origin, await fetchVenueToken(parsed.data)));
    } catch (error) {
      setNumberError(error instanceof ApiError && error.code === 'not_found' ? 'scan.number.notFound' : errorMessageKey(error));
    }
  };

  return (
    <section className="card scan__fallbacks" aria-labelledby="scan-fallbacks">
      <h2 id="scan-fallbacks">{t('scan.fallbacks')}</h2>
      <label className="button button--secondary scan__photo">
        {t('scan.photo')}
        <input
          type="file"
          accept="image/*"
          className="visually-hidden"
          disabled={photoBusy}
          onChange={(event) => {
            void onPhoto(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
      </label>
      <form className="scan__number" onSubmit={(event) => void onNumber(event)} noValidate>
        <TextField
          label={t('scan.number.label')}
          value={number}
          onValueChange={setNumber}
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
          error={numberError ? t(numberError) : null}
        />
        <button type="submit" className="button button--primary">
          {t('scan.number.submit')}
        </button>
      </form>
    </section>
  );
}
