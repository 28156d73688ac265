import { PersistQueryClientProvider, type Persister } from '@tanstack/react-query-persist-client';
import { Router } from '../navigation/navigation.tsx';
import { createQueryClient, shouldPersistQuery } from '../api/query-client.ts';
import { earlyCodeSettled, startEarlyCode } from '../features/health-code-panel/early-code.ts';
import { I18nProvider } from '../i18n/i18n-provider.tsx';
import { TextSizeProvider } from '../ui/text-size.tsx';
import { cachedRecordProblem, citizenOfCache } from '../offline/cached-records.ts';
import { cacheBuster, cacheMaxAgeMs } from '../offline/kept-code.ts';
import { createCitizenPersister } from '../offline/query-persister.ts';
import { BootCardFallback } from './boot-card-fallback.tsx';
import { ErrorBoundary } from './error-boundary.tsx';
import { registerOutboxKinds } from './outbox-kinds.ts';
import { OutboxSync } from './outbox-sync.tsx';
import { routes } from './router.tsx';
import { UpdatePrompt } from './update-prompt.tsx';

// First, so that IndexedDB is opened and the code signed while the rest of the app loads and renders; only
// when the page opened is the panel, which a phone opens at the door.
if (location.pathname === '/') startEarlyCode();
const queryClient = createQueryClient();
const citizenPersister = createCitizenPersister({
  citizenOf: (client) => citizenOfCache(client.clientState.queries),
  queryProblem: cachedRecordProblem,
  readAhead: true,
});
/**
 * The restored cache is handed over once the early code is signed too (it is made alongside, in well under
 * a second), so the panel's first frame holds the QR: painted on its own later, it cost another render, a
 * layout and the renders queued in between.
 */
const persister: Persister = {
  ...citizenPersister,
  restoreClient: async () => (await Promise.all([citizenPersister.restoreClient(), earlyCodeSettled(earlyCodeWaitMs)]))[0],
};
registerOutboxKinds();

/** The longest the restored panel waits for its early code; past it, the card signs its own as before. */
const earlyCodeWaitMs = 1_000;


export function App() {
  return (
    <I18nProvider>
      <TextSizeProvider>
        <BootCardFallback />
        <ErrorBoundary>
          <PersistQueryClientProvider
            client={queryClient}
            // The restored cache paints at once; it may lag the server (another device, or a page killed before
            // its pending write), so everything on screen is asked again as soon as it is shown (a no-op while offline).
            onSuccess={() => queryClient.invalidateQueries()}
            persistOptions={{
              persister,
              maxAge: cacheMaxAgeMs,
              buster: cacheBuster,
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
