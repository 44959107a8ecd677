import { useMemo, useRef, useState } from 'react';
import { EMPTY_FILTER, matchesFilter } from '../../server/domain/filters.ts';
import type { ParcelSummary } from '../../server/domain/parcel.ts';
import { canBulkChange, canManageProblems } from '../../server/domain/users.ts';
import { FairnessPanel } from './compensation/fairness-panel.tsx';
import { ParcelCompensation } from './compensation/parcel-compensation.tsx';
import { RateTablePanel } from './compensation/rate-table-panel.tsx';
import { AppHeader } from './components/app-header.tsx';
import { BulkChangeButton } from './components/bulk-change-button.tsx';
import { ChangeFeed } from './components/change-feed.tsx';
import { ColourBySwitch } from './components/colour-by-switch.tsx';
import { DashboardLayout, type DashboardPanels } from './components/dashboard-layout.tsx';
import { ExportMenu } from './components/export-menu.tsx';
import { type FieldDialog, FieldDialogs } from './components/field-dialogs.tsx';
import { FilterNotices } from './components/filter-notices.tsx';
import { FilterPanel } from './components/filter-panel.tsx';
import { KpiStrip } from './components/kpi-strip.tsx';
import { LanguageSwitch } from './components/language-switch.tsx';
import { Legend } from './components/legend.tsx';
import { LoadState } from './components/load-state.tsx';
import { MapView } from './components/map-view.tsx';
import { ParcelActions } from './components/parcel-actions.tsx';
import { ParcelDetail } from './components/parcel-detail.tsx';
import { ParcelHistory } from './components/parcel-history.tsx';
import { ParcelSearch } from './components/parcel-search.tsx';
import { ProblemsPanel } from './components/problems-panel.tsx';
import { SignInForm } from './components/sign-in-form.tsx';
import { StatisticsPanel } from './components/statistics-panel.tsx';
import { TimeSlider } from './components/time-slider.tsx';
import { Toast } from './components/toast.tsx';
import { UserMenu } from './components/user-menu.tsx';
import { LanguageProvider } from './i18n/language-provider.tsx';
import { languageTools } from './i18n/use-language.ts';
import { ImportPanel } from './import/import-panel.tsx';
import type { ParkMap } from './map/park-map.ts';
import { parcelIndexOf } from './state/park-data.ts';
import { activeProblemsByParcel, countProblemsByStatus, knownAssignees } from './state/problem-list.ts';
import { useDashboardStatistics } from './state/use-dashboard-statistics.ts';
import { fieldActions } from './state/use-field-actions.ts';
import { useFieldUpdates } from './state/use-field-updates.ts';
import { useFilterActions } from './state/use-filter-actions.ts';
import { usePanelsAfterMap } from './state/use-panels-after-map.ts';
import { useParcelDetail } from './state/use-parcel-detail.ts';
import { useParcelHistory } from './state/use-parcel-history.ts';
import { useParkData } from './state/use-park-data.ts';
import { useSession } from './state/use-session.ts';
import { useToast } from './state/use-toast.ts';
import { useViewState } from './state/use-view-state.ts';
import { useWideLayout } from './state/use-wide-layout.ts';

const NO_PARCELS: readonly ParcelSummary[] = [];
const NO_PARCEL_INDEX: ReadonlyMap<number, number> = new Map();
const NO_VILLAGES: readonly string[] = [];

/**
 * Composes the hooks (session, park data, live field updates, URL view state, statistics, layout) with the panels.
 * Every panel reads the same statistics of the same filter; every view change goes through the URL; every write's
 * answer and every pushed change go through `useFieldUpdates`.
 */
