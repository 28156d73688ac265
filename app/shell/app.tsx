import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { Router } from '../navigation/navigation.tsx';
import { createQueryClient, shouldPersistQuery } from '../api/query-client.ts';
import { antigenOutboxKind } from '../features/antigen/outbox-kind.ts';
import { checkInOutboxKind } from '../features/venue-scan/outbox-kind.ts';
import { I18nProvider } from '../i18n/i18n-provider.tsx';
import { TextSizeProvider } from '../ui/text-size.tsx';
import { cachedRecordProblem, citizenOfCache } from '../offline/cached-records.ts';
import { registerOutboxKind } from '../offline/outbox.ts';
import { createCitizenPersister } from '../offline/query-persister.ts';
import { ErrorBoundary } from './error-boundary.tsx';
import { OutboxSync } from './outbox-sync.tsx';
import { routes } from './router.tsx';
import { UpdatePrompt } from './update-prompt.tsx';

const queryClient = createQueryClient();
const persister = createCitizenPersister({
  citizenOf: (client) => citizenOfCache(client.clientState.queries),
  queryProblem: cachedRecordProblem,
});
registerOutboxKind(antigenOutboxKind);
registerOutboxKind(checkInOutboxKind);

/** A week, as long as queries are kept in memory: an old cache is better than none at the door. */
const cacheMaxAgeMs = 7 * 24 * 60 * 60 * 1000;

export function App() {
  return (
    <I18nProvider>
      <TextSizeProvider>
        <ErrorBoundary>
          <PersistQueryClientProvider
            client={queryClient}
            // The restored cache paints at once; it may lag the server (another device, or a page killed before
            // its pending write), so everything on screen is asked again as soon as it is shown (a no-op while offline).
            onSuccess={() => queryClient.invalidateQueries()}
            persistOptions={{
              persister,
              maxAge: cacheMaxAgeMs,
              buster: 'v1',
              dehydrateOptions: { shouldDehydrateQuery: shouldPersistQuery },
            }}
          >
            <UpdatePrompt />
            <OutboxSync />
            <Router routes={routes} />
          </PersistQueryClientProvider>
        </ErrorBoundary>
      </TextSizeProvider>
    </I18nProvider>
  );
}
