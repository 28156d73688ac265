import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../api/client.ts';
import { shouldRetryQuery } from '../../api/query-client.ts';
import type { Me } from '../../../core/contract/account.ts';
import { recordKeys } from '../record-keys.ts';

/** The server says no one is logged in on this device: the visitor must log in, retrying will not help. */
export class NoSession extends Error {
  constructor() {
    super('Log in first.');
    this.name = 'NoSession';
  }
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: recordKeys.me(),
    // The session probe answers 200 either way, so a first visit logs no failed request in the console.
    queryFn: async ({ signal }): Promise<Me> => {
      const session = await request('session', { signal });
      if (!session.citizen) throw new NoSession();
      return session;
    },
    retry: (failureCount, error) => !(error instanceof NoSession) && shouldRetryQuery(failureCount, error),
    // Asked again as a reader mounts only once stale, like every query: asking always fetched the session twice on a
    // first visit, for the session check and again as the panel's own readers mounted (Lighthouse's request list). A
    // cache restored at start is asked again as a whole (app.tsx), so a colour changed since shows at once.
  });

export const useMe = () => useQuery(meQueryOptions());

/** For the screens that show the household: a relative linked on another phone a moment ago shows here at once. */
export const useFreshMe = () => useQuery({ ...meQueryOptions(), refetchOnMount: 'always' });
