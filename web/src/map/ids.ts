/** Every maplibre source and layer id and every deck.gl layer id of the park map, in one place. */
export const SOURCE_IDS = {
  parkBoundary: 'park-boundary',
  villages: 'villages',
  villageLabels: 'village-labels',
} as const;

export const MAP_LAYER_IDS = {
  background: 'background',
  villageFill: 'village-fill',
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

/** deck.gl parcels are drawn just below this maplibre layer: boundaries and labels stay on top of the fills. */
export const PARCELS_BEFORE_LAYER_ID = MAP_LAYER_IDS.villageOutline;
