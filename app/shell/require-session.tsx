import type { ReactNode } from 'react';
import { Navigate, useLocation } from '../navigation/navigation.tsx';
import type { Me } from '../../core/contract/account.ts';
import { NoSession, useMe } from '../records/api/get-me.ts';
import { useForgetRemovedDependants } from '../records/api/use-forget-removed-dependants.ts';
import { ErrorState, LoadingState } from '../ui/status-views.tsx';

/** Shows `children` with the logged-in citizen, or sends the visitor to log in and back here after. */
export function RequireSession({ children }: { children: (me: Me) => ReactNode }) {
  const location = useLocation();
  const me = useMe();
  useForgetRemovedDependants(me.data);
  if (me.data) return children(me.data);
  if (me.error instanceof NoSession) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.isError) {
    return (
      <main className="page">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  return (
    <main className="page">
      <LoadingState />
    </main>
  );
}
