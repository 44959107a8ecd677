import { useState } from 'react';
import { EMPTY_FILTER } from '../../server/domain/filters.ts';
import { AppHeader } from './components/app-header.tsx';
import { ColourBySwitch } from './components/colour-by-switch.tsx';
import { DashboardLayout, type DashboardPanels } from './components/dashboard-layout.tsx';
import { ExportMenu } from './components/export-menu.tsx';
import { FilterNotices } from './components/filter-notices.tsx';
import { FilterPanel } from './components/filter-panel.tsx';
import { KpiStrip } from './components/kpi-strip.tsx';
import { LanguageSwitch } from './components/language-switch.tsx';
import { Legend } from './components/legend.tsx';
import { LoadState } from './components/load-state.tsx';
import { MapView } from './components/map-view.tsx';
import { ParcelDetail } from './components/parcel-detail.tsx';
import { SignInForm } from './components/sign-in-form.tsx';
import { StatisticsPanel } from './components/statistics-panel.tsx';
import { UserMenu } from './components/user-menu.tsx';
import { LanguageProvider } from './i18n/language-provider.tsx';
import { useDashboardStatistics } from './state/use-dashboard-statistics.ts';
import { useFilterActions } from './state/use-filter-actions.ts';
import { useParcelDetail } from './state/use-parcel-detail.ts';
import { useParkData } from './state/use-park-data.ts';
import { useSession } from './state/use-session.ts';
import { useViewState } from './state/use-view-state.ts';
import { useWideLayout } from './state/use-wide-layout.ts';

/**
 * Composes the hooks (session, park data, URL view state, statistics, layout) with the panels. Every panel reads
 * the same statistics of the same filter; every change goes through the URL.
 */
export function App() {
  const auth = useSession();
  const park = useParkData(auth.session.status === 'signed-in', auth.expire);
  const data = park.data.status === 'ready' ? park.data.data : null;
  const view = useViewState(data?.villageCodes);
  const { filter, colourBy, measure, selectedParcelId, language, camera } = view.state;
  const statistics = useDashboardStatistics(data, filter);
  const detail = useParcelDetail(selectedParcelId, data?.asOf);
  const filterActions = useFilterActions(view, data?.villageCodes ?? []);
  const isWide = useWideLayout();
  const [activeTab, setActiveTab] = useState('overview');

  const user = auth.session.status === 'signed-in' && (
    <UserMenu user={auth.session.user} onSignOut={auth.signOut} />
  );
  const panels: DashboardPanels | null = data &&
    statistics && {
      colourBy: <ColourBySwitch value={colourBy} onChange={(axis) => view.update({ colourBy: axis })} />,
      legend: (
        <Legend
          axis={colourBy}
          total={statistics.byVillage.total}
          filter={filter}
          onToggleStatus={filterActions.toggleStatus}
        />
      ),
      filters: (
        <FilterPanel
          filter={filter}
          villages={data.villages}
          villageCodes={data.villageCodes}
          facets={statistics.villageFacets}
          axis={colourBy}
          onChange={filterActions.setFilter}
        />
      ),
      statistics: (
        <StatisticsPanel
          table={statistics.byVillage}
          measure={measure}
          villageNames={data.villageNames}
          onMeasureChange={(next) => view.update({ measure: next })}
        />
      ),
      detail: (
        <ParcelDetail
          detail={detail}
          measures={data.meta.measures}
          onClose={() => view.update({ selectedParcelId: null })}
        />
      ),
      exportLinks: <ExportMenu filter={filter} inline />,
      user,
    };

  return (
    <LanguageProvider language={language}>
      <DashboardLayout
        isWide={isWide}
        header={
          <AppHeader
            parkName={data ? (language === 'en' && data.meta.park.nameEn) || data.meta.park.name : null}
            asOf={data?.asOf ?? null}
            kpis={
              statistics &&
              data && (
                <KpiStrip
                  total={statistics.byVillage.total}
                  parcelCount={data.parcels.length}
                  measure={measure}
                />
              )
            }
            tools={
              <>
                {isWide && data && <ExportMenu filter={filter} />}
                {isWide && user}
                <LanguageSwitch onChange={(next) => view.update({ language: next })} />
              </>
            }
          />
        }
        map={
          <MapView
            input={{ data, filter, colourBy, selectedParcelId, language, camera }}
            callbacks={{
              onSelectParcel: (parcelId) => {
                view.update({ selectedParcelId: parcelId });
                if (parcelId !== null) setActiveTab('detail');
              },
              onToggleVillage: filterActions.toggleVillage,
              onCameraChange: view.writeCamera,
            }}
          >
            {auth.session.status === 'signed-out' ? (
              <SignInForm error={auth.session.error} onSignIn={auth.signIn} />
            ) : (
              park.data.status !== 'ready' && (
                <LoadState
                  error={park.data.status === 'error' ? park.data.error : null}
                  onRetry={park.retry}
                />
              )
            )}
            <FilterNotices
              problems={view.problems}
              empty={statistics !== null && statistics.byVillage.total.households === 0}
              onClear={() => filterActions.setFilter(EMPTY_FILTER)}
            />
          </MapView>
        }
        panels={panels}
        activeTab={activeTab}
        onTabChange={setActiveTab}
      />
    </LanguageProvider>
  );
}
