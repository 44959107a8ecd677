/** Shapes the web names itself; the response shapes come from `AppType` in `client.ts`. */
import type { MultiPolygon, Polygon } from 'geojson';

export type AreaGeometry = Polygon | MultiPolygon;

export interface ApiErrorBody {
  error: string;
  details?: { field?: string; value?: string; zh?: string; en?: string }[];
}

export type ParcelExportFormat = 'csv' | 'xlsx' | 'geojson' | 'gpkg';
export type StatisticsExportFormat = 'csv' | 'xlsx';
