import { useId, useState, type InputHTMLAttributes, type SubmitEvent } from 'react';
import type { KioskLookupStatus } from '../../../../core/contract/kiosks.ts';
import { documentTypes, type DocumentType, type IdentityDocument } from '../../../../core/identity/documents.ts';
import { documentLabel } from '../../../../core/identity/labels.ts';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { useKioskText, type KioskMessageKey } from '../../../i18n/kiosk-messages.ts';
import { lookUpDocument } from '../api/look-up-id-number.ts';
import { typedDocument, type TypedProblem } from '../typed-document.ts';

const problems: Partial<Record<ApiError['code'], KioskMessageKey>> = {
  invalid_id_number: 'kiosk.id.invalid',
  kiosk_id_unknown: 'kiosk.id.unknown',
  kiosk_lookup_limited: 'kiosk.id.limited',
  network: 'kiosk.id.offline',
  timeout: 'kiosk.id.offline',
};

const typedMessage = (problem: TypedProblem): KioskMessageKey =>
  problem.kind === 'country' ? 'kiosk.id.invalid.country' : problem.type === 'resident-id' ? 'kiosk.id.invalid' : `kiosk.id.invalid.${problem.type}`;

/** A field for letters and digits off a document: no autofill, capitals, no spelling marks. */
const CodeInput = (props: InputHTMLAttributes<HTMLInputElement>) => <input autoComplete="off" autoCapitalize="characters" spellCheck={false} {...props} />;

export interface TypedLookup {
  id: string;
  status: KioskLookupStatus;
  document: IdentityDocument;
}

/**
 * At a staffed desk (the operator allowed typed numbers for this kiosk): staff choose the visitor's document,
 * type its number (a USB reader may type a resident ID and press Enter) and, for a passport, the issuing
 * country. A number its type's rule refuses is refused here, before anything is sent; offline it says plainly
 * that this path needs the network. A typed PASS logs nothing until the staff confirm (typed-confirm.ts).
 */
export function IdNumberForm({ token, onLookedUp, onUnauthorized }: { token: string; onLookedUp: (lookup: TypedLookup) => void; onUnauthorized: (error: ApiError) => void }) {
  const { language } = useI18n();
  const k = useKioskText();
  const ids = { type: useId(), number: useId(), country: useId(), error: useId() };
  const [type, setType] = useState<DocumentType>('resident-id');
  const [number, setNumber] = useState('');
  const [country, setCountry] = useState('');
  const [problem, setProblem] = useState<KioskMessageKey | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = typedDocument({ type, number, country });
    // Nothing is sent for a number that cannot be one, nor while offline.
    if (!typed.ok || !navigator.onLine) {
      setProblem(typed.ok ? 'kiosk.id.offline' : typedMessage(typed.problem));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const { id, status } = await lookUpDocument(token, typed.document, 'typed');
      setNumber('');
      onLookedUp({ id, status, document: typed.document });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onUnauthorized(error);
      else setProblem((error instanceof ApiError && problems[error.code]) || 'kiosk.id.failed');
    } finally {
      setBusy(false);
    }
  };

  const edit = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setProblem(null);
  };
  const described = problem ? ids.error : undefined;
  const invalid = problem !== null && problem.startsWith('kiosk.id.invalid');

  return (
    <form className="kiosk-id" onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor={ids.type} className="kiosk-id__label">
        {k('kiosk.id.type')}
      </label>
      <select id={ids.type} className="field__input kiosk-id__type" value={type} onChange={(event) => edit(setType)(documentTypes.find((option) => option === event.target.value) ?? 'resident-id')}>
        {documentTypes.map((option) => (
          <option key={option} value={option}>
            {documentLabel({ type: option }, language, 'full')}
          </option>
        ))}
      </select>
      <label htmlFor={ids.number} className="kiosk-id__label">
        {type === 'resident-id' ? k('kiosk.id.label') : k('kiosk.id.numberLabel', { type: documentLabel({ type }, language) })}
      </label>
      <div className="kiosk-id__row">
        <CodeInput
          id={ids.number}
          className="field__input kiosk-id__input"
          value={number}
          onChange={(event) => edit(setNumber)(event.target.value)}
          maxLength={20}
          aria-invalid={invalid && problem !== 'kiosk.id.invalid.country'}
          aria-describedby={described}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {k(busy ? 'kiosk.id.checking' : 'kiosk.id.submit')}
        </button>
      </div>
      {type === 'passport' && (
        <>
          <label htmlFor={ids.country} className="kiosk-id__label">
            {k('kiosk.id.country')}
          </label>
          <CodeInput
            id={ids.country}
            className="field__input kiosk-id__country"
            value={country}
            onChange={(event) => edit(setCountry)(event.target.value)}
            maxLength={3}
            aria-invalid={problem === 'kiosk.id.invalid.country'}
            aria-describedby={described}
          />
        </>
      )}
      {problem && (
        <p id={ids.error} className="field__error kiosk-id__error" role="alert">
          {k(problem)}
        </p>
      )}
    </form>
  );
}
