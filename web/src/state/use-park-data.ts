import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import { ApiError, api } from '../api/client.ts';
import { applyParcelSummaries, laterInstant, mergeRefreshedSummaries } from './live-summaries.ts';
import { alignToGeometry, type ParkData, parcelIndexOf } from './park-data.ts';
import {
  fetchParkDataParts,
  forgetPreloadedParkData,
  parkDataFrom,
  preloadedParkData,
} from './park-data-loader.ts';

export type Loadable<Data> =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'ready'; data: Data };

/**
 * The fallback when pushed changes stop (a proxy that buffers SSE, a laptop waking from sleep): statuses travel
 * separately from geometry and are small, so re-reading them this often costs milliseconds.
 */
const SUMMARY_REFRESH_MS = 60_000;
/** A burst of "re-read" requests (reconnections) becomes one read. */
const REFRESH_DEBOUNCE_MS = 400;

export interface ParkDataHandle {
  data: Loadable<ParkData>;
  retry(): void;
  /**
   * New summaries from a pushed change or our own write, applied in place (newer versions only): the map
   * re-colours and the numbers follow without re-reading anything.
   */
  applyParcels(parcels: readonly ParcelSummary[], asOf?: string): void;
  /** Re-reads every summary soon (after a reconnection, when changes may have been missed). */
  refresh(): void;
}

/**
 * Loads the park once (meta, villages, binary geometry, summaries, in parallel). Afterwards statuses change by
 * `applyParcels` (pushed changes) and, as a fallback, by a periodic re-read merged version by version.
 */
export function useParkData(signedIn: boolean, onUnauthorised: () => void): ParkDataHandle {
  const [data, setData] = useState<Loadable<ParkData>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const onUnauthorisedRef = useRef(onUnauthorised);
  useEffect(() => {
    onUnauthorisedRef.current = onUnauthorised;
  });
  const refreshRef = useRef<() => void>(() => undefined);

  // A layout effect runs before the passive effects of the same commit, among them the map view's, whose WebGL
  // start-up blocks the main thread for a second or more in software rendering: the requests go out first and
  // download while the map starts, instead of after it.
  useLayoutEffect(() => {
    void attempt;
    if (!signedIn) {
      setData({ status: 'loading' });
      return;
    }
    const preloaded = preloadedParkData();
    // Parts already in hand are on screen in this commit, before the map's effects run.
    const arrived = preloaded?.arrived?.value;
    if (arrived) {
      setData({ status: 'ready', data: parkDataFrom(arrived) });
      return;
    }
    const controller = new AbortController();
    const { signal } = controller;
    setData({ status: 'loading' });
    (preloaded?.promise ?? Promise.resolve(null))
      .then((parts) => parts ?? fetchParkDataParts(signal))
      .then((parts) => {
        if (!signal.aborted) setData({ status: 'ready', data: parkDataFrom(parts) });
      })
      .catch((error: unknown) => {
        if (signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) onUnauthorisedRef.current();
        else setData({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      });
    return () => controller.abort();
  }, [attempt, signedIn]);

  const ready = data.status === 'ready';
  // The preloaded parts serve the first load only (both of StrictMode's runs of it): once they are on screen, a
  // retry, a re-import or signing in again reads afresh.
  useEffect(() => {
    if (ready) forgetPreloadedParkData();
  }, [ready]);
  // The refresh compares against the summaries on screen, read through a ref so it never re-arms the timer.
  const summariesTagRef = useRef<string | null>(null);
  const summariesTag = data.status === 'ready' ? data.data.summariesTag : null;
  useEffect(() => {
    summariesTagRef.current = summariesTag;
  }, [summariesTag]);
  useEffect(() => {
    if (!ready) return;
    const controller = new AbortController();
    let debounce: number | undefined;
    const refresh = () =>
      api
        .parcelSummariesIfChanged(summariesTagRef.current, controller.signal)
        .then((summaries) =>
          setData((current) => {
            if (!summaries || current.status !== 'ready') return current;
            if (summaries.revision === current.data.revision) return current;
            // A survey import changed the parcels themselves: geometry and summaries are reloaded together.
            if (summaries.geometryRevision !== current.data.geometryRevision) {
              setAttempt((attempt) => attempt + 1);
              return current;
            }
            const refreshed = alignToGeometry(current.data.geometry.parcelIds, summaries.parcels);
            const parcels = mergeRefreshedSummaries(current.data.parcels, refreshed);
            return {
              status: 'ready',
              data: {
                ...current.data,
                parcels,
                asOf: laterInstant(current.data.asOf, summaries.asOf),
                revision: summaries.revision,
                summariesTag: summaries.entityTag,
              },
            };
          }),
        )
        // A failed refresh keeps the last good data on screen and the next one tries again; a lost session
        // sends the operator back to signing in.
        .catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 401) onUnauthorisedRef.current();
        });
    refreshRef.current = () => {
      window.clearTimeout(debounce);
      debounce = window.setTimeout(refresh, REFRESH_DEBOUNCE_MS);
    };
    const timer = window.setInterval(refresh, SUMMARY_REFRESH_MS);
    return () => {
      refreshRef.current = () => undefined;
      window.clearInterval(timer);
      window.clearTimeout(debounce);
      controller.abort();
    };
  }, [ready]);

  const applyParcels = useCallback((updates: readonly ParcelSummary[], asOf?: string) => {
    if (updates.length === 0) return;
    setData((current) => {
      if (current.status !== 'ready') return current;
      const index = parcelIndexOf(current.data.geometry);
      const parcels = applyParcelSummaries(current.data.parcels, updates, index);
      if (parcels === current.data.parcels) return current;
      const newestAsOf = asOf ? laterInstant(current.data.asOf, asOf) : current.data.asOf;
      return { status: 'ready', data: { ...current.data, parcels, asOf: newestAsOf } };
    });
  }, []);

  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  const refresh = useCallback(() => refreshRef.current(), []);
  return { data, retry, applyParcels, refresh };
}
