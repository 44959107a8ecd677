import { type ReactNode, useState } from 'react';
import { type MessageKey, useLanguage } from '../i18n/use-language.ts';

export interface SheetTab {
  id: string;
  title: MessageKey;
  content: ReactNode;
  /** A count shown on the tab (open problems). */
  badge?: number;
}

/** The phone layout's panels: one tab at a time under the map, expandable to most of the screen. */
export function BottomSheet({
  tabs,
  activeTab,
  onTabChange,
}: {
  tabs: readonly SheetTab[];
  activeTab: string;
  onTabChange(id: string): void;
}) {
  const { t, formats } = useLanguage();
  const [expanded, setExpanded] = useState(false);
  const active = tabs.find((tab) => tab.id === activeTab) ?? tabs[0];
  return (
    <section className="bottom-sheet" data-expanded={expanded} data-testid="bottom-sheet">
      <div className="bottom-sheet__bar">
        <div className="bottom-sheet__tabs" role="tablist">
          {tabs.map((tab) => (
            <button
              key={tab.id}
              type="button"
              role="tab"
              className="bottom-sheet__tab"
              id={`sheet-tab-${tab.id}`}
              aria-selected={tab.id === active?.id}
              aria-controls="sheet-panel"
              data-testid={`tab-${tab.id}`}
              onClick={() => onTabChange(tab.id)}
            >
              {t(tab.title)}
              {tab.badge ? <span className="count-badge">{formats.integer(tab.badge)}</span> : null}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="bottom-sheet__toggle"
          aria-expanded={expanded}
          aria-label={expanded ? t('collapseSheet') : t('expandSheet')}
          data-testid="sheet-toggle"
          onClick={() => setExpanded((value) => !value)}
        >
          <span aria-hidden="true">{expanded ? '▾' : '▴'}</span>
        </button>
      </div>
      <div
        className="bottom-sheet__panel"
        id="sheet-panel"
        role="tabpanel"
        aria-labelledby={`sheet-tab-${active?.id}`}
      >
        {active?.content}
      </div>
    </section>
  );
}
