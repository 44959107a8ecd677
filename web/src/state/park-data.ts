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
