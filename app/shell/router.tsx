import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { venueCodePath } from '../api/contract.ts';
import { LoginPage } from '../features/auth/components/login-page.tsx';
import { FamilyPage } from '../features/family/components/family-page.tsx';
import { SettingsPage } from '../features/settings/components/settings-page.tsx';
import { LoadingState } from '../ui/status-views.tsx';
import { HomePage } from './home-page.tsx';
import { RequireSession } from './require-session.tsx';

// Place-code screens load on first use, keeping the panel's first load small; the service worker precaches them.
const ScanPage = lazy(() => import('../features/venue-scan/components/scan-page.tsx').then((m) => ({ default: m.ScanPage })));
const CheckInPage = lazy(() => import('../features/venue-scan/components/check-in-page.tsx').then((m) => ({ default: m.CheckInPage })));
const CheckInResult = lazy(() => import('../features/venue-scan/components/check-in-result.tsx').then((m) => ({ default: m.CheckInResult })));
const CheckInHistory = lazy(() => import('../features/venue-scan/components/check-in-history.tsx').then((m) => ({ default: m.CheckInHistory })));
const VenueOwnerPage = lazy(() => import('../features/venue-owner/components/venue-owner-page.tsx').then((m) => ({ default: m.VenueOwnerPage })));
const VenuePoster = lazy(() => import('../features/venue-owner/components/venue-poster.tsx').then((m) => ({ default: m.VenuePoster })));

function Lazy({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <main className="page">
          <LoadingState />
        </main>
      }
    >
      {children}
    </Suspense>
  );
}

export const router = createBrowserRouter([
  { path: '/', element: <RequireSession>{(me) => <HomePage me={me} />}</RequireSession> },
  { path: '/login', element: <LoginPage /> },
  { path: '/scan', element: <RequireSession>{(me) => <Lazy><ScanPage citizenId={me.citizen.id} /></Lazy>}</RequireSession> },
  { path: venueCodePath, element: <RequireSession>{(me) => <Lazy><CheckInPage citizenId={me.citizen.id} /></Lazy>}</RequireSession> },
  { path: '/check-ins', element: <RequireSession>{(me) => <Lazy><CheckInHistory citizenId={me.citizen.id} /></Lazy>}</RequireSession> },
  { path: '/check-ins/:id', element: <RequireSession>{(me) => <Lazy><CheckInResult citizen={me.citizen} /></Lazy>}</RequireSession> },
  { path: '/venues', element: <RequireSession>{() => <Lazy><VenueOwnerPage /></Lazy>}</RequireSession> },
  { path: '/venues/:number/poster', element: <RequireSession>{() => <Lazy><VenuePoster /></Lazy>}</RequireSession> },
  { path: '/settings', element: <SettingsPage /> },
  { path: '/family', element: <RequireSession>{(me) => <FamilyPage me={me} />}</RequireSession> },
  { path: '*', element: <RequireSession>{(me) => <HomePage me={me} />}</RequireSession> },
]);