export function App() {
  const auth = useSession();
  const park = useParkData(auth.session.status === 'signed-in', auth.expire);
  const data = park.data.status === 'ready' ? park.data.data : null;
  // The map takes the park first; everything else once its parcels are on screen (`usePanelsAfterMap`).
  const mapFirst = usePanelsAfterMap(data !== null);
  const panelData = mapFirst.panelsReady ? data : null;
  const live = useFieldUpdates(park, mapFirst.panelsReady);
  const view = useViewState(data?.villageCodes);
  const { filter, colourBy, measure, selectedParcelId, language, camera } = view.state;
  const statistics = useDashboardStatistics(panelData, filter);
  const filterActions = useFilterActions(view, data?.villageCodes ?? []);
  const isWide = useWideLayout();
  const [activeTab, setActiveTab] = useState('overview');
  const [dialog, setDialog] = useState<FieldDialog>(null);
  const toast = useToast();
  const mapRef = useRef<ParkMap | null>(null);

  const parcels = data?.parcels ?? NO_PARCELS;
  // Ids keep their geometry order while summaries are replaced: the index is built once per park.
  const parcelIndex = data ? parcelIndexOf(data.geometry) : NO_PARCEL_INDEX;
  const findParcel = (parcelId: number) => {
    const index = parcelIndex.get(parcelId);
    return index === undefined ? undefined : parcels[index];
  };
  const selected = selectedParcelId === null ? undefined : findParcel(selectedParcelId);
  const detail = useParcelDetail(selectedParcelId, selected?.version);
  const { problems } = live.problems;
  const activeProblems = useMemo(() => activeProblemsByParcel(problems), [problems]);
  const problemsById = useMemo(() => new Map(problems.map((problem) => [problem.id, problem])), [problems]);
  const selectedProblems = (selectedParcelId !== null && activeProblems.get(selectedParcelId)) || [];
  const historyKey = selected
    ? `${selected.version}|${problems
        .filter((problem) => problem.parcelId === selected.id)
        .map((problem) => `${problem.id}.${problem.version}`)
        .join(',')}`
    : null;
  const history = useParcelHistory(selectedParcelId, historyKey);
  const visibleParcels = useMemo(
    () => (data ? data.parcels.filter((parcel) => matchesFilter(parcel, filter)) : NO_PARCELS),
    [data, filter],
  );

  const user = auth.session.status === 'signed-in' ? auth.session.user : null;
  const homeVillages = user?.role === 'team' ? user.villages : NO_VILLAGES;
  const csrfToken = auth.session.status === 'signed-in' ? auth.session.csrfToken : '';
  const actions = fieldActions(csrfToken, live.apply, auth.expire);
  const tools = languageTools(language);
  const placeOf = (parcel: ParcelSummary) => {
    const village = data?.villageNames.get(parcel.village);
    return `${village ? tools.label(village) : parcel.village} · ${parcel.group}`;
  };

  /** A search result, a feed entry or a problem: select the household and fly the map to it. */
  const focusParcel = (parcelId: number) => {
    view.update({ selectedParcelId: parcelId });
    setActiveTab('detail');
    mapRef.current?.flyToParcel(parcelId);
  };

  const userMenu = user && <UserMenu user={user} onSignOut={auth.signOut} />;
  const villageNames = data?.villageNames ?? new Map<string, { zh: string; en: string }>();
  const panels: DashboardPanels | null = data &&
    statistics &&
    user && {
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
        <>
          <StatisticsPanel
            table={statistics.byVillage}
            measure={measure}
            villageNames={data.villageNames}
            onMeasureChange={(next) => view.update({ measure: next })}
          />
          {user.role === 'hq' && <RateTablePanel csrfToken={csrfToken} language={language} />}
          {user.role === 'hq' && (
            <ImportPanel
              csrfToken={csrfToken}
              language={language}
              villageNames={data.villages.features.map((village) => village.properties.name)}
              onImported={park.retry}
            />
          )}
          {(user.role === 'hq' || user.role === 'viewer') && (
            <FairnessPanel
              language={language}
              reloadKey={String(statistics.byVillage.total.signedHouseholds)}
              onSelectParcel={(parcelId) => view.update({ selectedParcelId: parcelId })}
            />
          )}
        </>
      ),
      detail: (
        <ParcelDetail
          detail={detail}
          measures={data.meta.measures}
          onClose={() => view.update({ selectedParcelId: null })}
          actions={
            selected && (
              <ParcelActions
                user={user}
                parcel={selected}
                activeProblems={selectedProblems}
                onChangeStatus={() => setDialog({ kind: 'transition', parcelId: selected.id })}
                onReportProblem={() => setDialog({ kind: 'report', parcelId: selected.id })}
              />
            )
          }
          compensation={
            selected && (
              <ParcelCompensation parcelId={selected.id} version={selected.version} language={language} />
            )
          }
          history={<ParcelHistory history={history} problemsById={problemsById} />}
        />
      ),
      selectedParcelId,
      exportLinks: <ExportMenu filter={filter} inline />,
      user: userMenu,
      search: (
        <ParcelSearch
          parcels={data.parcels}
          villageNames={data.villageNames}
          preferredVillages={homeVillages}
          onSelect={focusParcel}
        />
      ),
      bulk: canBulkChange(user).allowed && (
        <BulkChangeButton count={visibleParcels.length} onOpen={() => setDialog({ kind: 'bulk' })} />
      ),
      feed: (
        <ChangeFeed
          events={live.feed.events}
          stream={live.stream}
          findParcel={findParcel}
          villageNames={villageNames}
          onSelectParcel={focusParcel}
          showTitle={!isWide}
        />
      ),
      problems: (
        <ProblemsPanel
          problems={problems}
          canManage={canManageProblems(user).allowed}
          findParcel={findParcel}
          villageNames={villageNames}
          onSelectParcel={focusParcel}
          onAction={(problem, action) => setDialog({ kind: 'problem', problemId: problem.id, action })}
          showTitle={!isWide}
        />
      ),
      openProblems: countProblemsByStatus(problems).open,
    };

  return (
    <LanguageProvider language={language}>
      <DashboardLayout
        isWide={isWide}
        header={
          <AppHeader
            parkName={
              panelData ? (language === 'en' && panelData.meta.park.nameEn) || panelData.meta.park.name : null
            }
            asOf={panelData?.asOf ?? null}
            kpis={
              statistics &&
              panelData && (
                <KpiStrip
                  total={statistics.byVillage.total}
                  parcelCount={panelData.parcels.length}
                  measure={measure}
                />
              )
            }
            tools={
              <>
                {panelData && (
                  <a
                    className="button app-header__report"
                    href={language === 'en' ? '/report?lang=en' : '/report'}
                    title={tools.t('dailyReportLinkTitle')}
                    data-testid="daily-report-link"
                  >
                    {tools.t('dailyReportLink')}
                  </a>
                )}
                {isWide && panelData && <ExportMenu filter={filter} />}
                {isWide && userMenu}
                <LanguageSwitch onChange={(next) => view.update({ language: next })} />
              </>
            }
          />
        }
        map={
          <MapView
            input={{ data, filter, colourBy, selectedParcelId, language, camera, problems, homeVillages }}
            mapRef={mapRef}
            callbacks={{
              onSelectParcel: (parcelId) => {
                view.update({ selectedParcelId: parcelId });
                if (parcelId !== null) setActiveTab('detail');
              },
              onToggleVillage: filterActions.toggleVillage,
              onCameraChange: view.writeCamera,
              onParcelsShown: mapFirst.onParcelsShown,
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
            {panelData && (
              <TimeSlider
                parcelCount={panelData.parcels.length}
                geometryRevision={panelData.geometryRevision}
                mapRef={mapRef}
                onStale={park.retry}
                onUnauthorised={auth.expire}
              />
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
        overlays={
          <>
            {user && data && (
              <FieldDialogs
                dialog={dialog}
                user={user}
                actions={actions}
                colourBy={colourBy}
                visibleParcels={visibleParcels}
                problems={problems}
                assignees={knownAssignees(problems)}
                findParcel={findParcel}
                placeOf={placeOf}
                onClose={() => setDialog(null)}
                onDone={(message) => {
                  setDialog(null);
                  toast.show(message);
                }}
              />
            )}
            <Toast toast={toast.toast} onDismiss={toast.dismiss} />
          </>
        }
      />
    </LanguageProvider>
  );
}
