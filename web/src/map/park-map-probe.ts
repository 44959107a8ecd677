/**
 * `window.__parkMap`: what end-to-end tests and the benchmark read from the live map, in every build.
 * Times are `performance.now()` milliseconds; screen positions are CSS pixels in the viewport (what
 * Playwright's `page.mouse.click(x, y)` and a screenshot's pixel grid use).
 */
export interface ParkMapProbe {
  /** True once the parcels have been drawn at least once. */
  ready: boolean;
  /** True once the park's own layers (villages, red line, names), added after the first parcels, have been drawn. */
  parkLayersShown: boolean;
  /** `performance.now()` when maplibre fired `load` (style and base layers ready). */
  mapLoadedAt?: number;
  /** `performance.now()` when the park's data (geometry and summaries) first reached the map. */
  dataReadyAt?: number;
  /** `performance.now()` when the parcel layers were first handed to deck.gl. */
  layersSetAt?: number;
  /** `performance.now()` of the first frame with parcels. */
  drawnAt?: number;
  /** From the last parcel layer update (`setProps`) to deck.gl's next `onAfterRender`. */
  lastRedrawMs?: number;
  /** Parcel layer updates measured so far. */
  redrawCount: number;
  parcelCount: number;
  /** Parcels passing the current filter (the GPU mask's population). */
  visibleCount: number;
  zoom: number;
  /** Whether the zoom-gated parcel outlines are currently drawn. */
  outlinesVisible: boolean;
  /** `[lon, lat]` → `[x, y]` viewport CSS pixels. */
  project(lonLat: [number, number]): [number, number];
  /** Pans by `[dx, dy]` pixels without animation; resolves with ms until that frame has rendered (benchmark). */
  measurePan(offset: [number, number]): Promise<number>;
  /** A `[lon, lat]` strictly inside the parcel with this id, or null if unknown. */
  pointInParcel(parcelId: number): [number, number] | null;
  /** A `[lon, lat]` on the parcel's outline (the middle of its first edge), or null if unknown. */
  pointOnParcelEdge(parcelId: number): [number, number] | null;
  /** The statuses and version the map colours this parcel by (live: pushed changes apply without a reload). */
  statusOf(parcelId: number): { signing: string; clearance: string; version: number } | null;
  /** `statusOf(id).version`: what the next `If-Match` would send. */
  summaryVersion(parcelId: number): number | null;
  /** Parcels with an open or assigned problem marker (one marker per parcel, at `pointInParcel`). */
  problemMarkerCount: number;
  problemMarkerParcels(): number[];
  /** True while the camera is animating (a search result being flown to). */
  isMoving(): boolean;
  /** The time slider's day the map shows (`YYYY-MM-DD`), or null when it shows the live statuses. */
  historicalDate: string | null;
  /** From `setHistoricalStatuses` (bytes in hand) to the next frame drawn with them: the slider's re-colour. */
  lastRecolourMs?: number;
  /** Time-slider re-colours measured so far. */
  recolourCount: number;
  /** The statuses the map paints this parcel with: the slider's day when one is shown, else the live ones. */
  shownStatusOf(parcelId: number): { signing: string; clearance: string } | null;
}

declare global {
  interface Window {
    __parkMap?: ParkMapProbe;
  }
}
