/** Shapes the web names itself; the response shapes come from `AppType` in `client.ts`. */
import type { MultiPolygon, Polygon } from 'geojson';
import type { ParcelEvent } from '../../../server/domain/events.ts';
import type { ParcelSummary } from '../../../server/domain/parcel.ts';
import type { Problem } from '../../../server/domain/problems.ts';

export type AreaGeometry = Polygon | MultiPolygon;

export interface ApiErrorBody {
  error: string;
  details?: { field?: string; value?: string; zh?: string; en?: string }[];
  /** 409 on a status change: why each parcel was refused (`stale`: someone changed it first). */
  failures?: ChangeFailure[];
  /** 409: the record as it is now (a parcel summary, or a problem). */
  current?: unknown;
}

export interface ChangeFailure {
  parcelId: number;
  reason: 'not-found' | 'stale' | 'illegal';
  message: { zh: string; en: string };
}

/** One message of `GET /api/events/stream` (`event: change`). */
export interface LiveChange {
  event: ParcelEvent;
  parcel: ParcelSummary;
  problem: Problem | null;
}

export type ParcelExportFormat = 'csv' | 'xlsx' | 'geojson' | 'gpkg' | 'shapefile';
export type StatisticsExportFormat = 'csv' | 'xlsx';
