import '../auth.css';
import { useState, type SyntheticEvent } from 'react';
import { useNavigate, useSearchParams } from '../../../navigation/navigation.tsx';
import type { DemoAccount } from '../../../../core/contract/account.ts';
import { otpCode, phone as phoneSchema } from '../../../../core/contract/common.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { errorMessage } from '../../../ui/error-message.ts';
import { TextField } from '../../../ui/text-field.tsx';
import { useDemoAccounts } from '../api/get-demo-accounts.ts';
import { useLogin } from '../api/login.ts';
import { useRequestOtp } from '../api/request-otp.ts';

/** Only same-app paths may be a post-login destination, so a crafted link cannot send anyone elsewhere. */
export function safeNextPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const demoAccounts = useDemoAccounts();
  const otp = useRequestOtp();
  const login = useLogin();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<'phone' | 'code' | null>(null);

  const done = () => navigate(next, { replace: true });

  function onRequestCode() {
    if (!phoneSchema.safeParse(phone).success) {
      setFieldError('phone');
      return;
    }
    setFieldError(null);
    otp.mutate(phone.trim());
  }

  function onSubmit(event: SyntheticEvent) {
    event.preventDefault();
    const invalid = !phoneSchema.safeParse(phone).success ? 'phone' : !otpCode.safeParse(code).success ? 'code' : null;
    setFieldError(invalid);
    if (invalid) return;
    login.mutate({ phone: phone.trim(), code: code.trim() }, { onSuccess: done });
  }

  async function onDemo(account: DemoAccount) {
    setPhone(account.phone);
    const sent = await otp.mutateAsync(account.phone).catch(() => undefined);
    if (!sent?.demoCode) return;
    setCode(sent.demoCode);
    login.mutate({ phone: account.phone, code: sent.demoCode }, { onSuccess: done });
  }

  const serverError = login.error ?? otp.error;
  const serverMessage = serverError ? errorMessage(serverError) : null;
  const busy = login.isPending || otp.isPending;

  return (
    <main className="page login">
      <h1 className="login__title">{t('login.title')}</h1>
      <form className="card login__form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('login.phone')}
          type="tel"
          inputMode="numeric"
          autoComplete="tel-national"
          maxLength={11}
          placeholder={t('login.phone.placeholder')}
          value={phone}
          onValueChange={(value) => setPhone(value.replace(/\D/g, ''))}
          error={fieldError === 'phone' ? t('login.error.phone') : null}
        />
        <div className="login__code-row">
          <TextField
            label={t('login.code')}
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            placeholder={t('login.code.placeholder')}
            value={code}
            onValueChange={(value) => setCode(value.replace(/\D/g, ''))}
          />
          <button type="button" className="button button--secondary" onClick={onRequestCode} disabled={busy}>
            {t('login.requestCode')}
          </button>
        </div>
        {fieldError === 'code' && (
          <p className="field__error" role="alert">
            {t('login.error.code')}
          </p>
        )}
        {otp.data && (
          <p className={otp.data.demoCode ? 'login__demo-code' : 'login__code-sent'} role="status">
            {otp.data.demoCode ? t('login.demoCode', { code: otp.data.demoCode }) : t('login.codeSent')}
          </p>
        )}
        {serverMessage && (
          <p className="field__error" role="alert">
            {t(serverMessage.key, serverMessage.values)}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {login.isPending ? t('login.submitting') : t('login.submit')}
        </button>
      </form>

      {demoAccounts.isSuccess && demoAccounts.data.accounts.length > 0 && (
        <section className="login__demo" aria-labelledby="demo-title">
          <h2 id="demo-title">{t('login.demo.title')}</h2>
          <ul className="stacked-list">
            {demoAccounts.data.accounts.map((account) => (
              <li key={account.phone}>
                <DemoAccountButton account={account} disabled={busy} onPick={() => void onDemo(account)} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="login__privacy">{t('login.privacy')}</p>
    </main>
  );
}

function DemoAccountButton({ account, disabled, onPick }: { account: DemoAccount; disabled: boolean; onPick: () => void }) {
  const { t, language } = useI18n();
  return (
    <button type="button" className={`demo-account demo-account--${account.colour}`} disabled={disabled} onClick={onPick}>
      <span className="demo-account__name">
        {t('login.demo.account', { name: account.maskedName, colour: t(`colour.${account.colour}`) })}
      </span>
      <span className="demo-account__note">{account.note[language]}</span>
    </button>
  );
}

