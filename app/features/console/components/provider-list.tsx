import '../../../ui/record-list.css';
import { useState } from 'react';
import { useConsoleText } from '../../../i18n/console-messages.ts';
import { formatDateTime } from '../../../i18n/shanghai-time.ts';
import { useOperatorProviders, useRevokeProvider } from '../api/operator-work.ts';
import { orderProviders } from '../provider-form.ts';
import { ConsoleFormError, QueryState } from './console-status.tsx';
import { ProviderForm } from './provider-form.tsx';

/** The data providers and their keys (what `npm run admin -- provider` does), for a city administrator. */
export function ProviderList() {
  const c = useConsoleText();
  const providers = useOperatorProviders();
  const revoke = useRevokeProvider();
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <>
      <ProviderForm />
      <section className="card" aria-labelledby="providers">
        <h2 id="providers">{c('console.providers.title')}</h2>
        <ConsoleFormError error={revoke.error} />
        <QueryState query={providers} empty={(data) => (data.providers.length === 0 ? c('console.providers.empty') : null)}>
          {(data) => (
            <ul className="record-list">
              {orderProviders(data.providers).map((provider) => (
                <li key={provider.name} className="record console-item">
                  <h3>{provider.name}</h3>
                  <p>{c('console.providers.scopes', { scopes: provider.scopes.map((scope) => c(`console.scope.${scope}`)).join('、') })}</p>
                  <p className="record__meta">
                    {provider.revokedAt
                      ? c('console.providers.revokedAt', { time: formatDateTime(provider.revokedAt) })
                      : c('console.providers.created', { time: formatDateTime(provider.createdAt) })}
                  </p>
                  {!provider.revokedAt && confirming === provider.name && <p role="alert">{c('console.providers.revokeConfirm', { name: provider.name })}</p>}
                  {!provider.revokedAt && (
                    <div className="button-row">
                      <button type="button" className="button button--danger" disabled={revoke.isPending}
                        onClick={() => (confirming === provider.name ? revoke.mutate(provider.name, { onSettled: () => setConfirming(null) }) : setConfirming(provider.name))}>
                        {confirming === provider.name ? c('console.kiosks.confirmYes') : c('console.providers.revoke')}
                      </button>
                      {confirming === provider.name && (
                        <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>
                          {c('console.refuse.cancel')}
                        </button>
                      )}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </section>
    </>
  );
}
