import { useCallback, useEffect, useState } from 'react';

/**
 * How long the panels wait for the map's first parcels once the park's data is in hand: a map that cannot draw
 * (no WebGL) or draws very slowly must not keep the numbers from the operator.
 */
const PANELS_WAIT_MS = 2500;

export interface PanelsAfterMap {
  /** True once the panels may take the park's data: the map has drawn its parcels, or waited long enough. */
  panelsReady: boolean;
  /** For the map: its first frame with parcels has been drawn. */
  onParcelsShown(): void;
}

/**
 * The map first. When the park's data arrives, the map and the panels (statistics, KPIs, change feed, problems,
 * time slider) would otherwise all take it at once, and the browser would lay out and paint the panels while the
 * map prepares its first frame. In software WebGL every synchronous WebGL call of that frame waits for the
 * compositor's frames (each a readback of the whole page), so the panels' paint, their requests and their renders
 * delayed the parcels by hundreds of milliseconds. The panels take the data once the parcels are on screen; the
 * page is complete as soon as before, with the map, the wall screen's main content, first.
 */
export function usePanelsAfterMap(dataReady: boolean): PanelsAfterMap {
  const [parcelsShown, setParcelsShown] = useState(false);
  const [waitedLongEnough, setWaitedLongEnough] = useState(false);
  useEffect(() => {
    if (!dataReady || parcelsShown) return;
    const timer = window.setTimeout(() => setWaitedLongEnough(true), PANELS_WAIT_MS);
    return () => window.clearTimeout(timer);
  }, [dataReady, parcelsShown]);
  const onParcelsShown = useCallback(() => setParcelsShown(true), []);
  return { panelsReady: dataReady && (parcelsShown || waitedLongEnough), onParcelsShown };
}
