import '../console.css';
import type { ReactElement } from 'react';
import type { Operator } from '../../../../core/contract/console.ts';
import { useConsoleText } from '../../../i18n/console-messages.ts';
import { Link, useLocation } from '../../../navigation/navigation.tsx';
import { LanguageToggle } from '../../../ui/language-toggle.tsx';
import { useOperatorLogout, useOperatorSession } from '../api/operator-auth.ts';
import { sectionOf, sectionPath, sectionsFor, type ConsoleSection } from '../console-sections.ts';
import { AntigenReviewQueue } from './antigen-review-queue.tsx';
import { AuditLog } from './audit-log.tsx';
import { ConsoleError, ConsoleLoading } from './console-status.tsx';
import { KioskLicences } from './kiosk-licences.tsx';
import { OperatorLogin } from './operator-login.tsx';
import { ProviderList } from './provider-list.tsx';
import { VenueReview } from './venue-review.tsx';

const screens: Record<ConsoleSection, () => ReactElement> = {
  venues: () => <VenueReview />,
  kiosks: () => <KioskLicences />,
  review: () => <AntigenReviewQueue />,
  providers: () => <ProviderList />,
  audit: () => <AuditLog />,
};

/** `/console` and its sections: the operator's sign-in until there is a session, then the section the address names. */
export function ConsolePage() {
  const session = useOperatorSession();
  if (session.isPending) return <main className="page console"><ConsoleLoading /></main>;
  if (session.isError) return <main className="page console"><ConsoleError error={session.error} onRetry={() => void session.refetch()} /></main>;
  if (!session.data.operator) return <OperatorLogin />;
  return <ConsoleShell operator={session.data.operator} />;
}

function ConsoleShell({ operator }: { operator: Operator }) {
  const c = useConsoleText();
  const { pathname } = useLocation();
  const logout = useOperatorLogout();
  const current = sectionOf(pathname, operator.role);
  const role = operator.role === 'city-admin' ? c('console.role.city-admin') : c('console.role.district-operator', { district: operator.district ?? '' });
  return (
    <div className="page console">
      <header className="console__top">
        <div>
          <h1>{c('console.title')}</h1>
          <p className="console__who">{c('console.signedInAs', { name: operator.name, role })}</p>
        </div>
        <div className="button-row">
          <LanguageToggle />
          <button type="button" className="button button--secondary" disabled={logout.isPending} onClick={() => logout.mutate()}>
            {c('console.signOut')}
          </button>
        </div>
      </header>
      <div className="console__body">
        <nav className="console__nav" aria-label={c('console.nav')}>
          <ul>
            {sectionsFor(operator.role).map((section) => (
              <li key={section}>
                <Link to={sectionPath(section)} className="button button--ghost" aria-current={section === current ? 'page' : undefined}>
                  {c(`console.section.${section}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main className="console__main">{screens[current]()}</main>
      </div>
    </div>
  );
}
