import type { ReactNode } from 'react';
import { BottomSheet, type SheetTab } from './bottom-sheet.tsx';
import { SidePanel } from './side-panel.tsx';

/** Every panel, built once by the app and placed by the layout. */
export interface DashboardPanels {
  colourBy: ReactNode;
  legend: ReactNode;
  filters: ReactNode;
  statistics: ReactNode;
  detail: ReactNode;
  /** Export links shown inline (the wall screen has them in the header instead). */
  exportLinks: ReactNode;
  user: ReactNode;
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
    { id: 'filters', title: 'tabFilters', content: panels.filters },
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
  ];
}

/**
 * Wall screen: the map fills the screen under the header, panels float at its left and right edges.
 * Phone: the map on top, the same panels as tabs of a bottom sheet.
 */
export function DashboardLayout({
  isWide,
  header,
  map,
  panels,
  activeTab,
  onTabChange,
}: {
  isWide: boolean;
  header: ReactNode;
  map: ReactNode;
  /** null until the park has loaded. */
  panels: DashboardPanels | null;
  activeTab: string;
  onTabChange(id: string): void;
}) {
  return (
    <div className={`dashboard ${isWide ? 'dashboard--wide' : 'dashboard--phone'}`}>
      {header}
      <main className="dashboard__main">
        {map}
        {isWide && panels && (
          <>
            <SidePanel side="left">
              {panels.colourBy}
              {panels.legend}
              {panels.filters}
            </SidePanel>
            <SidePanel side="right">
              {panels.statistics}
              {panels.detail}
            </SidePanel>
          </>
        )}
      </main>
      {!isWide && panels && (
        <BottomSheet tabs={phoneTabs(panels)} activeTab={activeTab} onTabChange={onTabChange} />
      )}
    </div>
  );
}
