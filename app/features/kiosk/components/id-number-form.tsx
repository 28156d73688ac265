import { useId, useState, type SubmitEvent } from 'react';
import type { KioskLookupStatus } from '../../../../core/contract/kiosks.ts';
import type { IdentityDocument } from '../../../../core/identity/documents.ts';
import { ApiError } from '../../../api/client.ts';
import { useDocumentText } from '../../../i18n/document-messages.ts';
import { useKioskText, type KioskMessageKey } from '../../../i18n/kiosk-messages.ts';
import { DocumentFields } from '../../../ui/document-fields.tsx';
import { documentProblemKey, typedDocument, type TypedFields, type TypedProblem } from '../../../ui/typed-document.ts';
import { lookUpDocument } from '../api/look-up-id-number.ts';

const problems: Partial<Record<ApiError['code'], KioskMessageKey>> = {
  kiosk_id_unknown: 'kiosk.id.unknown',
  kiosk_lookup_limited: 'kiosk.id.limited',
  network: 'kiosk.id.offline',
  timeout: 'kiosk.id.offline',
};

/** A number refused on the device (or by the server, by the same rule), or what went wrong with the lookup. */
type Problem = { typed: TypedProblem; key?: never } | { typed?: never; key: KioskMessageKey };

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
  const k = useKioskText();
  const d = useDocumentText();
  const errorId = useId();
  const [fields, setFields] = useState<TypedFields>({ type: 'resident-id', number: '', country: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = typedDocument(fields);
    // Nothing is sent for a number that cannot be one, nor while offline.
    if (!typed.ok || !navigator.onLine) {
      setProblem(typed.ok ? { key: 'kiosk.id.offline' } : { typed: typed.problem });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const { id, status } = await lookUpDocument(token, typed.document, 'typed');
      setFields({ ...fields, number: '' });
      onLookedUp({ id, status, document: typed.document });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onUnauthorized(error);
      else if (error instanceof ApiError && error.code === 'invalid_id_number') setProblem({ typed: { kind: 'number', type: fields.type } });
      else setProblem({ key: (error instanceof ApiError && problems[error.code]) || 'kiosk.id.failed' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="kiosk-id" onSubmit={(event) => void submit(event)} noValidate>
      <DocumentFields
        fields={fields}
        onChange={(next) => {
          setFields(next);
          setProblem(null);
        }}
        problem={problem?.typed ?? null}
        errorId={errorId}
        numberLabel={(type) => (type === 'resident-id' ? k('kiosk.id.label') : undefined)}
        block="kiosk-id"
        besideNumber={
          <button type="submit" className="button button--primary" disabled={busy}>
            {k(busy ? 'kiosk.id.checking' : 'kiosk.id.submit')}
          </button>
        }
      />
      {problem && (
        <p id={errorId} className="field__error kiosk-id__error" role="alert">
          {problem.typed ? d(documentProblemKey(problem.typed)) : k(problem.key)}
        </p>
      )}
    </form>
  );
}
