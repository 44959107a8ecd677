/**
 * The four reads the dashboard needs before it can draw anything (meta, villages, binary geometry, summaries), and
 * a head start for them: `preloadParkData()` runs from the entry module, before the dashboard's code has even
 * downloaded, so the parcels travel while the ~2 MB app chunk loads and the map starts its WebGL context. The map
 * start-up blocks the main thread for a second or more in software rendering; requests issued from React would go
 * out only after it.
 */

import type { ParcelGeometryBuffers } from '../../../server/domain/parcel-geometry-binary.ts';
import {
  api,
  GEOMETRY_PATH,
  geometryFromDownload,
  type ParcelSummaries,
  type ParkMeta,
  type SessionInfo,
  SUMMARIES_PATH,
  summariesFromDownload,
  type VillageCollection,
} from '../api/client.ts';
import { BackgroundDownloads, type Download } from './background-download.ts';
import { alignToGeometry, type ParkData, villageNamesOf } from './park-data.ts';

export interface ParkDataParts {
  meta: ParkMeta;
  villages: VillageCollection;
  geometry: ParcelGeometryBuffers;
  summaries: ParcelSummaries;
}

/**
 * The two large reads arrive through a worker (`background-download.ts`), the two small ones here. `downloads` is
 * a worker started earlier (the preload starts it before the session check); by default, one is started now.
 */
export async function fetchParkDataParts(
  signal?: AbortSignal,
  downloads = new BackgroundDownloads(),
): Promise<ParkDataParts> {
  const [geometryDownload, summariesDownload] = downloads.download([
    { path: GEOMETRY_PATH, read: 'bytes' },
    { path: SUMMARIES_PATH, read: 'summaries' },
  ]);
  const [meta, villages, geometry, summaries] = await Promise.all([
    api.meta(signal),
    api.villages(signal),
    (geometryDownload as Promise<Download>).then(geometryFromDownload),
    (summariesDownload as Promise<Download>).then(summariesFromDownload),
  ]);
  return { meta, villages, geometry, summaries };
}

export function parkDataFrom({ meta, villages, geometry, summaries }: ParkDataParts): ParkData {
  return {
    meta,
    villages,
    geometry,
    parcels: alignToGeometry(geometry.parcelIds, summaries.parcels),
    asOf: summaries.asOf,
    revision: summaries.revision,
    geometryRevision: summaries.geometryRevision,
    summariesTag: summaries.entityTag,
    villageCodes: villages.features.map((feature) => feature.properties.code),
    villageNames: villageNamesOf(villages),
  };
}

/** A read started from the entry module, and its value once it has arrived (read synchronously at first render). */
export interface Preload<Value> {
  promise: Promise<Value>;
  arrived?: { value: Value };
}

function preload<Value>(promise: Promise<Value>): Preload<Value> {
  const started: Preload<Value> = { promise };
  promise.then(
    (value) => {
      started.arrived = { value };
    },
    () => undefined,
  );
  return started;
}

let sessionPreload: Preload<SessionInfo> | null = null;
let parkDataPreload: Preload<ParkDataParts | null> | null = null;

/**
 * Starts the reads if someone is signed in (one session round trip first, so a signed-out visitor's sign-in page
 * sends no requests that can only fail). Any failure of the park's reads resolves to null: the dashboard then reads
 * the usual way and reports the error itself. The session's answer is kept for `useSession`: asked again from
 * React, it would be answered only after the map's WebGL start-up, and the park's data would wait for it.
 */
export function preloadParkData(): void {
  const downloads = new BackgroundDownloads();
  const session = api.session();
  sessionPreload = preload(session);
  parkDataPreload = preload(
    session.then(
      () => fetchParkDataParts(undefined, downloads).catch(() => null),
      () => {
        downloads.close();
        return null;
      },
    ),
  );
}

/** The preloaded session check while nobody has used it yet, else null (a later check reads afresh). */
export function preloadedSession(): Preload<SessionInfo> | null {
  return sessionPreload;
}

export function forgetPreloadedSession(): void {
  sessionPreload = null;
}

/**
 * The preloaded parts while nobody has used them yet (React's StrictMode runs the first load twice: both runs get
 * the same promise), else null; `arrived` is set once they are in hand.
 */
export function preloadedParkData(): Preload<ParkDataParts | null> | null {
  return parkDataPreload;
}

/** Called once preloaded parts are on screen: a later load (retry, re-import, signing in again) reads afresh. */
export function forgetPreloadedParkData(): void {
  parkDataPreload = null;
}
