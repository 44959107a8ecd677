/**
 * GeoJSON export (RFC 7946): longitude-latitude on WGS84 (CGCS2000 coordinates are used as-is, equal at survey
 * accuracy), no `crs` member. The 口径 and as-of time travel as foreign members of the FeatureCollection (§6.1).
 */
import type { ParcelRecord } from '../store/parcel-store.ts';
import { type ExportContext, parcelRow } from './parcel-columns.ts';

export function toGeoJson(
  records: readonly ParcelRecord[],
  context: ExportContext,
  information: Record<string, unknown>,
): string {
  const features = records.map((record) => ({
    type: 'Feature',
    id: record.summary.id,
    geometry: record.geometry,
    properties: parcelRow(record, context),
  }));
  return JSON.stringify({ type: 'FeatureCollection', ...information, features });
}
