import { useId, useState, type SyntheticEvent } from 'react';
import { otpCode, personName } from '../../../../core/contract/common.ts';
import type { IdentityDocument } from '../../../../core/identity/documents.ts';
import { useDocumentText } from '../../../i18n/document-messages.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { DocumentFields } from '../../../ui/document-fields.tsx';
import { FormError } from '../../../ui/status-views.tsx';
import { OneTimeCodeField } from '../../../ui/one-time-code-field.tsx';
import { TextField } from '../../../ui/text-field.tsx';
import { documentProblemKey, typedDocument, type TypedFields, type TypedProblem } from '../../../ui/typed-document.ts';
import { useLinkDependant } from '../api/link-dependant.ts';
import { useRequestFamilyCode } from '../api/request-family-code.ts';

type Invalid = { field: 'name' | 'code' } | { field: 'document'; problem: TypedProblem };

const emptyDocument: TypedFields = { type: 'resident-id', number: '', country: '' };

/**
 * Name and identity document (any type, checked by core's rule as the kiosk desk checks it) first, then the
 * code sent to the relative's phone: nothing links on a guess.
 */
export function LinkDependantForm({ onLinked }: { onLinked: (maskedName: string) => void }) {
  const { t } = useI18n();
  const d = useDocumentText();
  const documentErrorId = useId();
  const [name, setName] = useState('');
  const [fields, setFields] = useState<TypedFields>(emptyDocument);
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState<Invalid | null>(null);
  const sendCode = useRequestFamilyCode();
  const link = useLinkDependant();

  /** The name and document to send, or null after saying which field is wrong. */
  function checked(withCode: boolean): { name: string; document: IdentityDocument } | null {
    const typed = typedDocument(fields);
    const problem: Invalid | null = !personName.safeParse(name).success
      ? { field: 'name' }
      : !typed.ok
        ? { field: 'document', problem: typed.problem }
        : withCode && !otpCode.safeParse(code).success
          ? { field: 'code' }
          : null;
    setInvalid(problem);
    return problem || !typed.ok ? null : { name: name.trim(), document: typed.document };
  }

  function onSendCode() {
    const identity = checked(false);
    if (identity) sendCode.mutate(identity);
  }

  function onSubmit(event: SyntheticEvent) {
    event.preventDefault();
    const identity = checked(true);
    if (!identity) return;
    link.mutate(
      { ...identity, code: code.trim() },
      {
        onSuccess: (profile) => {
          setName('');
          setFields(emptyDocument);
          setCode('');
          sendCode.reset();
          onLinked(profile.maskedName);
        },
      },
    );
  }

  const serverError = link.error ?? sendCode.error;
  const busy = link.isPending || sendCode.isPending;
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="link-title">
      <h2 id="link-title">{t('family.link.title')}</h2>
      <TextField
        label={t('family.link.name')}
        autoComplete="off"
        value={name}
        onValueChange={setName}
        error={invalid?.field === 'name' ? t('family.error.name') : null}
      />
      <DocumentFields
        fields={fields}
        onChange={setFields}
        problem={invalid?.field === 'document' ? invalid.problem : null}
        errorId={documentErrorId}
        numberLabel={(type) => (type === 'resident-id' ? t('family.link.idNumber') : undefined)}
        block="document-fields"
      />
      {invalid?.field === 'document' && (
        <p id={documentErrorId} className="field__error" role="alert">
          {d(documentProblemKey(invalid.problem))}
        </p>
      )}
      <button type="button" className="button button--secondary" onClick={onSendCode} disabled={busy}>
        {t('family.link.sendCode')}
      </button>
      <OneTimeCodeField label={t('family.link.code')} sent={sendCode.data} value={code} onValueChange={setCode} error={invalid?.field === 'code' ? t('login.error.code') : null} />
      <FormError error={serverError} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('family.link.submit')}
      </button>
    </form>
  );
}
