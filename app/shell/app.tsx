import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { createQueryClient } from '../api/query-client.ts';
import { I18nProvider } from '../i18n/i18n-provider.tsx';
import { TextSizeProvider } from '../ui/text-size.tsx';
import { ErrorBoundary } from './error-boundary.tsx';
import { router } from './router.tsx';

const queryClient = createQueryClient();

export function App() {
  return (
    <I18nProvider>
      <TextSizeProvider>
        <ErrorBoundary>
          <QueryClientProvider client={queryClient}>
            <RouterProvider router={router} />
          </QueryClientProvider>
        </ErrorBoundary>
      </TextSizeProvider>
    </I18nProvider>
  );
}
