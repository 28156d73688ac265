import './shell.css';
import { memo, useState } from 'react';
import { Link, useSearchParams } from '../navigation/navigation.tsx';
import type { Me, Profile } from '../../core/contract/account.ts';
import { AntigenPanel, AntigenSummaryLine } from '../features/antigen/components/antigen-tab.tsx';
import { LogoutButton } from '../features/auth/components/logout-button.tsx';
import { HealthCodeCard } from '../features/health-code-panel/components/health-code-card.tsx';
import { ItineraryPanel, ItinerarySummaryLine } from '../features/itinerary/components/itinerary-tab.tsx';
import { PcrPanel, PcrSummaryLine } from '../features/pcr/components/pcr-tab.tsx';
import { LanguageToggle } from '../ui/language-toggle.tsx';
import { VaccinePanel, VaccineSummaryLine } from '../features/vaccine/components/vaccine-tab.tsx';
import { useI18n } from '../i18n/i18n-provider.tsx';
import { SyncedAt, SyncStatus } from '../offline/sync-status.tsx';
import { useAntigenTests } from '../records/api/get-antigen-tests.ts';
import { useItinerary } from '../records/api/get-itinerary.ts';
import { useMe } from '../records/api/get-me.ts';
import { usePcrTests } from '../records/api/get-pcr-tests.ts';
import { useVaccinations } from '../records/api/get-vaccinations.ts';
import { Tabs } from '../ui/tabs.tsx';
import { useNow } from '../ui/use-now.ts';
import { ProfileSwitcher } from './profile-switcher.tsx';
import { usePrefetchScanner } from './scan-screens.tsx';

type RecordTab = 'vaccine' | 'pcr' | 'itinerary' | 'antigen';

const recordQueries = { vaccine: useVaccinations, pcr: usePcrTests, itinerary: useItinerary, antigen: useAntigenTests } as const satisfies Record<
  RecordTab,
  (citizenId: string) => { dataUpdatedAt: number }
>;

/*
 * When the profile and each record were last fetched is read in these small components, not by the panel: five
 * queries land one after another at start, and each would otherwise render the whole panel again.
 */
function PanelSyncStatus({ citizenId }: { citizenId: string }) {
  const meUpdatedAt = useMe().dataUpdatedAt;
  const updated = [
    useVaccinations(citizenId).dataUpdatedAt,
    usePcrTests(citizenId).dataUpdatedAt,
    useItinerary(citizenId).dataUpdatedAt,
    useAntigenTests(citizenId).dataUpdatedAt,
  ];
  return <SyncStatus dataSyncedAt={Math.max(meUpdatedAt, ...updated)} />;
}

function PanelCodeCard({ profile, now, onCodeSettled }: { profile: Profile; now: number; onCodeSettled: () => void }) {
  const { dataUpdatedAt } = useMe();
  return <HealthCodeCard profile={profile} refreshedAt={dataUpdatedAt || now} onCodeSettled={onCodeSettled} />;
}

function TabSyncedAt({ tab, citizenId }: { tab: RecordTab; citizenId: string }) {
  // One hook per instance: `tab` never changes for a mounted tab panel, so the call order is stable.
  const useRecords = recordQueries[tab];
  return <SyncedAt at={useRecords(citizenId).dataUpdatedAt} />;
}

/**
 * The 随申码 panel: the code card on top, the four record tabs under it, 扫一扫 within thumb reach. Memoised:
 * the session's query renders RequireSession again as it is refetched, with the same `me` when nothing changed.
 */
export const HomePage = memo(function HomePage({ me }: { me: Me }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<RecordTab>('pcr');
  const now = useNow(60_000);
  const prefetchScanner = usePrefetchScanner();
  const [searchParams, setSearchParams] = useSearchParams();
  const dependant = me.dependants.find((profile) => profile.id === searchParams.get('who'));
  const citizen = dependant ?? me.citizen;
  const citizenId = citizen.id;
  const showProfile = (id: string) => {
    setSearchParams(id === me.citizen.id ? {} : { who: id }, { replace: true });
  };

  return (
    <div className="home">
      <header className="top-bar">
        <span className="top-bar__brand">{t('app.subtitle')}</span>
        <LanguageToggle />
        <Link to="/settings" className="button button--ghost">
          {t('panel.settings')}
        </Link>
      </header>
      <main className="page page--panel">
        <ProfileSwitcher me={me} selectedId={citizenId} onSelect={showProfile} />
        {dependant && (
          <p className="notice" role="status">
            {t('panel.dependantBanner', { name: dependant.maskedName })}
          </p>
        )}
        <PanelSyncStatus citizenId={citizenId} />
        <PanelCodeCard profile={citizen} now={now} onCodeSettled={prefetchScanner} />
        <Tabs<RecordTab>
          label={t('panel.tabs')}
          selected={tab}
          onSelect={setTab}
          items={[
            {
              id: 'vaccine',
              label: t('tab.vaccine'),
              summary: <VaccineSummaryLine citizenId={citizenId} />,
              panel: (
                <>
                  <TabSyncedAt tab="vaccine" citizenId={citizenId} />
                  <VaccinePanel citizenId={citizenId} />
                </>
              ),
            },
            {
              id: 'pcr',
              label: t('tab.pcr'),
              summary: <PcrSummaryLine citizenId={citizenId} now={now} />,
              panel: (
                <>
                  <TabSyncedAt tab="pcr" citizenId={citizenId} />
                  <PcrPanel citizenId={citizenId} now={now} />
                </>
              ),
            },
            {
              id: 'itinerary',
              label: t('tab.itinerary'),
              summary: <ItinerarySummaryLine citizenId={citizenId} now={now} />,
              panel: (
                <>
                  <TabSyncedAt tab="itinerary" citizenId={citizenId} />
                  <ItineraryPanel citizenId={citizenId} now={now} />
                </>
              ),
            },
            {
              id: 'antigen',
              label: t('tab.antigen'),
              summary: <AntigenSummaryLine citizenId={citizenId} now={now} />,
              panel: (
                <>
                  <TabSyncedAt tab="antigen" citizenId={citizenId} />
                  <AntigenPanel citizenId={citizenId} />
                </>
              ),
            },
          ]}
        />
        <Link to="/family" className="button button--secondary">
          {t('panel.family')}
        </Link>
        <LogoutButton />
      </main>
      <nav className="action-bar" aria-label={t('app.title')}>
        <Link to="/scan" className="button button--primary button--scan">
          {t('panel.scan')}
        </Link>
      </nav>
    </div>
  );
});
