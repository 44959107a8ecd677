import { type ReactNode, type RefObject, useRef } from 'react';
import { useLanguage } from '../i18n/use-language.ts';
import type { ParkMap, ParkMapCallbacks, ParkMapInput } from '../map/park-map.ts';
import { useParkMap } from '../map/use-park-map.ts';

/** The map's container; the map itself lives outside React (`ParkMap`). Overlays (states, notices) sit on top. */
export function MapView({
  input,
  callbacks,
  mapRef,
  children,
}: {
  input: ParkMapInput;
  callbacks: ParkMapCallbacks;
  mapRef?: RefObject<ParkMap | null>;
  children?: ReactNode;
}) {
  const { t } = useLanguage();
  const containerRef = useRef<HTMLDivElement>(null);
  useParkMap(containerRef, input, callbacks, mapRef);
  return (
    <div className="map-view" data-ready={input.data !== null}>
      <div
        className="map-view__canvas"
        ref={containerRef}
        data-testid="map"
        role="application"
        aria-label={t('mapLabel')}
      />
      {children}
    </div>
  );
}
