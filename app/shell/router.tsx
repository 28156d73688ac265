import { lazy, Suspense, type ReactElement } from 'react';
import type { Route } from '../navigation/navigation.tsx';
import type { Me } from '../../core/contract/account.ts';
import { venueCodePath } from '../../core/contract/venues.ts';
import { LoginPage } from '../features/auth/components/login-page.tsx';
import { LoadingState } from '../ui/status-views.tsx';
import { HomePage } from './home-page.tsx';
import { RequireSession } from './require-session.tsx';
import { CheckInResult, ScanPage } from './scan-screens.tsx';

// The antigen form (and its photo code) loads when opened; the service worker precaches it for offline.
const antigenPages = () => import('../features/antigen/components/antigen-upload-page.tsx');
const AntigenUploadPage = lazy(() => antigenPages().then((module) => ({ default: module.AntigenUploadPage })));
const AntigenSavedPage = lazy(() => antigenPages().then((module) => ({ default: module.AntigenSavedPage })));
const AntigenPositivePage = lazy(() => antigenPages().then((module) => ({ default: module.AntigenPositivePage })));
const loading = <LoadingState />;

// Place-code screens load on first use, keeping the panel's first load small; the service worker precaches them.
// The scan and result screens are preloaded by the panel (./scan-screens.tsx).
const CheckInPage = lazy(() => import('../features/venue-scan/components/check-in-page.tsx').then((m) => ({ default: m.CheckInPage })));
const CheckInHistory = lazy(() => import('../features/venue-scan/components/check-in-history.tsx').then((m) => ({ default: m.CheckInHistory })));
const VenueOwnerPage = lazy(() => import('../features/venue-owner/components/venue-owner-page.tsx').then((m) => ({ default: m.VenueOwnerPage })));
// The traveller check (with the rule engine) and the staff verifier load on first use; the service
// worker precaches them, so both still open offline.
const TravellerCheckPage = lazy(() => import('../features/traveller-check/components/traveller-check-page.tsx').then((m) => ({ default: m.TravellerCheckPage })));
const VerifierPage = lazy(() => import('../features/verifier/components/verifier-page.tsx').then((m) => ({ default: m.VerifierPage })));
// The 数字哨兵 kiosk: its own chunk, never in the panel's first load; the service worker precaches it for offline.
const KioskPage = lazy(() => import('../features/kiosk/components/kiosk-page.tsx').then((m) => ({ default: m.KioskPage })));
const VenuePoster = lazy(() => import('../features/venue-owner/components/venue-poster.tsx').then((m) => ({ default: m.VenuePoster })));
// Family and settings are a tap away from the panel, never on it: they stay out of its first load.
const FamilyPage = lazy(() => import('../features/family/components/family-page.tsx').then((m) => ({ default: m.FamilyPage })));
const SettingsPage = lazy(() => import('../features/settings/components/settings-page.tsx').then((m) => ({ default: m.SettingsPage })));
const AccessLogPage = lazy(() => import('../features/settings/components/access-log-page.tsx').then((m) => ({ default: m.AccessLogPage })));
const deletePages = () => import('../features/settings/components/delete-account-page.tsx');
const DeleteAccountPage = lazy(() => deletePages().then((m) => ({ default: m.DeleteAccountPage })));
const AccountDeletedPage = lazy(() => deletePages().then((m) => ({ default: m.AccountDeletedPage })));
// The operator console: staff only, never on a citizen's first load; its own chunk with the passkey library.
const ConsolePage = lazy(() => import('../features/console/components/console-page.tsx').then((m) => ({ default: m.ConsolePage })));
// A paper code is printed a couple of times a week at most: it loads when opened.
const PaperCodePage = lazy(() => import('../features/paper-code/components/paper-code-page.tsx').then((m) => ({ default: m.PaperCodePage })));

/** A lazily loaded screen behind the session check. */
const session = (screen: (me: Me) => ReactElement) => <RequireSession>{(me) => <Suspense fallback={loading}>{screen(me)}</Suspense>}</RequireSession>;

export const routes: readonly Route[] = [
  { path: '/', element: <RequireSession>{(me) => <HomePage me={me} />}</RequireSession> },
  { path: '/login', element: <LoginPage /> },
  { path: '/scan', element: session((me) => <ScanPage citizenId={me.citizen.id} />) },
  { path: venueCodePath, element: session((me) => <CheckInPage citizenId={me.citizen.id} />) },
  { path: '/check-ins', element: session((me) => <CheckInHistory citizenId={me.citizen.id} />) },
  { path: '/check-ins/:id', element: session((me) => <CheckInResult citizen={me.citizen} />) },
  { path: '/venues', element: session(() => <VenueOwnerPage />) },
  { path: '/venues/:number/poster', element: session(() => <VenuePoster />) },
  { path: '/settings', element: <Suspense fallback={loading}><SettingsPage /></Suspense> },
  { path: '/settings/access-log', element: session(() => <AccessLogPage />) },
  { path: '/settings/delete-account', element: session(() => <DeleteAccountPage />) },
  { path: '/account-deleted', element: <Suspense fallback={loading}><AccountDeletedPage /></Suspense> },
  { path: '/family', element: session((me) => <FamilyPage me={me} />) },
  { path: '/family/:id/paper', element: session(() => <PaperCodePage />) },
  { path: '/traveller-check', element: session((me) => <TravellerCheckPage me={me} />) },
  // Staff check codes without an account of their own: keys and rules are public.
  { path: '/verify', element: <Suspense fallback={loading}><VerifierPage /></Suspense> },
  // A paired kiosk has no citizen session: its pairing token, kept on the device, is its credential.
  { path: '/kiosk', element: <Suspense fallback={loading}><KioskPage /></Suspense> },
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
  // Operators have a session of their own, never a citizen's: the console checks it itself.
  { path: '/console', element: <Suspense fallback={loading}><ConsolePage /></Suspense> },
  { path: '/console/:section', element: <Suspense fallback={loading}><ConsolePage /></Suspense> },
  { path: '/antigen/saved', element: <Suspense fallback={loading}><AntigenSavedPage /></Suspense> },
  { path: '/antigen/positive', element: <Suspense fallback={loading}><AntigenPositivePage /></Suspense> },
  { path: '*', element: <RequireSession>{(me) => <HomePage me={me} />}</RequireSession> },
];
