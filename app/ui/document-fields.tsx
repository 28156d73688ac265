import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { documentTypes, type DocumentType } from '../../core/identity/documents.ts';
import { documentLabel } from '../../core/identity/labels.ts';
import { useDocumentText } from '../i18n/document-messages.ts';
import { useI18n } from '../i18n/i18n-provider.tsx';
import type { TypedFields, TypedProblem } from './typed-document.ts';

/** A field for letters and digits off a document: no autofill, capitals, no spelling marks. */
const CodeInput = (props: InputHTMLAttributes<HTMLInputElement>) => <input autoComplete="off" autoCapitalize="characters" spellCheck={false} {...props} />;

interface DocumentFieldsProps {
  fields: TypedFields;
  onChange: (fields: TypedFields) => void;
  problem: TypedProblem | null;
  /** The message saying what is wrong, shown by the form, for screen readers. */
  errorId?: string | undefined;
  /** The number's label where the form words it its own way (a resident ID at the kiosk); else 证件号码（护照）. */
  numberLabel?: (type: DocumentType) => string | undefined;
  /** Names the classes: `${block}__label`, `__type`, `__row`, `__input`, `__country`. */
  block: string;
  /** Beside the number, such as the kiosk's 查询 button. */
  besideNumber?: ReactNode;
}

/**
 * An identity document as a person types it: its type, its number and, for a passport, the issuing country. The
 * form checks it with typedDocument (core's own rule) and shows documentProblemKey's words (typed-document.ts).
 */
export function DocumentFields({ fields, onChange, problem, errorId, numberLabel, block, besideNumber }: DocumentFieldsProps) {
  const { language } = useI18n();
  const d = useDocumentText();
  const ids = { type: useId(), number: useId(), country: useId() };
  const { type } = fields;
  const describedBy = problem ? errorId : undefined;
  return (
    <>
      <label htmlFor={ids.type} className={`${block}__label`}>
        {d('document.type')}
      </label>
      <select
        id={ids.type}
        className={`field__input ${block}__type`}
        value={type}
        onChange={(event) => onChange({ ...fields, type: documentTypes.find((option) => option === event.target.value) ?? 'resident-id' })}
      >
        {documentTypes.map((option) => (
          <option key={option} value={option}>
            {documentLabel({ type: option }, language, 'full')}
          </option>
        ))}
      </select>
      <label htmlFor={ids.number} className={`${block}__label`}>
        {numberLabel?.(type) ?? d('document.numberLabel', { type: documentLabel({ type }, language) })}
      </label>
      <div className={`${block}__row`}>
        <CodeInput
          id={ids.number}
          className={`field__input ${block}__input`}
          value={fields.number}
          onChange={(event) => onChange({ ...fields, number: event.target.value })}
          maxLength={20}
          aria-invalid={problem?.kind === 'number'}
          aria-describedby={describedBy}
        />
        {besideNumber}
      </div>
      {type === 'passport' && (
        <>
          <label htmlFor={ids.country} className={`${block}__label`}>
            {d('document.country')}
          </label>
          <CodeInput
            id={ids.country}
            className={`field__input ${block}__country`}
            value={fields.country}
            onChange={(event) => onChange({ ...fields, country: event.target.value })}
            maxLength={3}
            aria-invalid={problem?.kind === 'country'}
            aria-describedby={describedBy}
          />
        </>
      )}
    </>
  );
}
