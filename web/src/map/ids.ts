/** Every maplibre source and layer id and every deck.gl layer id of the park map, in one place. */
export const SOURCE_IDS = {
  parkBoundary: 'park-boundary',
  villages: 'villages',
  villageLabels: 'village-labels',
} as const;

export const MAP_LAYER_IDS = {
  background: 'background',
  villageFill: 'village-fill',
  /**
   * Two empty layers that hold deck.gl's parcels' place in the style from the start (a "slot"): the parcels are
   * drawn between them, and park layers added later go below the start or above the end, never between.
   */
  parcelSlotStart: 'parcel-slot-start',
  parcelSlotEnd: 'parcel-slot-end',
  villageOutline: 'village-outline',
  villageSelectedOutline: 'village-selected-outline',
  parkBoundaryCasing: 'park-boundary-casing',
  parkBoundary: 'park-boundary-line',
  villageLabels: 'village-labels',
} as const;

export const DECK_LAYER_IDS = {
  parcelFill: 'parcel-fill',
  parcelOutline: 'parcel-outline',
  selectionCasing: 'parcel-selection-casing',
  selection: 'parcel-selection',
  selectionHalo: 'parcel-selection-halo',
  problemMarkers: 'problem-markers',
} as const;

/**
 * deck.gl parcels are drawn just below this maplibre layer: above the village fills, below boundaries and labels.
 * The slot is in the map's first style, before the park's layers, so deck.gl can take its place at once.
 */
export const PARCELS_BEFORE_LAYER_ID = MAP_LAYER_IDS.parcelSlotEnd;
