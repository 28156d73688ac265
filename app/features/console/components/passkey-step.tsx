import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useConsoleText } from '../../../i18n/console-messages.ts';
import { usePasskeyStep } from '../api/operator-auth.ts';
import { passkeyErrorKey } from '../console-error.ts';

interface Step {
  next: 'register' | 'authenticate';
  options: Record<string, unknown>;
}

/** Step two: a passkey made on the first sign-in, used on every one after. The tap starts the ceremony (Safari wants a gesture). */
export function PasskeyStep({ step, onBack }: { step: Step; onBack: () => void }) {
  const c = useConsoleText();
  const passkey = usePasskeyStep();
  const register = step.next === 'register';
  const supported = browserSupportsWebAuthn();
  return (
    <main className="page console">
      <h1 className="console-login__title">{c(register ? 'console.passkey.registerTitle' : 'console.passkey.assertTitle')}</h1>
      <section className="card console-login__form">
        <p>{c(register ? 'console.passkey.registerIntro' : 'console.passkey.assertIntro')}</p>
        {!supported && (
          <p className="field__error" role="alert">
            {c('console.passkey.unsupported')}
          </p>
        )}
        {passkey.isPending && <p role="status">{c('console.passkey.working')}</p>}
        {passkey.isError && (
          <p className="field__error" role="alert">
            {c(passkeyErrorKey(passkey.error))}
          </p>
        )}
        <button type="button" className="button button--primary" disabled={!supported || passkey.isPending} onClick={() => passkey.mutate(step)}>
          {c(register ? 'console.passkey.register' : 'console.passkey.assert')}
        </button>
        <button type="button" className="button button--ghost" onClick={onBack}>
          {c('console.passkey.back')}
        </button>
      </section>
    </main>
  );
}
