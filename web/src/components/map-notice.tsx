import type { ReactNode } from 'react';

/** A short message floating over the map (no parcels match, a bad link). */
export function MapNotice({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <div className="map-notice" role="status" data-testid={testId}>
      {children}
    </div>
  );
}
