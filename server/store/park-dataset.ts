/**
 * A park as plain data, the shape of the committed sample sources (`data/sample/`, documented in data/README.md)
 * and of the benchmark generator's output. `createParkGeoPackage` turns one into a GeoPackage.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Axis } from '../domain/statuses.ts';

export interface ParkProperties {
  name: string;
  nameEn: string;
  town: string;
  announcementDate: string;
}

export interface VillageProperties {
  code: string;
  name: string;
  nameEn: string;
  town: string;
  leader: string;
  groupCount: number;
}

export interface ParcelSourceProperties {
  code: string;
  holder: string;
  idNumber: string | null;
  phone: string | null;
  village: string;
  group: string;
  landClass: string;
  buildingArea: number | null;
  structure: string | null;
  cadre: boolean;
  surveyArea: number | null;
  signing: string;
  clearance: string;
}

export interface StatusEventSource {
  id: number;
  parcelCode: string;
  axis: Axis;
  from: string;
  to: string;
  /** ISO 8601 with offset. */
  at: string;
  user: string;
  note: string;
}

export interface ParkDataset {
  park:
    | FeatureCollection<Polygon | MultiPolygon, ParkProperties>
    | Feature<Polygon | MultiPolygon, ParkProperties>;
  villages: FeatureCollection<Polygon | MultiPolygon, VillageProperties>;
  parcels: FeatureCollection<Polygon | MultiPolygon, ParcelSourceProperties>;
  events: StatusEventSource[];
}
