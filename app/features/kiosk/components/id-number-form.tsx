import { useId, useState, type SubmitEvent } from 'react';
import type { KioskLookupStatus } from '../../../../core/contract/kiosks.ts';
import { isValidIdNumber } from '../../../../core/identity/check-digits.ts';
import { ApiError } from '../../../api/client.ts';
import { useKioskText, type KioskMessageKey } from '../../../i18n/kiosk-messages.ts';
import { lookUpIdNumber } from '../api/look-up-id-number.ts';

const problems: Partial<Record<ApiError['code'], KioskMessageKey>> = {
  invalid_id_number: 'kiosk.id.invalid',
  kiosk_id_unknown: 'kiosk.id.unknown',
  kiosk_lookup_limited: 'kiosk.id.limited',
  network: 'kiosk.id.offline',
  timeout: 'kiosk.id.offline',
};

/**
 * For a visitor with no code: staff type the ID number, or a USB ID-card reader types it into this field and
 * presses Enter. A wrong check character is refused here, before anything is sent; offline it says plainly
 * that this path needs the network. The server answers the status only (and logs a pass as a visit).
 */
export function IdNumberForm({ token, onStatus, onUnauthorized }: { token: string; onStatus: (status: KioskLookupStatus, logged: boolean) => void; onUnauthorized: (error: ApiError) => void }) {
  const k = useKioskText();
  const fieldId = useId();
  const errorId = useId();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<KioskMessageKey | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const idNumber = value.replace(/\s/g, '').toUpperCase();
    // Nothing is sent for a number that cannot be one, nor while offline.
    if (!isValidIdNumber(idNumber) || !navigator.onLine) {
      setProblem(isValidIdNumber(idNumber) ? 'kiosk.id.offline' : 'kiosk.id.invalid');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const { status, logged } = await lookUpIdNumber(token, idNumber);
      setValue('');
      onStatus(status, logged);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onUnauthorized(error);
      else setProblem((error instanceof ApiError && problems[error.code]) || 'kiosk.id.failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="kiosk-id" onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor={fieldId} className="kiosk-id__label">
        {k('kiosk.id.label')}
      </label>
      <div className="kiosk-id__row">
        <input
          id={fieldId}
          className="field__input kiosk-id__input"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setProblem(null);
          }}
          maxLength={20}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={problem === 'kiosk.id.invalid'}
          aria-describedby={problem ? errorId : undefined}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {k(busy ? 'kiosk.id.checking' : 'kiosk.id.submit')}
        </button>
      </div>
      {problem && (
        <p id={errorId} className="field__error kiosk-id__error" role="alert">
          {k(problem)}
        </p>
      )}
    </form>
  );
}
