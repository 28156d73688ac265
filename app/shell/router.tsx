import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/components/login-page.tsx';
import { FamilyPage } from '../features/family/components/family-page.tsx';
import { SettingsPage } from '../features/settings/components/settings-page.tsx';
import { TravellerCheckPage } from '../features/traveller-check/components/traveller-check-page.tsx';
import { VerifierPage } from '../features/verifier/components/verifier-page.tsx';
import { ScanPage } from '../features/venue-scan/components/scan-page.tsx';
import { HomePage } from './home-page.tsx';
import { RequireSession } from './require-session.tsx';
import { LoadingState } from '../ui/status-views.tsx';

// The antigen form (and its photo code) loads when opened; the service worker precaches it for offline.
const antigenPages = () => import('../features/antigen/components/antigen-upload-page.tsx');
const AntigenUploadPage = lazy(() => antigenPages().then((module) => ({ default: module.AntigenUploadPage })));
const AntigenSavedPage = lazy(() => antigenPages().then((module) => ({ default: module.AntigenSavedPage })));
const AntigenPositivePage = lazy(() => antigenPages().then((module) => ({ default: module.AntigenPositivePage })));
const loading = <LoadingState />;

export const router = createBrowserRouter([
  { path: '/', element: <RequireSession>{(me) => <HomePage me={me} />}</RequireSession> },
  { path: '/login', element: <LoginPage /> },
  { path: '/scan', element: <RequireSession>{() => <ScanPage />}</RequireSession> },
  { path: '/settings', element: <SettingsPage /> },
  { path: '/traveller-check', element: <RequireSession>{(me) => <TravellerCheckPage me={me} />}</RequireSession> },
  // Staff check codes without an account of their own: keys and rules are public.
  { path: '/verify', element: <VerifierPage /> },
  { path: '/family', element: <RequireSession>{(me) => <FamilyPage me={me} />}</RequireSession> },
  {
    path: '/antigen/new',
    element: (
      <RequireSession>
        {(me) => (
          <Suspense fallback={loading}>
            <AntigenUploadPage citizenId={me.citizen.id} />
          </Suspense>
        )}
      </RequireSession>
    ),
  },
  { path: '/antigen/saved', element: <Suspense fallback={loading}><AntigenSavedPage /></Suspense> },
  { path: '/antigen/positive', element: <Suspense fallback={loading}><AntigenPositivePage /></Suspense> },
  { path: '*', element: <RequireSession>{(me) => <HomePage me={me} />}</RequireSession> },
]);
