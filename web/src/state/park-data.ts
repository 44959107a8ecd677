/**
 * The data the dashboard draws, and the checks that hold it together: the geometry buffer and the summaries
 * must describe the same parcels in the same order (docs/api.md: "in the geometry buffer's order"), because the
 * map colours polygon i from summary i.
 */
import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import type { ParcelGeometryBuffers } from '../../../server/domain/parcel-geometry-binary.ts';
import type { ParkMeta, VillageCollection } from '../api/client.ts';

export interface ParkData {
  meta: ParkMeta;
  villages: VillageCollection;
  geometry: ParcelGeometryBuffers;
  /** `parcels[i]` is the parcel of geometry index i. */
  parcels: readonly ParcelSummary[];
  asOf: string;
  /** The store's revision the summaries were read at; a refresh at the same revision is skipped. */
  revision: number | string;
  /** The parcels' geometry revision at load: a refresh that reports another one reloads everything. */
  geometryRevision: number;
  /** The `ETag` of the summaries last read in full: the periodic refresh downloads nothing while it holds. */
  summariesTag: string | null;
  villageCodes: readonly string[];
  /** Village code → its name in both languages (for `label()`). */
  villageNames: ReadonlyMap<string, { zh: string; en: string }>;
}

const parcelIndexes = new WeakMap<ParcelGeometryBuffers, ReadonlyMap<number, number>>();

/**
 * Parcel id → geometry index (the summaries' index too: they are in geometry order), built once per loaded park and
 * shared by the map, the panels and live updates. Built from the geometry's own ids, a typed array: at 100k parcels a
 * map from the summaries' ids, built twice, had cost a few hundred milliseconds before the first frame.
 */
export function parcelIndexOf(geometry: ParcelGeometryBuffers): ReadonlyMap<number, number> {
  let index = parcelIndexes.get(geometry);
  if (!index) {
    const ids = geometry.parcelIds;
    const built = new Map<number, number>();
    for (let position = 0; position < ids.length; position++) built.set(ids[position] as number, position);
    index = built;
    parcelIndexes.set(geometry, index);
  }
  return index;
}

export function villageNamesOf(villages: VillageCollection): ReadonlyMap<string, { zh: string; en: string }> {
  return new Map(
    villages.features.map(({ properties }) => [
      properties.code,
      { zh: properties.name, en: properties.nameEn || properties.name },
    ]),
  );
}

/**
 * Returns the summaries in geometry order. The server promises that order; should it ever differ, the summaries
 * are re-ordered by id rather than painting one household's status on another's land.
 */
export function alignToGeometry(
  parcelIds: Uint32Array,
  parcels: readonly ParcelSummary[],
): readonly ParcelSummary[] {
  if (
    parcels.length === parcelIds.length &&
    parcels.every((parcel, index) => parcel.id === parcelIds[index])
  ) {
    return parcels;
  }
  const byId = new Map(parcels.map((parcel) => [parcel.id, parcel]));
  return Array.from(parcelIds, (id) => {
    const parcel = byId.get(id);
    if (!parcel) throw new Error(`parcel ${id} has geometry but no summary`);
    return parcel;
  });
}
