import { useState, type SyntheticEvent } from 'react';
import { idNumber as idNumberSchema, otpCode, personName } from '../../../../core/contract/common.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { FormError } from '../../../ui/status-views.tsx';
import { OneTimeCodeField } from '../../../ui/one-time-code-field.tsx';
import { TextField } from '../../../ui/text-field.tsx';
import { useLinkDependant } from '../api/link-dependant.ts';
import { useRequestFamilyCode } from '../api/request-family-code.ts';

type Field = 'name' | 'idNumber' | 'code';

/** Name and ID number first, then the code sent to the relative's phone: nothing links on a guess. */
export function LinkDependantForm({ onLinked }: { onLinked: (maskedName: string) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState<Field | null>(null);
  const sendCode = useRequestFamilyCode();
  const link = useLinkDependant();

  function firstInvalid(fields: readonly Field[]): Field | null {
    const checks = { name: personName, idNumber: idNumberSchema, code: otpCode };
    const values = { name, idNumber, code };
    return fields.find((field) => !checks[field].safeParse(values[field]).success) ?? null;
  }

  function onSendCode() {
    const problem = firstInvalid(['name', 'idNumber']);
    setInvalid(problem);
    if (!problem) sendCode.mutate({ name: name.trim(), idNumber: idNumber.trim() });
  }

  function onSubmit(event: SyntheticEvent) {
    event.preventDefault();
    const problem = firstInvalid(['name', 'idNumber', 'code']);
    setInvalid(problem);
    if (problem) return;
    link.mutate(
      { name: name.trim(), idNumber: idNumber.trim(), code: code.trim() },
      {
        onSuccess: (profile) => {
          setName('');
          setIdNumber('');
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
        error={invalid === 'name' ? t('family.error.name') : null}
      />
      <TextField
        label={t('family.link.idNumber')}
        autoComplete="off"
        maxLength={18}
        value={idNumber}
        onValueChange={(value) => setIdNumber(value.replace(/[^\dXx]/g, '').toUpperCase())}
        error={invalid === 'idNumber' ? t('family.error.idNumber') : null}
      />
      <button type="button" className="button button--secondary" onClick={onSendCode} disabled={busy}>
        {t('family.link.sendCode')}
      </button>
      <OneTimeCodeField label={t('family.link.code')} sent={sendCode.data} value={code} onValueChange={setCode} error={invalid === 'code' ? t('login.error.code') : null} />
      <FormError error={serverError} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('family.link.submit')}
      </button>
    </form>
  );
}
