/**
 * The store interface. Routes see only this; the GeoPackage store (`geopackage-store.ts`) is the embedded default,
 * and a PostGIS store is the path for deployments that outgrow one machine.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { GaussKrugerZone } from '../domain/areas.ts';
import type { ParcelSummary, Village } from '../domain/parcel.ts';
import type { Bounds } from './geopackage/geometry-blob.ts';

export type AreaGeometry = Polygon | MultiPolygon;

export interface Park {
  name: string;
  nameEn: string;
  town: string;
  /** YYYY-MM-DD: structures first seen after it are 抢建 and never compensated. */
  announcementDate: string;
  boundary: AreaGeometry;
  bounds: Bounds;
  /** The Gauss-Krüger zone every plane area of this park is measured in. */
  zone: GaussKrugerZone;
}

export interface VillageRecord extends Village {
  geometry: AreaGeometry;
  /** Where the village name is drawn: a point inside the polygon. */
  labelPoint: [number, number];
}

export interface ParcelRecord {
  summary: ParcelSummary;
  geometry: AreaGeometry;
  bounds: Bounds;
  /** Personal data: never served unmasked unless a role allows it. */
  idNumber: string | null;
  phone: string | null;
}

export interface ParcelStore {
  readonly park: Park;
  villages(): readonly VillageRecord[];
  /** Every parcel summary, in a stable order (the order of the map's geometry buffer). */
  parcels(): readonly ParcelSummary[];
  records(): readonly ParcelRecord[];
  parcel(id: number): ParcelRecord | undefined;
  /** Ids of parcels whose bounds intersect the box (spatial index). */
  parcelIdsInBounds(bounds: Bounds): number[];
  /** ISO 8601 time of the latest recorded change: what every statistic is "as of". */
  asOf(): string;
  /** Increments on every committed write; caches and ETags key on it. */
  revision(): number;
  close(): void;
}
