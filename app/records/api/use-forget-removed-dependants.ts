import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Me } from '../../../core/contract/account.ts';
import { forgetSubject } from '../../offline/credential-store.ts';
import { recordKeys } from '../record-keys.ts';
import { removedDependants } from '../removed-dependants.ts';

/**
 * A relative gone from the household since the last `/me` (she removed her guardian on her own phone)
 * leaves this device too: her cached records, her credential and its device key, so that her code is not shown
 * from here offline either. Only removals are acted on: a relative just linked is never touched.
 */
export function useForgetRemovedDependants(me: Me | undefined): void {
  const queryClient = useQueryClient();
  const previous = useRef<Me['dependants'] | null>(null);
  useEffect(() => {
    if (!me) return;
    const gone = previous.current && previous.current !== me.dependants ? removedDependants(previous.current, me.dependants) : [];
    previous.current = me.dependants;
    for (const id of gone) {
      queryClient.removeQueries({ queryKey: recordKeys.citizen(id) });
      queryClient.removeQueries({ queryKey: recordKeys.credential(id) });
      void forgetSubject(id);
    }
  }, [me, queryClient]);
}
