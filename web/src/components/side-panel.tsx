import type { ReactNode } from 'react';

/** A wall-screen panel floating over the map edge. */
export function SidePanel({ side, children }: { side: 'left' | 'right'; children: ReactNode }) {
  return (
    <aside className={`side-panel side-panel--${side}`} data-testid={`panel-${side}`}>
      {children}
    </aside>
  );
}
