import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { recordKeys } from '../../../records/record-keys.ts';

/**
 * How often an open panel asks again: a lab's result or a colour decision shows within a minute,
 * this period plus the request.
 */
export const panelRefreshMs = 45_000;

/**
 * Keeps the panel's colour and records current while it is open and online, and asks at once when
 * the app comes back to the foreground: a phone taken out of a pocket must not show yesterday's colour.
 * Queries within their stale time would not refetch on focus by themselves, hence the invalidation.
 */
export function usePanelRefresh(citizenId: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState !== 'visible' || !navigator.onLine) return;
      void queryClient.invalidateQueries({ queryKey: recordKeys.me() });
      void queryClient.invalidateQueries({ queryKey: recordKeys.citizen(citizenId) });
    };
    const timer = setInterval(refresh, panelRefreshMs);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [queryClient, citizenId]);
}
