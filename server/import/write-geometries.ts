/**
 * What writing a delivery needs of its geometries besides their areas, computed from one flat layer: the outline
 * (convex hull) of each village's parcels and of all of them (a new park's red line), and, for a caller that
 * writes at once, the GeoPackage blobs. A large delivery's area worker computes them once its areas are measured,
 * while the caller builds the report and the plan on the other core; the caller uses them only when the
 * geometries it plans are the layer's as read (`prepareImport`), so they are the very numbers and bytes it would
 * have computed itself.
 */
import type { Polygon } from 'geojson';
import { encodeFlatGeometryBlobs, type FlatGeometryBlobs } from '../store/geopackage/geometry-blob.ts';
import { convexHullOf } from './convex-hull.ts';
import type { FlatGeometries, FlatGeometry } from './flat-geometries.ts';

export interface WriteGeometriesRequest {
  /**
   * By position: the group of the parcel in the plan (its village as written), numbered from 0; −1 for a position
   * the plan leaves out (no geometry or no code).
   */
  groups: Int32Array;
  groupCount: number;
  /** The SRS of the blobs; null: no blobs (the plan waits for a confirmation, and would keep them as long). */
  blobSrsId: number | null;
}

export interface WriteGeometries {
  /** Each group's `convexHullOf` over its parcels in position order, by group. */
  groupOutlines: (Polygon | null)[];
  /** `convexHullOf` over every parcel of the plan, in position order. */
  outline: Polygon | null;
  blobs: FlatGeometryBlobs | null;
}

export function writeGeometries(flat: FlatGeometries, request: WriteGeometriesRequest): WriteGeometries {
  const { groups, groupCount } = request;
  const byGroup: FlatGeometry[][] = Array.from({ length: groupCount }, () => []);
  const planned: FlatGeometry[] = [];
  for (let position = 0; position < groups.length; position++) {
    const group = groups[position] as number;
    if (group < 0) continue;
    const geometry: FlatGeometry = { type: 'FlatGeometry', flat, position };
    (byGroup[group] as FlatGeometry[]).push(geometry);
    planned.push(geometry);
  }
  return {
    groupOutlines: byGroup.map((geometries) => convexHullOf(geometries)),
    outline: convexHullOf(planned),
    blobs: request.blobSrsId === null ? null : encodeFlatGeometryBlobs(flat, request.blobSrsId),
  };
}
