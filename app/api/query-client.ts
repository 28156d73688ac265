import { QueryClient, type Query } from '@tanstack/react-query';
import { ApiError } from './client.ts';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: {
      /**
       * false keeps a query out of the cache persisted for offline use: data with a store of its own
       * (the outbox), or data that must never be shown stale (a paper code's dates).
       */
      persist?: boolean;
    };
  }
}

/** What the persisted cache keeps: answers that arrived, unless their query opted out. */
export function shouldPersistQuery(query: Pick<Query, 'meta' | 'state'>): boolean {
  return query.state.status === 'success' && query.meta?.persist !== false;
}

/** Errors that retrying cannot fix: the request itself is wrong or the user must log in. */
function isFinal(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  return !isFinal(error) && failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        gcTime: 7 * 24 * 60 * 60 * 1000,
        retry: shouldRetryQuery,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
