import { type ReactNode, useEffect, useRef } from 'react';
import { BottomSheet, type SheetTab } from './bottom-sheet.tsx';
import { MapDock } from './map-dock.tsx';
import { SidePanel } from './side-panel.tsx';

/** Every panel, built once by the app and placed by the layout. */
export interface DashboardPanels {
  colourBy: ReactNode;
  legend: ReactNode;
  filters: ReactNode;
  statistics: ReactNode;
  detail: ReactNode;
  /** The selected household: its detail comes first. */
  selectedParcelId: number | null;
  /** Export links shown inline (the wall screen has them in the header instead). */
  exportLinks: ReactNode;
  user: ReactNode;
  /** 查找户: top of the left panel on a wall screen, over the map on a phone. */
  search: ReactNode;
  /** hq only: change every parcel the filter shows. */
  bulk: ReactNode;
  feed: ReactNode;
  problems: ReactNode;
  openProblems: number;
}

function phoneTabs(panels: DashboardPanels): SheetTab[] {
  return [
    {
      id: 'overview',
      title: 'tabOverview',
      content: (
        <>
          {panels.colourBy}
          {panels.legend}
          <div className="panel-section">{panels.user}</div>
        </>
      ),
    },
    {
      id: 'filters',
      title: 'tabFilters',
      content: (
        <>
          {panels.filters}
          {panels.bulk}
        </>
      ),
    },
    {
      id: 'statistics',
      title: 'tabStatistics',
      content: (
        <>
          {panels.statistics}
          {panels.exportLinks}
        </>
      ),
    },
    { id: 'detail', title: 'tabDetail', content: panels.detail },
    { id: 'feed', title: 'tabFeed', content: <div className="panel-section">{panels.feed}</div> },
    {
      id: 'problems',
      title: 'tabProblems',
      badge: panels.openProblems,
      content: <div className="panel-section">{panels.problems}</div>,
    },
  ];
}

/** The right panel scrolls back to the top when another household is selected, where its detail now is. */
function RightPanel({ panels }: { panels: DashboardPanels }) {
  const ref = useRef<HTMLDivElement>(null);
  const { selectedParcelId } = panels;
  useEffect(() => {
    if (selectedParcelId !== null) ref.current?.closest('.side-panel')?.scrollTo({ top: 0 });
  }, [selectedParcelId]);
  const hasSelection = selectedParcelId !== null;
  return (
    <div ref={ref} className="side-panel__stack">
      {hasSelection && panels.detail}
      {panels.statistics}
      {!hasSelection && panels.detail}
    </div>
  );
}

/**
 * Wall screen: the map fills the screen under the header, panels float at its left and right edges, the feed and
 * the problems in a dock between them. Phone: the map on top with the search over it, the panels as bottom tabs.
 */
export function DashboardLayout({
  isWide,
  header,
  map,
  panels,
  activeTab,
  onTabChange,
  overlays,
}: {
  isWide: boolean;
  header: ReactNode;
  map: ReactNode;
  /** null until the park has loaded. */
  panels: DashboardPanels | null;
  activeTab: string;
  onTabChange(id: string): void;
  /** Dialogs and the toast, above everything. */
  overlays?: ReactNode;
}) {
  return (
    <div className={`dashboard ${isWide ? 'dashboard--wide' : 'dashboard--phone'}`}>
      {header}
      <main className="dashboard__main">
        {map}
        {isWide && panels && (
          <>
            <SidePanel side="left">
              <div className="panel-section panel-section--search">{panels.search}</div>
              {panels.colourBy}
              {panels.legend}
              {panels.filters}
              {panels.bulk}
            </SidePanel>
            <SidePanel side="right">
              <RightPanel panels={panels} />
            </SidePanel>
            <MapDock feed={panels.feed} problems={panels.problems} openProblems={panels.openProblems} />
          </>
        )}
        {!isWide && panels && <div className="map-search">{panels.search}</div>}
      </main>
      {!isWide && panels && (
        <BottomSheet tabs={phoneTabs(panels)} activeTab={activeTab} onTabChange={onTabChange} />
      )}
      {overlays}
    </div>
  );
}
