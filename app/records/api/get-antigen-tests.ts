import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../api/client.ts';
import type { AntigenTest } from '../../../core/contract/antigen.ts';
import { recordKeys } from '../record-keys.ts';

/** What of the results the signed code depends on: which count, at which level. */
const levels = (tests: readonly AntigenTest[]) => tests.map((test) => test.id + test.trust + (test.review?.decision ?? '')).join();

export const antigenTestsQueryOptions = (citizenId: string) =>
  queryOptions({
    queryKey: recordKeys.antigenTests(citizenId),
    queryFn: async ({ signal, client }) => {
      const fresh = await request('antigenTests', { params: { citizenId }, signal });
      // A reviewer's decision changes a level after upload: the code is fetched again to carry the new one.
      const held = client.getQueryData<typeof fresh>(recordKeys.antigenTests(citizenId));
      if (held && levels(held.antigenTests) !== levels(fresh.antigenTests)) void client.invalidateQueries({ queryKey: recordKeys.credential(citizenId) });
      return fresh;
    },
  });

export const useAntigenTests = (citizenId: string) => useQuery(antigenTestsQueryOptions(citizenId));
