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
  SUMMARIES_PATH,
  summariesFromDownload,
  type VillageCollection,
} from '../api/client.ts';
import { type Download, downloadInBackground } from './background-download.ts';
import { alignToGeometry, type ParkData, villageNamesOf } from './park-data.ts';

export interface ParkDataParts {
  meta: ParkMeta;
  villages: VillageCollection;
  geometry: ParcelGeometryBuffers;
  summaries: ParcelSummaries;
}

/** The two large reads arrive through a worker (`background-download.ts`), the two small ones here. */
export async function fetchParkDataParts(signal?: AbortSignal): Promise<ParkDataParts> {
  const [geometryDownload, summariesDownload] = downloadInBackground([GEOMETRY_PATH, SUMMARIES_PATH]);
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

let preloaded: Promise<ParkDataParts | null> | null = null;

/**
 * Starts the reads if someone is signed in (one session round trip first, so a signed-out visitor's sign-in page
 * sends no requests that can only fail). Any failure resolves to null: the dashboard then reads the usual way
 * and reports the error itself.
 */
export function preloadParkData(): void {
  preloaded = api
    .session()
    .then(() => fetchParkDataParts())
    .catch(() => null);
}

/**
 * The preloaded parts while nobody has used them yet (React's StrictMode runs the first load twice: both runs get
 * the same promise), else null.
 */
export function preloadedParkData(): Promise<ParkDataParts | null> | null {
  return preloaded;
}

/** Called once preloaded parts are on screen: a later load (retry, re-import, signing in again) reads afresh. */
export function forgetPreloadedParkData(): void {
  preloaded = null;
}
