import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, watchChanges } from '../api/client.ts';
import { alignToGeometry, type ParkData, villageNamesOf } from './park-data.ts';

export type Loadable<Data> =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'ready'; data: Data };

/** Statuses travel separately from geometry and are small: re-read on every change, and this often anyway (ms). */
const SUMMARY_REFRESH_MS = 60_000;
const CHANGE_DEBOUNCE_MS = 400;

/**
 * Loads the park once (meta, villages, binary geometry, summaries, in parallel), then re-reads only the summaries
 * when the server announces a change (SSE) or a minute has passed, so a status change made in the field recolours
 * the map without moving any geometry.
 */
export function useParkData(
  signedIn: boolean,
  onUnauthorised: () => void,
): { data: Loadable<ParkData>; retry(): void } {
  const [data, setData] = useState<Loadable<ParkData>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const onUnauthorisedRef = useRef(onUnauthorised);
  useEffect(() => {
    onUnauthorisedRef.current = onUnauthorised;
  });

  useEffect(() => {
    void attempt;
    if (!signedIn) {
      setData({ status: 'loading' });
      return;
    }
    const controller = new AbortController();
    const { signal } = controller;
    setData({ status: 'loading' });
    Promise.all([
      api.meta(signal),
      api.villages(signal),
      api.parcelGeometry(signal),
      api.parcelSummaries(signal),
    ])
      .then(([meta, villages, geometry, summaries]) => {
        setData({
          status: 'ready',
          data: {
            meta,
            villages,
            geometry,
            parcels: alignToGeometry(geometry.parcelIds, summaries.parcels),
            asOf: summaries.asOf,
            revision: summaries.revision,
            villageCodes: villages.features.map((feature) => feature.properties.code),
            villageNames: villageNamesOf(villages),
          },
        });
      })
      .catch((error: unknown) => {
        if (signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) onUnauthorisedRef.current();
        else setData({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      });
    return () => controller.abort();
  }, [attempt, signedIn]);

  const ready = data.status === 'ready';
  useEffect(() => {
    if (!ready) return;
    const controller = new AbortController();
    let debounce: number | undefined;
    const refresh = () =>
      api
        .parcelSummaries(controller.signal)
        .then((summaries) =>
          setData((current) => {
            if (current.status !== 'ready' || summaries.revision === current.data.revision) return current;
            const parcels = alignToGeometry(current.data.geometry.parcelIds, summaries.parcels);
            return {
              status: 'ready',
              data: { ...current.data, parcels, asOf: summaries.asOf, revision: summaries.revision },
            };
          }),
        )
        // A failed refresh keeps the last good data on screen and the next one tries again; a lost session
        // sends the operator back to signing in.
        .catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 401) onUnauthorisedRef.current();
        });
    // A burst of changes (a bulk update) becomes one refresh.
    const scheduleRefresh = () => {
      window.clearTimeout(debounce);
      debounce = window.setTimeout(refresh, CHANGE_DEBOUNCE_MS);
    };
    const stopWatching = watchChanges(scheduleRefresh);
    const timer = window.setInterval(refresh, SUMMARY_REFRESH_MS);
    return () => {
      stopWatching();
      window.clearInterval(timer);
      window.clearTimeout(debounce);
      controller.abort();
    };
  }, [ready]);

  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  return { data, retry };
}
