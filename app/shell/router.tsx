import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/components/login-page.tsx';
import { FamilyPage } from '../features/family/components/family-page.tsx';
import { SettingsPage } from '../features/settings/components/settings-page.tsx';
import { TravellerCheckPage } from '../features/traveller-check/components/traveller-check-page.tsx';
import { VerifierPage } from '../features/verifier/components/verifier-page.tsx';
import { ScanPage } from '../features/venue-scan/components/scan-page.tsx';
import { HomePage } from './home-page.tsx';
import { RequireSession } from './require-session.tsx';

export const router = createBrowserRouter([
  { path: '/', element: <RequireSession>{(me) => <HomePage me={me} />}</RequireSession> },
  { path: '/login', element: <LoginPage /> },
  { path: '/scan', element: <RequireSession>{() => <ScanPage />}</RequireSession> },
  { path: '/settings', element: <SettingsPage /> },
  { path: '/traveller-check', element: <RequireSession>{(me) => <TravellerCheckPage me={me} />}</RequireSession> },
  // Staff check codes without an account of their own: keys and rules are public.
  { path: '/verify', element: <VerifierPage /> },
  { path: '/family', element: <RequireSession>{(me) => <FamilyPage me={me} />}</RequireSession> },
  { path: '*', element: <RequireSession>{(me) => <HomePage me={me} />}</RequireSession> },
]);
