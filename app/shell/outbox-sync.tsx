import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { Me } from '../../core/contract/account.ts';
import { useOutboxSync } from '../offline/sync-context.tsx';
import { recordKeys } from '../records/record-keys.ts';

function SyncFor({ citizenId }: { citizenId: string }) {
  useOutboxSync(citizenId);
  return null;
}

/**
 * Keeps the outbox draining on every screen while someone is signed in (the upload screens too).
 * The citizen is read from the cached profile, without fetching it: RequireSession does that.
 */
export function OutboxSync() {
  const queryClient = useQueryClient();
  const citizenId = useSyncExternalStore(
    (listener) => queryClient.getQueryCache().subscribe(listener),
    () => queryClient.getQueryData<Me>(recordKeys.me())?.citizen.id,
  );
  return citizenId ? <SyncFor citizenId={citizenId} /> : null;
}
