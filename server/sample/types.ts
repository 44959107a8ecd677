/**
 * The shapes the sample generator produces: plain GeoJSON (RFC 7946) and an event list, exactly what
 * `data/sample/` holds (field by field in data/README.md) and what `server/store` imports.
 */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Axis, ClearanceStatus, LandClass, SigningStatus, Structure } from '../domain/statuses.ts';

export interface SampleParkProperties {
  name: string;
  nameEn: string;
  town: string;
  /** `YYYY-MM-DD`: the programme's announcement; structures first seen after it are 抢建. */
  announcementDate: string;
}

export interface SampleVillageProperties {
  code: string;
  name: string;
  nameEn: string;
  town: string;
  leader: string;
  groupCount: number;
}

export interface SampleParcelProperties {
  code: string;
  holder: string;
  idNumber: string;
  phone: string;
  village: string;
  group: string;
  landClass: LandClass;
  buildingArea: number | null;
  structure: Structure | null;
  cadre: boolean;
  surveyArea: number;
  signing: SigningStatus;
  clearance: ClearanceStatus;
}

export type SampleParcelFeature = Feature<Polygon, SampleParcelProperties> & { id: number };

export interface SampleEvent {
  id: number;
  parcelCode: string;
  axis: Axis;
  from: string;
  to: string;
  /** ISO 8601 with the +08:00 offset (China Standard Time). */
  at: string;
  user: string;
  note: string;
}

export interface SamplePark {
  park: FeatureCollection<Polygon, SampleParkProperties>;
  villages: FeatureCollection<Polygon, SampleVillageProperties>;
  parcels: FeatureCollection<Polygon, SampleParcelProperties> & { features: SampleParcelFeature[] };
  events: SampleEvent[];
}

export interface GenerateParkOptions {
  /** Any 32-bit integer; the same seed always gives the same park, byte for byte. */
  seed: number;
  /** Roughly how many parcels to draw; the park's area grows in proportion (17 km² per 8,000 parcels). */
  parcelTarget: number;
}
