import { useState, type SubmitEvent } from 'react';
import { otpCode, phone as phoneSchema } from '../../../../core/contract/common.ts';
import { useConsoleText } from '../../../i18n/console-messages.ts';
import { TextField } from '../../../ui/text-field.tsx';
import { useDemoOperators, useOperatorCode, useOperatorVerify } from '../api/operator-auth.ts';
import '../console.css';
import { ConsoleFormError } from './console-status.tsx';
import { PasskeyStep } from './passkey-step.tsx';

/** Step one of the operator's sign-in: phone and text code; the passkey follows (./passkey-step.tsx). */
export function OperatorLogin() {
  const c = useConsoleText();
  const demo = useDemoOperators();
  const code = useOperatorCode();
  const verify = useOperatorVerify();
  const [phone, setPhone] = useState('');
  const [otp, setOtp] = useState('');
  const [fieldError, setFieldError] = useState<'phone' | 'code' | null>(null);

  if (verify.data) return <PasskeyStep step={verify.data} onBack={() => verify.reset()} />;

  const requestCode = (number: string) => {
    const valid = phoneSchema.safeParse(number).success;
    setFieldError(valid ? null : 'phone');
    if (!valid) return;
    code.mutate(number, { onSuccess: (sent) => sent.demoCode && setOtp(sent.demoCode) });
  };
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const invalid = !phoneSchema.safeParse(phone).success ? 'phone' : !otpCode.safeParse(otp).success ? 'code' : null;
    setFieldError(invalid);
    if (!invalid) verify.mutate({ phone, code: otp });
  };
  const pickDemo = async (number: string) => {
    setPhone(number);
    const sent = await code.mutateAsync(number).catch(() => undefined);
    if (!sent?.demoCode) return;
    setOtp(sent.demoCode);
    verify.mutate({ phone: number, code: sent.demoCode });
  };
  const busy = code.isPending || verify.isPending;

  return (
    <main className="page console">
      <h1 className="console-login__title">{c('console.login.title')}</h1>
      <p>{c('console.login.intro')}</p>
      <form className="card console-login__form" onSubmit={submit} noValidate>
        <TextField label={c('console.login.phone')} type="tel" inputMode="numeric" autoComplete="tel-national" maxLength={11} value={phone}
          onValueChange={(value) => setPhone(value.replace(/\D/g, ''))} error={fieldError === 'phone' ? c('console.login.error.phone') : null} />
        <div className="console-login__code-row">
          <TextField label={c('console.login.code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={otp}
            onValueChange={(value) => setOtp(value.replace(/\D/g, ''))} error={fieldError === 'code' ? c('console.login.error.code') : null} />
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => requestCode(phone)}>
            {c('console.login.requestCode')}
          </button>
        </div>
        {code.data && (
          <p className={code.data.demoCode ? 'console-login__demo-code' : 'console-login__code-sent'} role="status">
            {code.data.demoCode ? c('console.login.demoCode', { code: code.data.demoCode }) : c('console.login.codeSent')}
          </p>
        )}
        <ConsoleFormError error={verify.error ?? code.error} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {c(verify.isPending ? 'console.login.submitting' : 'console.login.submit')}
        </button>
      </form>
      {demo.data && demo.data.operators.length > 0 && (
        <section className="console-login__demo" aria-labelledby="demo-operators">
          <h2 id="demo-operators">{c('console.login.demo.title')}</h2>
          <p>{c('console.login.demo.note')}</p>
          <ul className="stacked-list">
            {demo.data.operators.map((operator) => (
              <li key={operator.phone}>
                <button type="button" className="button button--secondary" disabled={busy} onClick={() => void pickDemo(operator.phone)}>
                  {operator.district ? c('console.login.demo.operator', { district: operator.district, name: operator.name }) : c('console.login.demo.admin', { name: operator.name })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
