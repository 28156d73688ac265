import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../api/client.ts';
import { shouldRetryQuery } from '../../api/query-client.ts';
import type { Me } from '../../../core/contract.ts';
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
    // A restored cache may predate a colour change or a newly linked relative: check at every start.
    refetchOnMount: 'always',
  });

export const useMe = () => useQuery(meQueryOptions());
