import { useState, type SubmitEvent } from 'react';
import { providerScopes, type ProviderScope } from '../../../../core/contract/feeds.ts';
import { useConsoleText } from '../../../i18n/console-messages.ts';
import { TextField } from '../../../ui/text-field.tsx';
import { useAddProvider } from '../api/operator-work.ts';
import { checkProviderDraft, type ProviderFieldError } from '../provider-form.ts';
import { ConsoleFormError } from './console-status.tsx';

/** Adds a provider and shows its key once; the form keeps what was typed when the request fails. */
export function ProviderForm() {
  const c = useConsoleText();
  const add = useAddProvider();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ProviderScope[]>([]);
  const [errors, setErrors] = useState<ProviderFieldError[]>([]);
  const toggle = (scope: ProviderScope, on: boolean) => setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkProviderDraft({ name, scopes });
    setErrors(checked.ok ? [] : checked.errors);
    if (checked.ok) add.mutate(checked.value, { onSuccess: () => { setName(''); setScopes([]); } });
  };
  return (
    <section className="card" aria-labelledby="add-provider">
      <h2 id="add-provider">{c('console.providers.add')}</h2>
      {add.data && (
        <div className="console-item" role="status">
          <p>{c('console.providers.secretOnce', { name: add.data.provider.name })}</p>
          <code className="console-secret">{add.data.apiKey}</code>
          <button type="button" className="button button--secondary" onClick={() => add.reset()}>
            {c('console.providers.secretDone')}
          </button>
        </div>
      )}
      <form className="console-item" onSubmit={submit} noValidate>
        <TextField label={c('console.providers.name')} value={name} onValueChange={setName} maxLength={48} autoCapitalize="none"
          error={errors.includes('name') ? c('console.providers.nameInvalid') : null} />
        <fieldset className="console-item">
          <legend>{c('console.providers.scopeLabel')}</legend>
          {providerScopes.map((scope) => (
            <label key={scope} className="console-check">
              <input type="checkbox" checked={scopes.includes(scope)} onChange={(event) => toggle(scope, event.target.checked)} />
              <span>{c(`console.scope.${scope}`)}</span>
            </label>
          ))}
          {errors.includes('scopes') && <p className="field__error" role="alert">{c('console.providers.scopesRequired')}</p>}
        </fieldset>
        <ConsoleFormError error={add.error} />
        <button type="submit" className="button button--primary" disabled={add.isPending}>
          {c('console.providers.create')}
        </button>
      </form>
    </section>
  );
}
