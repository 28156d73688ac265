import '../settings.css';
import { useState, type SyntheticEvent } from 'react';
import { otpCode } from '../../../../core/contract/common.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import { Link, useNavigate } from '../../../navigation/navigation.tsx';
import { FormError } from '../../../ui/status-views.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { OneTimeCodeField } from '../../../ui/one-time-code-field.tsx';
import { useDeleteAccount } from '../api/delete-account.ts';
import { useRequestDeletionCode } from '../api/request-deletion-code.ts';

const deleted: readonly MessageKey[] = [
  'deleteAccount.item.identity',
  'deleteAccount.item.records',
  'deleteAccount.item.checkIns',
  'deleteAccount.item.venues',
  'deleteAccount.item.family',
  'deleteAccount.item.accessLog',
  'deleteAccount.item.device',
];

/**
 * 注销账号. It cannot be undone, so the screen says first, in a list, what goes; offers the export before;
 * and deletes only with a fresh code sent for this to the account's phone and a ticked confirmation.
 */
export function DeleteAccountPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [invalid, setInvalid] = useState<'code' | 'confirm' | null>(null);
  const sendCode = useRequestDeletionCode();
  const remove = useDeleteAccount({ onDeleted: () => navigate('/account-deleted', { replace: true }) });

  function onSubmit(event: SyntheticEvent) {
    event.preventDefault();
    const problem = !otpCode.safeParse(code).success ? 'code' : !confirmed ? 'confirm' : null;
    setInvalid(problem);
    if (!problem) remove.mutate(code.trim());
  }

  const serverError = remove.error ?? sendCode.error;
  const busy = remove.isPending || sendCode.isPending;
  return (
    <main className="page">
      <PageHeader title={t('myData.delete')} backTo="/settings" />
      <section className="card danger-card" aria-labelledby="delete-warning">
        <h2 id="delete-warning">{t('deleteAccount.warning')}</h2>
        <p>{t('deleteAccount.intro')}</p>
        <ul>
          {deleted.map((item) => (
            <li key={item}>{t(item)}</li>
          ))}
        </ul>
        <p>
          <Link to="/settings">{t('deleteAccount.exportFirst')}</Link>
        </p>
      </section>
      <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="delete-title">
        <h2 id="delete-title">{t('myData.delete')}</h2>
        <button type="button" className="button button--secondary" onClick={() => sendCode.mutate()} disabled={busy}>
          {t('login.requestCode')}
        </button>
        <OneTimeCodeField label={t('login.code')} sent={sendCode.data} value={code} onValueChange={setCode} error={invalid === 'code' ? t('login.error.code') : null} />
        <label className="choice confirm-choice">
          <input
            type="checkbox"
            checked={confirmed}
            aria-invalid={invalid === 'confirm'}
            onChange={(event) => setConfirmed(event.target.checked)}
          />
          {t('deleteAccount.confirm')}
        </label>
        {invalid === 'confirm' && (
          <p className="field__error" role="alert">
            {t('deleteAccount.error.confirm')}
          </p>
        )}
        <FormError error={serverError} />
        <button type="submit" className="button button--danger" disabled={busy}>
          {remove.isPending ? t('app.loading') : t('deleteAccount.submit')}
        </button>
      </form>
    </main>
  );
}

/** Where a deleted account lands: no session needed, nothing of the account left to show. */
export function AccountDeletedPage() {
  const { t } = useI18n();
  return (
    <main className="page">
      <section className="card" role="status">
        <h1>{t('deleteAccount.done.title')}</h1>
        <p>{t('deleteAccount.done.body')}</p>
      </section>
      <Link to="/login" className="button button--primary">
        {t('login.title')}
      </Link>
    </main>
  );
}
