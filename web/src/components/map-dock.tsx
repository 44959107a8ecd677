import { type ReactNode, useState } from 'react';
import { useLanguage } from '../i18n/use-language.ts';

/**
 * The wall screen's strip over the bottom of the map, between the side panels: the latest changes, and the reported
 * problems with the number still open. The park is fitted above it (`fitPadding`), so it hides no household.
 */
export function MapDock({
  feed,
  problems,
  openProblems,
}: {
  feed: ReactNode;
  problems: ReactNode;
  openProblems: number;
}) {
  const { t, formats } = useLanguage();
  const [tab, setTab] = useState<'feed' | 'problems'>('feed');
  const [collapsed, setCollapsed] = useState(false);
  return (
    <section className="map-dock" data-collapsed={collapsed} data-testid="map-dock">
      <div className="map-dock__bar" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'feed'}
          className="map-dock__tab"
          onClick={() => {
            setTab('feed');
            setCollapsed(false);
          }}
          data-testid="dock-tab-feed"
        >
          {t('feed')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'problems'}
          className="map-dock__tab"
          onClick={() => {
            setTab('problems');
            setCollapsed(false);
          }}
          data-testid="dock-tab-problems"
        >
          {t('problems')}
          {openProblems > 0 && <span className="count-badge">{formats.integer(openProblems)}</span>}
        </button>
        <button
          type="button"
          className="map-dock__toggle"
          aria-expanded={!collapsed}
          aria-label={collapsed ? t('dockExpand') : t('dockCollapse')}
          onClick={() => setCollapsed((value) => !value)}
          data-testid="dock-toggle"
        >
          <span aria-hidden="true">{collapsed ? '▴' : '▾'}</span>
        </button>
      </div>
      {!collapsed && <div className="map-dock__panel">{tab === 'feed' ? feed : problems}</div>}
    </section>
  );
}
