/**
 * What a URL means to the dashboard, as two pure functions: `parseViewState` and `formatViewState`.
 * The camera lives in the hash (`#zoom/lat/lon`, as OpenStreetMap and PMTiles write it); the filter, colour axis,
 * selected parcel, area measure and language live in the query string, the filter written by the same
 * `formatParcelFilter` the API reads. A reloaded or shared URL restores the same view.
 */
import {
  EMPTY_FILTER,
  FILTER_PARAMETERS,
  type FilterError,
  formatParcelFilter,
  type ParcelFilter,
  parseParcelFilter,
} from '../../../server/domain/filters.ts';
import type { StatisticsRow } from '../../../server/domain/statistics.ts';
import type { Axis } from '../../../server/domain/statuses.ts';
import { isLanguage, type Language } from '../i18n/dictionary.ts';

export interface Camera {
  zoom: number;
  latitude: number;
  longitude: number;
}

/** Which of a parcel's three areas the statistics add up (口径). */
export type AreaMeasure = keyof StatisticsRow['landArea'];
export const AREA_MEASURES: readonly AreaMeasure[] = ['plane', 'ellipsoid', 'survey'];

export interface ViewState {
  /** null: no camera in the URL, fit the park. */
  camera: Camera | null;
  filter: ParcelFilter;
  colourBy: Axis;
  selectedParcelId: number | null;
  language: Language;
  measure: AreaMeasure;
}

export const DEFAULT_VIEW_STATE: ViewState = {
  camera: null,
  filter: EMPTY_FILTER,
  colourBy: 'signing',
  selectedParcelId: null,
  language: 'zh',
  measure: 'plane',
};

/** Query parameter names beyond the filter's own (`FILTER_PARAMETERS`). */
export const VIEW_PARAMETERS = {
  colourBy: 'colourBy',
  parcel: 'parcel',
  language: 'lang',
  measure: 'measure',
} as const;

export interface ParsedViewState {
  state: ViewState;
  /** Filter values that were dropped because they are unknown (a typo must not silently widen the view). */
  problems: FilterError[];
}

/**
 * Reads a URL (absolute, or `?query#hash`). Without `knownVillages` (before the village list has loaded) any
 * village code is accepted; with it, unknown ones are dropped and reported.
 */
export function parseViewState(url: string | URL, knownVillages?: readonly string[]): ParsedViewState {
  const parsed = typeof url === 'string' ? new URL(url, 'http://localhost/') : url;
  const parameters = new URLSearchParams(parsed.search);
  const { filter, problems } = parseFilterLeniently(parameters, knownVillages);
  const colourBy = parameters.get(VIEW_PARAMETERS.colourBy);
  const language = parameters.get(VIEW_PARAMETERS.language);
  const measure = parameters.get(VIEW_PARAMETERS.measure);
  return {
    state: {
      camera: parseCameraHash(parsed.hash),
      filter,
      colourBy: colourBy === 'clearance' ? 'clearance' : 'signing',
      selectedParcelId: parseParcelId(parameters.get(VIEW_PARAMETERS.parcel)),
      language: isLanguage(language) ? language : DEFAULT_VIEW_STATE.language,
      measure: (AREA_MEASURES as readonly string[]).includes(measure ?? '')
        ? (measure as AreaMeasure)
        : DEFAULT_VIEW_STATE.measure,
    },
    problems,
  };
}

/** The inverse of `parseViewState`, as `?query#hash`; defaults are left out so a plain view has a plain URL. */
export function formatViewState(state: ViewState): string {
  const parameters = formatParcelFilter(state.filter);
  if (state.colourBy !== DEFAULT_VIEW_STATE.colourBy)
    parameters.set(VIEW_PARAMETERS.colourBy, state.colourBy);
  if (state.selectedParcelId !== null) parameters.set(VIEW_PARAMETERS.parcel, String(state.selectedParcelId));
  if (state.measure !== DEFAULT_VIEW_STATE.measure) parameters.set(VIEW_PARAMETERS.measure, state.measure);
  if (state.language !== DEFAULT_VIEW_STATE.language)
    parameters.set(VIEW_PARAMETERS.language, state.language);
  const query = parameters.toString();
  return `${query ? `?${query}` : ''}${state.camera ? formatCameraHash(state.camera) : ''}`;
}

/** `#zoom/lat/lon`; anything else (or out-of-range numbers) means "no camera". */
export function parseCameraHash(hash: string): Camera | null {
  const parts = hash.replace(/^#/, '').split('/');
  if (parts.length !== 3 || parts.some((part) => part.trim() === '')) return null;
  const [zoom, latitude, longitude] = parts.map(Number) as [number, number, number];
  if (![zoom, latitude, longitude].every(Number.isFinite)) return null;
  if (zoom < 0 || zoom > 24 || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { zoom, latitude, longitude };
}

/**
 * Decimals grow with the zoom so a shared link lands within a pixel or so (the OpenStreetMap rule): 4 decimals
 * (~11 m) at zoom 14, 5 at zoom 17.
 */
export function formatCameraHash(camera: Camera): string {
  const decimals = Math.max(0, Math.ceil(Math.log2(Math.max(camera.zoom, 1))));
  return `#${camera.zoom.toFixed(2)}/${camera.latitude.toFixed(decimals)}/${camera.longitude.toFixed(decimals)}`;
}

function parseParcelId(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

/** `parseParcelFilter`, but a bad value is dropped (and reported) instead of discarding the whole filter. */
function parseFilterLeniently(
  parameters: URLSearchParams,
  knownVillages: readonly string[] | undefined,
): { filter: ParcelFilter; problems: FilterError[] } {
  const villages = knownVillages ?? villageCodesIn(parameters);
  const first = parseParcelFilter(parameters, villages);
  if (first.ok) return { filter: first.filter, problems: [] };
  const cleaned = new URLSearchParams(parameters);
  for (const problem of first.errors) {
    const kept = cleaned
      .getAll(problem.field)
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter((value) => value !== problem.value);
    cleaned.delete(problem.field);
    if (kept.length > 0) cleaned.set(problem.field, kept.join(','));
  }
  const second = parseParcelFilter(cleaned, villages);
  return { filter: second.ok ? second.filter : EMPTY_FILTER, problems: first.errors };
}

function villageCodesIn(parameters: URLSearchParams): string[] {
  return parameters
    .getAll(FILTER_PARAMETERS.villages)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim());
}
